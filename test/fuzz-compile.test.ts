// Robustness of the whole compiler: every mutated mission goes through parse → check →
// generate, and each must end in diagnostics or in generated code — never an exception.
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/index.ts";
import { SEEDS, mutate, prng } from "./support/fuzz-inputs.ts";

// Complete missions that check cleanly, so mutations also reach the generator.
const VALID = [
  `mission FanOutFanIn {
  maxConcurrency: 2
  parallelMode: "fail-fast"
  source Api { auth: bearer, base: "https://api.example.test", retry: { maxAttempts: 3 } }
  action FetchMaster { get Api "/items" { params: { page: 1 } } store response -> items { key: .id } }
  action EnrichWithPricing {
    concurrency: 5
    for item in items parallel {
      get Api concat("/pricing/", item.id)
      store response -> pricing { key: item.id }
    }
  }
  action EnrichWithInventory {
    for item in items where .active {
      get "/inventory" { params: { itemId: item.id } }
      match response {
        { code: 404 } -> skip,
        { code: c } where c >= 500 -> retry { maxAttempts: 2 },
        _ -> store response -> inventory { key: item.id, upsert: true }
      }
    }
  }
  action Combine {
    for item in items {
      let label = if item.price > 10 then "big" else "small"
      map item -> EnrichedItem { ...item, price: pricing[item.id].price, label: label }
      store item -> enrichedItems { key: .id }
    }
    match {
      length(errors) > 0 -> { store { errors: errors, partial: true } -> mergeLog },
      _ -> continue
    }
  }
  run FetchMaster then [EnrichWithPricing, EnrichWithInventory] then Combine
}`,
  `mission Shapes {
  schema Job { jobId: string, state: string?, tags: array<string> }
  store cache: file("cache")
  action Pull {
    get "/jobs" { paginate: page(page, 50), until: length(response.items) == 0 or page >= 3 }
    match response {
      [] -> skip,
      [Job] -> store response -> jobs { key: .jobId },
      _ -> abort "unexpected"
    }
    validate response { assume length(.items) > 0 }
    let ids = response.items | map(.id) | unique
    store { ids: ids, n: sum(response.items, .qty), at: formatDate(now(), "YYYY-MM-DD") } -> audit { key: "last" }
    delete cache["old"]
    jump Refresh
  }
  action Refresh { post "/refresh" { body: { force: true } } }
  run Pull
}`,
];

describe("compiler fuzz", () => {
  it("valid seeds compile to code", () => {
    for (const source of VALID) {
      const result = compile(source, { file: "seed.reqon" });
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.ts).toContain("export function run");
    }
  });

  it("answers 3000 mutated missions with diagnostics or code, never an exception", () => {
    const random = prng(0xc0ffee);
    let generated = 0;
    let rejected = 0;
    for (let n = 0; n < 3000; n++) {
      // Two thirds from the valid seeds, so that many mutants get through to the generator.
      const seed = n % 3 < 2 ? VALID[n % VALID.length]! : SEEDS[n % SEEDS.length]!;
      const source = mutate(seed, random);
      let result;
      try {
        result = compile(source, { file: "fuzz.reqon" });
      } catch (error) {
        throw new Error(`compile threw on ${JSON.stringify(source)}: ${(error as Error).stack}`);
      }
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) {
        rejected++;
        expect(result.ts).toBeUndefined();
      } else {
        generated++;
        expect(result.ts).toContain("export function run");
      }
    }
    // Both paths must be exercised for the test to mean anything.
    expect(generated).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(1000);
  }, 120_000);
});

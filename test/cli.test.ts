// The reqonc CLI as a user runs it: `node bin/reqonc.mjs …` against a local API server.
// Exit codes, stdout/stderr shape, --json, --output, --trace, option files (LANGUAGE.md §30).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { repoRoot, reqonc, runNode } from "./support/cli.ts";

const CATALOG = `mission Catalog {
  source Shop { auth: none, base: "http://shop.invalid" }

  action ListProducts {
    get Shop "/products"
    store response -> products { key: .sku }
  }

  action LoadLevels {
    for p in products {
      get Shop concat("/levels/", p.sku)
      store response -> levels { key: p.sku }
    }
  }

  action LoadPrices {
    get Shop "/prices"
    store response -> prices { key: .sku }
  }

  run ListProducts then [LoadLevels, LoadPrices]
}
`;

// LoadTotals fails on its own stage (§7.2), so the mission fails.
const STANDALONE_FAILURE = `mission Totals {
  source Shop { auth: none, base: "http://shop.invalid" }
  action LoadTotals {
    get Shop "/missing"
    store response -> totals { key: .id }
  }
  run LoadTotals
}
`;

// `wanted` is read but never written or declared: an input store (§9.2).
const WITH_INPUT = `mission Pick {
  source Shop { auth: none, base: env("SHOP_URL") }
  action Choose {
    for w in wanted {
      get Shop concat("/levels/", w.sku)
      store response -> picked { key: w.sku }
    }
  }
  run Choose
}
`;

const BROKEN = `mission Broken {
  action A {
    get "/x"
  }
  run A then Missing
}
`;

const WITH_WARNING = `mission Warned {
  source Shop { auth: none, base: "http://shop.invalid" }
  action A {
    get Shop "/prices"
    store response -> prices { key: .sku }
  }
  action NeverRun {
    get Shop "/prices"
  }
  run A
}
`;

let api: ApiServer;
let dir: string;
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  api = await startApiServer();
  // B-2 first: LoadLevels stores B-2, then fails on A-1 (a sequential loop stops at its first error).
  api.route("GET", "/products", { json: [{ sku: "B-2", name: "Shelf" }, { sku: "A-1", name: "Desk lamp" }] });
  api.route("GET", "/levels/A-1", { status: 503, json: { error: "depot down" } });
  api.route("GET", "/levels/B-2", { json: { sku: "B-2", available: 4 } });
  api.route("GET", "/prices", { json: [{ sku: "A-1", amount: 25 }, { sku: "B-2", amount: 60 }] });
  dir = mkdtempSync(join(tmpdir(), "reqonc-cli-"));
});

afterAll(async () => {
  await api.close();
});

describe("reqonc check", () => {
  it("accepts a valid mission silently with exit 0", async () => {
    const r = await reqonc(["check", file("catalog.reqon", CATALOG)]);
    expect(r).toMatchObject({ code: 0, stdout: "" });
  });

  it("prints diagnostics with a code frame on stderr and exits 2", async () => {
    const path = file("broken.reqon", BROKEN);
    const r = await reqonc(["check", path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${path}:5:14: error: unknown action 'Missing'`);
    expect(r.stderr).toContain(" 5 |   run A then Missing\n   |              ^^^^^^^");
  });

  it("prints warnings but exits 0", async () => {
    const r = await reqonc(["check", file("warned.vague", WITH_WARNING)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/warned\.vague:\d+:\d+: warning: action 'NeverRun' is never run/);
  });

  it("rejects other extensions, missing files and unknown flags with exit 2", async () => {
    const wrongExtension = await reqonc(["check", file("catalog.txt", CATALOG)]);
    expect(wrongExtension).toMatchObject({ code: 2, stdout: "" });
    expect(wrongExtension.stderr).toContain("expected a .reqon or .vague file");

    const missing = await reqonc(["check", join(dir, "nope.reqon")]);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toContain("cannot read");

    const unknownFlag = await reqonc(["check", "--frobnicate", file("catalog.reqon", CATALOG)]);
    expect(unknownFlag).toMatchObject({ code: 2, stdout: "" });
    expect(unknownFlag.stderr).toContain("unknown option '--frobnicate'");

    const folder = await reqonc(["check", dir]);
    expect(folder).toMatchObject({ code: 2, stdout: "" });
    expect(folder.stderr).toContain("is a folder without mission.reqon or mission.vague");
  });

  it("loads the compiler from the V8 code cache the build made for each command's flags (and compiles without one)", async () => {
    // Sets the V8 flags bin/reqonc.mjs sets for command argv[2], then loads the compiler for
    // command argv[3] (default: the same) from dist/compiler-loader.mjs.
    const probe = file("probe.mjs", [
      `import v8 from "node:v8";`,
      `import { v8FlagsFor } from ${JSON.stringify(join(repoRoot, "bin/v8-flags.mjs"))};`,
      `const flags = v8FlagsFor(process.argv[2]);`,
      `if (flags) v8.setFlagsFromString(flags);`,
      `const loader = await import(${JSON.stringify(join(repoRoot, "dist/compiler-loader.mjs"))});`,
      `const compiler = loader.loadCompiler(process.argv[3] ?? process.argv[2]);`,
      `const { diagnostics } = compiler.compile("mission M { run [A] }", { file: "m.reqon" });`,
      `console.log(loader.codeCacheState(), diagnostics.map((d) => d.code).join());`,
    ].join("\n"));
    for (const command of ["check", "emit", "build", "run", "demo"]) {
      expect((await runNode(probe, [command])).stdout.trim(), command).toBe("accepted unknown-action");
    }
    // The cache made under other flags (run keeps V8's optimizing compiler) is rejected, and the
    // compiler still loads.
    expect((await runNode(probe, ["check", "run"])).stdout.trim()).toBe("rejected unknown-action");
  });

  it("exits 2 for an unknown command", async () => {
    const r = await reqonc(["frobnicate"]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
  });
});

describe("reqonc emit", () => {
  it("prints the generated module, starting with its runtime import", async () => {
    const r = await reqonc(["emit", file("catalog.reqon", CATALOG)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('from "reqonc/runtime"');
    expect(r.stdout).toContain("export function run");
  });
});

describe("reqonc run", () => {
  it("--json prints exactly the result object; partial run exits 3", async () => {
    const r = await reqonc(["run", file("catalog.reqon", CATALOG), "--base", `Shop=${api.url}`, "--json"]);
    expect(r.code).toBe(3);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result).sort()).toEqual(["errors", "mission", "status", "stores", "timeline"]);
    expect(result.mission).toBe("Catalog");
    expect(result.status).toBe("partial");
    expect(result.stores.products).toEqual({
      "A-1": { sku: "A-1", name: "Desk lamp" },
      "B-2": { sku: "B-2", name: "Shelf" },
    });
    expect(result.stores.prices["B-2"]).toEqual({ sku: "B-2", amount: 60 });
    expect(result.errors).toEqual([
      { action: "LoadLevels", message: `GET ${api.url}/levels/A-1: HTTP 503`, code: "HTTP_ERROR", status: 503 },
    ]);
    expect(result.timeline.map((e: { action: string; stage: number; status: string }) => [e.action, e.stage, e.status]))
      .toEqual([["ListProducts", 0, "succeeded"], ["LoadLevels", 1, "failed"], ["LoadPrices", 1, "succeeded"]]);
  });

  it("prints a human summary with store counts, located errors and a timeline", async () => {
    const path = file("catalog.reqon", CATALOG);
    const r = await reqonc(["run", path, "--base", `Shop=${api.url}`]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("Mission Catalog: partial");
    expect(r.stdout).toMatch(/products\s+2 records/);
    expect(r.stdout).toContain(`LoadLevels: GET ${api.url}/levels/A-1: HTTP 503`);
    expect(r.stdout).toContain(`at ${path}:11:7`); // the failing get step
    const rows = r.stdout.split("\n").filter((line) => /^\s+(ListProducts|LoadLevels|LoadPrices)\s+\|/.test(line));
    expect(rows).toHaveLength(3);
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR and a pipe: no colour codes
  });

  it("exits 1 when a standalone stage fails", async () => {
    const r = await reqonc(["run", file("totals.reqon", STANDALONE_FAILURE), "--base", `Shop=${api.url}`, "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).status).toBe("failed");
  });

  it("writes --output store files and --trace event lines", async () => {
    const out = join(dir, "out");
    const trace = join(dir, "trace.jsonl");
    const r = await reqonc([
      "run", file("catalog.reqon", CATALOG), "--base", `Shop=${api.url}`, "--output", out, "--trace", trace, "--json",
    ]);
    expect(r.code).toBe(3);
    expect(readdirSync(out).sort()).toEqual(["levels.json", "prices.json", "products.json"]);
    expect(JSON.parse(readFileSync(join(out, "levels.json"), "utf8"))).toEqual({ "B-2": { sku: "B-2", available: 4 } });
    const events = readFileSync(trace, "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ type: "mission.start", mission: "Catalog" });
    expect(events.at(-1)).toMatchObject({ type: "mission.end", status: "partial" });
    const failed = events.find((e) => e.type === "action.end" && e.action === "LoadLevels");
    expect(failed.error).toMatchObject({ code: "HTTP_ERROR", status: 503 });
    expect(events.filter((e) => e.type === "request").length).toBe(4);
  });

  it("an --output folder that cannot be made is exit 2 before any request", async () => {
    const blocker = file("not-a-folder.txt", "x");
    const before = api.requests.length;
    const r = await reqonc(["run", file("catalog.reqon", CATALOG), "--base", `Shop=${api.url}`, "--output", join(blocker, "out"), "--json"]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toContain(`--output: cannot write to '${join(blocker, "out")}'`);
    expect(api.requests.length).toBe(before);
  });

  it("--verbose logs events on stderr and keeps --json stdout clean", async () => {
    const r = await reqonc(["run", file("catalog.reqon", CATALOG), "--base", `Shop=${api.url}`, "--verbose", "--json"]);
    expect(r.code).toBe(3);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toContain("mission Catalog started");
    expect(r.stderr).toContain(`→ GET ${api.url}/products`);
    expect(r.stderr).toMatch(/✗ LoadLevels failed/);
  });

  it("--dry-run sends no request", async () => {
    const before = api.requests.length;
    const r = await reqonc(["run", file("catalog.reqon", CATALOG), "--base", `Shop=${api.url}`, "--dry-run", "--json"]);
    expect(api.requests.length).toBe(before);
    expect(JSON.parse(r.stdout).mission).toBe("Catalog");
  });

  it("reads --input records and --env variables", async () => {
    const inputs = file("wanted.json", JSON.stringify([{ sku: "B-2" }]));
    const env = file("vars.env", `# the shop\nexport SHOP_URL="${api.url}"\n`);
    const r = await reqonc(["run", file("pick.reqon", WITH_INPUT), "--input", `wanted=${inputs}`, "--env", env, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stores.picked).toEqual({ "B-2": { sku: "B-2", available: 4 } });
  });

  it("prints compile warnings and still runs", async () => {
    const r = await reqonc(["run", file("warned.reqon", WITH_WARNING), "--base", `Shop=${api.url}`, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: action 'NeverRun' is never run");
    expect(JSON.parse(r.stdout).status).toBe("succeeded");
  });

  it.each([
    ["compile errors", () => ["run", file("broken.reqon", BROKEN)], "unknown action 'Missing'"],
    ["an unknown flag", () => ["run", file("catalog.reqon", CATALOG), "--nope"], "unknown option '--nope'"],
    ["a malformed --base", () => ["run", file("catalog.reqon", CATALOG), "--base", "Shop"], "expected SOURCE=URL"],
    ["an unknown --base source", () => ["run", file("catalog.reqon", CATALOG), "--base", "Depot=http://x.test"], "unknown source 'Depot'"],
    ["a --base that is not a URL", () => ["run", file("catalog.reqon", CATALOG), "--base", "Shop=ftp://x"], "is not an http"],
    ["an unknown --input store", () => ["run", file("pick.reqon", WITH_INPUT), "--input", `nope=${file("n.json", "[]")}`], "unknown store 'nope'"],
    ["a missing --input file", () => ["run", file("pick.reqon", WITH_INPUT), "--input", `wanted=${join(dir, "absent.json")}`], "cannot read"],
    ["an invalid --input file", () => ["run", file("pick.reqon", WITH_INPUT), "--input", `wanted=${file("bad.json", "{oops")}`], "not valid JSON"],
    ["--input records that are not objects", () => ["run", file("pick.reqon", WITH_INPUT), "--input", `wanted=${file("nums.json", "[1, 2]")}`], "array of records"],
    ["an invalid --auth file", () => ["run", file("catalog.reqon", CATALOG), "--auth", file("auth.json", "[]")], "--auth"],
    ["a missing --env file", () => ["run", file("catalog.reqon", CATALOG), "--env", join(dir, "absent.env")], "--env: cannot read"],
    ["an invalid --env file", () => ["run", file("catalog.reqon", CATALOG), "--env", file("junk.env", "A=1\njunk line\n")], "line 2 is not KEY=VALUE"],
  ])("exits 2 with nothing on stdout for %s", async (_name, args, message) => {
    const r = await reqonc([...args(), "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // never a stack trace
  });

  it("splits STORE=FILE at the first '='", async () => {
    const odd = file("a=b.json", JSON.stringify([{ sku: "B-2" }]));
    const env = file("vars2.env", `SHOP_URL=${api.url}\n`);
    const r = await reqonc(["run", file("pick.reqon", WITH_INPUT), "--input", `wanted=${odd}`, "--env", env, "--json"]);
    expect(r.code).toBe(0);
  });
});

describe("reqonc demo", () => {
  it("runs the fan-out/fan-in mission and shows the two enrichments overlapping", async () => {
    const r = await reqonc(["demo"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Mission FanOutFanIn: succeeded");
    expect(r.stdout).toMatch(/enrichedItems\s+5 records/);
    const bar = (action: string): [number, number] => {
      const row = r.stdout.split("\n").find((line) => line.trimStart().startsWith(`${action} `));
      const inside = row!.slice(row!.indexOf("|") + 1, row!.lastIndexOf("|"));
      return [inside.indexOf("█"), inside.lastIndexOf("█")];
    };
    const pricing = bar("EnrichWithPricing");
    const inventory = bar("EnrichWithInventory");
    const master = bar("FetchMaster");
    const combine = bar("Combine");
    expect(Math.max(pricing[0], inventory[0])).toBeLessThan(Math.min(pricing[1], inventory[1])); // overlap
    expect(master[0]).toBeLessThanOrEqual(pricing[0]);
    expect(combine[1]).toBeGreaterThanOrEqual(Math.max(pricing[1], inventory[1]));
  });
});

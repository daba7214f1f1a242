// In-process tests of the CLI's pieces: flag parsing, option files, summary and timeline
// rendering, colours. (test/cli.test.ts covers the same through the built CLI.)
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { colorsFor } from "../cli/colors.ts";
import { CliExit } from "../cli/exit.ts";
import { formatEvent } from "../cli/progress-log.ts";
import { renderSummary } from "../cli/render-summary.ts";
import { drawBar, renderTimeline } from "../cli/render-timeline.ts";
import { splitAssignment, type RunFlags } from "../cli/run-flags.ts";
import { exitCodeFor } from "../cli/run-main.ts";
import { prepareRunOptions } from "../cli/run-options.ts";
import { createHandler } from "../cli/standalone.ts";
import type { MissionInfo, RunResult } from "../runtime/core/types.ts";

const plain = colorsFor({ isTTY: false }, {});

const MISSION: MissionInfo = {
  name: "Catalog",
  maxConcurrency: null,
  parallelMode: "all-settled",
  sources: [{ name: "Shop", auth: "bearer", base: "https://shop.example.test" }],
  stores: [
    { name: "products", kind: "memory", target: "products", declared: false, input: false },
    { name: "wanted", kind: "memory", target: "wanted", declared: false, input: true },
  ],
  actions: [{ name: "List", concurrency: 10 }],
  pipeline: [{ stage: 0, parallel: false, actions: ["List"] }],
};

function flags(extra: Partial<RunFlags>): RunFlags {
  return { ...extra };
}

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CliExit);
    expect((e as CliExit).exitCode).toBe(2);
    return (e as CliExit).message;
  }
  throw new Error("expected a usage error");
}

describe("splitAssignment", () => {
  it("splits at the first '='", () => {
    expect(splitAssignment("orders=data/a=b.json")).toEqual({ name: "orders", value: "data/a=b.json" });
    expect(splitAssignment("Shop=http://x.test/?a=1")).toEqual({ name: "Shop", value: "http://x.test/?a=1" });
  });

  it("rejects a missing '=' or an empty side", () => {
    expect(splitAssignment("orders")).toBeNull();
    expect(splitAssignment("=file.json")).toBeNull();
    expect(splitAssignment("orders=")).toBeNull();
  });
});

describe("prepareRunOptions", () => {
  const dir = mkdtempSync(join(tmpdir(), "reqonc-units-"));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("reads inputs (array or keyed object), env and base URLs", () => {
    const { options } = prepareRunOptions(
      flags({
        input: [`wanted=${file("w.json", '{"k1": {"sku": "A"}}')}`],
        env: file(".env", "# comment\nexport TOKEN='abc'\nPLAIN=1\n"),
        base: ["Shop=http://127.0.0.1:9"],
        dryRun: true,
      }),
      MISSION,
    );
    expect(options).toEqual({
      inputs: { wanted: { k1: { sku: "A" } } },
      env: { TOKEN: "abc", PLAIN: "1" },
      baseUrls: { Shop: "http://127.0.0.1:9" },
      dryRun: true,
    });
  });

  it("keeps auth entries and warns about names that are not sources", () => {
    const auth = file("auth.json", JSON.stringify({ Shop: { type: "bearer", token: "t" }, Shopp: { token: "x" } }));
    const { options, warnings } = prepareRunOptions(flags({ auth }), MISSION);
    expect(options.auth?.Shop).toEqual({ type: "bearer", token: "t" });
    expect(warnings).toEqual(["--auth: 'Shopp' is not a source of mission 'Catalog'; its credentials are ignored"]);
  });

  it("reports bad option files and unknown names as usage errors", () => {
    expect(usageMessage(() => prepareRunOptions(flags({ input: ["products"] }), MISSION))).toBe(
      "--input: expected STORE=FILE, got 'products'",
    );
    expect(usageMessage(() => prepareRunOptions(flags({ input: [`orders=${file("o.json", "[]")}`] }), MISSION))).toBe(
      "--input: unknown store 'orders' (stores of mission 'Catalog': products, wanted)",
    );
    expect(usageMessage(() => prepareRunOptions(flags({ input: [`wanted=${file("s.json", '"x"')}`] }), MISSION))).toContain(
      "must hold an array of records or an object of records",
    );
    expect(usageMessage(() => prepareRunOptions(flags({ auth: file("a.json", '{"Shop": "token"}') }), MISSION))).toBe(
      `--auth: the entry for 'Shop' in '${join(dir, "a.json")}' must be an object`,
    );
    expect(usageMessage(() => prepareRunOptions(flags({ base: ["Depot=http://x.test"] }), MISSION))).toBe(
      "--base: unknown source 'Depot' (sources of mission 'Catalog': Shop)",
    );
    expect(usageMessage(() => prepareRunOptions(flags({ env: join(dir, "missing.env") }), MISSION))).toBe(
      `--env: cannot read '${join(dir, "missing.env")}' (ENOENT)`,
    );
  });

  it("says where an --auth file is not JSON without quoting its text (it holds credentials)", () => {
    const broken = file("broken-auth.json", '{\n  "Shop": { "type": "bearer", "token": sk-live-SECRET }\n}');
    const message = usageMessage(() => prepareRunOptions(flags({ auth: broken }), MISSION));
    expect(message).toMatch(/^--auth: '.*broken-auth\.json' is not valid JSON/);
    expect(message).not.toContain("sk-live");
    const unquoted = file("unquoted-auth.json", '{\n  Shop: {}\n}');
    expect(usageMessage(() => prepareRunOptions(flags({ auth: unquoted }), MISSION))).toBe(
      `--auth: '${unquoted}' is not valid JSON (line 2, column 3)`,
    );
  });

  it("a handler event body that is not JSON is rejected without quoting the body", async () => {
    const handler = createHandler(async () => { throw new Error("run() must not be reached"); });
    const rejection = handler({ body: '{"auth": {"Shop": {"token": sk-live-SECRET}}}' });
    await expect(rejection).rejects.toThrow("handler: event.body is not valid JSON");
    await rejection.catch((e: Error) => expect(e.message).not.toContain("sk-live"));
  });

  // §30.3: an invalid --env file is a usage error (dotenv alone would skip the bad line).
  it("rejects an --env line that is not KEY=VALUE, naming its line but not its text", () => {
    const env = file("bad.env", "# ok\nGOOD=1\nexport ALSO='x'\n\nsecret-without-equals\n");
    expect(usageMessage(() => prepareRunOptions(flags({ env }), MISSION))).toBe(
      `--env: '${env}' line 5 is not KEY=VALUE, a # comment or blank`,
    );
  });

  it("reads --env quotes, export, inline comments and quoted values spanning lines", () => {
    const env = file("ok.env", '\uFEFFA="x y" # why\r\nexport B=\'q\'\nC=\nD="one\nline two # not a comment\n"\nE=e\n');
    expect(prepareRunOptions(flags({ env }), MISSION).options.env).toEqual({
      A: "x y", B: "q", C: "", D: "one\nline two # not a comment\n", E: "e",
    });
  });
});

describe("timeline chart", () => {
  it("places bars over the run's duration so parallel actions overlap", () => {
    expect(drawBar({ action: "A", stage: 0, start: 0, end: 50, status: "succeeded" }, 100)).toBe(
      "█".repeat(20) + " ".repeat(20),
    );
    expect(drawBar({ action: "B", stage: 1, start: 50, end: 100, status: "failed" }, 100)).toBe(
      " ".repeat(20) + "█".repeat(20),
    );
    // A very short action still gets one cell; one that never started gets a dot.
    expect(drawBar({ action: "C", stage: 2, start: 100, end: 100, status: "succeeded" }, 100)).toBe(" ".repeat(39) + "█");
    expect(drawBar({ action: "D", stage: 3, start: 100, end: 100, status: "skipped" }, 100)).toBe(" ".repeat(39) + "·");
  });

  it("renders one row per entry plus an axis", () => {
    const rows = renderTimeline(
      [
        { action: "Fetch", stage: 0, start: 0, end: 10, status: "succeeded" },
        { action: "EnrichA", stage: 1, start: 10, end: 40, status: "succeeded" },
      ],
      plain,
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^ {2}Fetch {4}\|█{10} {30}\| {3}0–10 ms {2}succeeded$/);
    expect(rows[2]).toContain("40 ms");
  });
});

describe("renderSummary", () => {
  const result: RunResult = {
    mission: "Catalog",
    status: "partial",
    stores: { products: { a: {}, b: {} }, levels: { b: {} }, empty: {} },
    errors: [{ action: "LoadLevels", message: "GET http://x/levels/a: HTTP 503", code: "HTTP_ERROR", status: 503 }],
    timeline: [{ action: "LoadLevels", stage: 0, start: 0, end: 12, status: "failed" }],
  };

  it("shows status, record counts, located errors and the timeline", () => {
    const text = renderSummary(result, { colors: plain, failedAt: ["catalog.reqon:14:7"] });
    expect(text).toContain("Mission Catalog: partial in 12 ms");
    expect(text).toContain("  products  2 records\n  levels    1 record\n  empty     0 records");
    expect(text).toContain("✗ LoadLevels: GET http://x/levels/a: HTTP 503 [HTTP_ERROR]\n      at catalog.reqon:14:7");
    expect(text).toContain("Timeline\n  LoadLevels  |");
    expect(text).not.toMatch(/\u001b\[/);
  });
});

describe("colours and events", () => {
  it("colours only terminals, and never with NO_COLOR", () => {
    expect(colorsFor({ isTTY: true }, {}).red("x")).not.toBe("x");
    expect(colorsFor({ isTTY: true }, { NO_COLOR: "1" }).red("x")).toBe("x");
    expect(colorsFor({ isTTY: false }, {}).red("x")).toBe("x");
    expect(colorsFor({ isTTY: false }, { FORCE_COLOR: "1" }).red("x")).not.toBe("x");
  });

  it("formats events as readable lines", () => {
    expect(formatEvent({ type: "request", t: 3.4, action: "A", method: "GET", url: "http://x/a", attempt: 2 }, plain)).toBe(
      "[    3 ms]   → GET http://x/a (attempt 2) A",
    );
    expect(
      formatEvent({ type: "action.end", t: 12, action: "A", stage: 0, status: "failed", error: { message: "boom", at: "m.reqon:3:5" } }, plain),
    ).toBe("[   12 ms] ✗ A failed: boom at m.reqon:3:5");
  });

  it("maps run status to exit codes 0/3/1", () => {
    expect([exitCodeFor("succeeded"), exitCodeFor("partial"), exitCodeFor("failed")]).toEqual([0, 3, 1]);
  });
});

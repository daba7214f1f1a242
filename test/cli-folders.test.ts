// `reqonc check|emit|build|run FOLDER` (LANGUAGE.md §33) as a user runs them, against a local API.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { repoRoot, reqonc, runNode } from "./support/cli.ts";

const FIXTURE = join(repoRoot, "fixtures", "folders", "catalog");
const TWIN = join(repoRoot, "fixtures", "folders", "catalog-twin.reqon");

let api: ApiServer;
let work: string;
beforeAll(async () => {
  api = await startApiServer();
  api.route("GET", "/products", { json: [{ sku: "A-1", name: "Desk lamp" }, { sku: "B-2", name: "Shelf" }, { bad: true }] });
  api.route("GET", "/levels/A-1", { json: { sku: "A-1", available: 7 } });
  api.route("GET", "/levels/B-2", { status: 503, json: { error: "down" } });
  api.route("GET", "/prices", { json: [{ sku: "A-1", amount: 25 }, { sku: "B-2", amount: 60 }] });
  work = mkdtempSync(join(tmpdir(), "reqonc-cli-folders-"));
  // `reqonc … catalog` from the parent folder, so paths are shown as a user would type them.
  cpSync(FIXTURE, join(work, "catalog"), { recursive: true });
});
afterAll(async () => {
  await api.close();
  rmSync(work, { recursive: true, force: true });
});

function withoutTimes(result: { timeline: { start: number; end: number }[] }) {
  return { ...result, timeline: result.timeline.map(({ start: _s, end: _e, ...rest }) => rest) };
}

describe("reqonc with a mission folder", () => {
  it("check: exit 0 and nothing printed", async () => {
    const r = await reqonc(["check", "catalog"], { cwd: work });
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("run: the same result as the single-file twin; a failure in a part file names it", async () => {
    const args = ["--json", "--base", `Shop=${api.url}`];
    const folder = await reqonc(["run", "catalog/", ...args], { cwd: work });
    const twin = await reqonc(["run", TWIN, ...args]);
    expect(folder.stderr).toBe("");
    expect(folder.code).toBe(3);
    expect(twin.code).toBe(3);
    const fromFolder = JSON.parse(folder.stdout);
    const fromTwin = JSON.parse(twin.stdout);
    expect(withoutTimes(fromFolder)).toEqual(withoutTimes(fromTwin));
    expect(fromFolder.mission).toBe("Catalog");
    expect(fromFolder.stores.listings).toEqual({
      "A-1": { sku: "A-1", name: "Desk lamp", onHand: 7, price: 25 },
      "B-2": { sku: "B-2", name: "Shelf", onHand: null, price: 60 },
    });
    // The parallel group of two part files ran as one stage.
    expect(fromFolder.timeline.filter((t: { stage: number }) => t.stage === 1).map((t: { action: string }) => t.action).sort())
      .toEqual(["LoadLevels", "LoadPrices"]);
    expect(fromFolder.errors).toEqual([expect.objectContaining({ action: "LoadLevels", code: "HTTP_ERROR", status: 503 })]);
  });

  it("run --trace: errors and validation warnings name the part file and its line", async () => {
    api.route("GET", "/products", { json: [{ sku: "B-2", name: "" }] });
    const trace = join(work, "trace.jsonl");
    const r = await reqonc(["run", "catalog", "--base", `Shop=${api.url}`, "--trace", trace], { cwd: work });
    api.route("GET", "/products", { json: [{ sku: "A-1", name: "Desk lamp" }, { sku: "B-2", name: "Shelf" }, { bad: true }] });
    expect(r.code).toBe(3);
    const events = readFileSync(trace, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const failed = events.find((e) => e.type === "action.end" && e.action === "LoadLevels");
    expect(failed.error.at).toBe("actions/enrich/levels.reqon:3:5");
    const warning = events.find((e) => e.type === "warning" && e.kind === "validation");
    expect(warning).toMatchObject({ action: "Publish", line: 3, file: "actions/publish.reqon", constraint: "length(.name) > 0" });
  });

  it("emit prints one module; build writes DIR/<folder name>.ts, .js, .d.ts and a bundle", async () => {
    const emitted = await reqonc(["emit", "catalog"], { cwd: work });
    expect(emitted.code).toBe(0);
    expect(emitted.stdout).toContain(`cx.step("actions/list.reqon:3:3");`);
    const out = join(work, "out");
    const built = await reqonc(["build", "catalog", "-o", out, "--bundle"], { cwd: work });
    expect(built.code).toBe(0);
    for (const ext of [".ts", ".js", ".d.ts", ".mjs"]) expect(existsSync(join(out, `catalog${ext}`))).toBe(true);
    expect(readFileSync(join(out, "catalog.ts"), "utf8")).toBe(emitted.stdout);
    const bundled = await runNode(join(out, "catalog.mjs"), ["--json", "--base", `Shop=${api.url}`], { cwd: out });
    expect(bundled.code).toBe(3);
    expect(JSON.parse(bundled.stdout).stores.listings["A-1"]).toEqual({ sku: "A-1", name: "Desk lamp", onHand: 7, price: 25 });
  });

  it("the root file given alone compiles alone, with a note naming the part file and the folder", async () => {
    const r = await reqonc(["check", "catalog/mission.reqon"], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("catalog/mission.reqon:6:7: error: unknown action 'ListProducts'");
    expect(r.stderr).toContain("  = note: 'ListProducts' is declared in actions/list.reqon; pass the folder 'catalog' to include part files");
    expect(r.stderr).toContain("  = note: 'LoadLevels' is declared in actions/enrich/levels.reqon; pass the folder 'catalog' to include part files");
  });

  it("errors in part files: exit 2, FILE:LINE:COL with the folder as given, nothing on stdout", async () => {
    const broken = join(work, "broken");
    cpSync(FIXTURE, broken, { recursive: true });
    writeFileSync(join(broken, "actions", "extra.reqon"), "\nsource Other { base: \"http://o.invalid\" }\naction Publish { run Nope }\n");
    for (const command of ["check", "emit", "build", "run"]) {
      const r = await reqonc([command, "./broken"], { cwd: work });
      expect(r.code, command).toBe(2);
      expect(r.stdout, command).toBe("");
      expect(r.stderr, command).toContain("./broken/actions/extra.reqon:2:1: error: only action and schema declarations may appear outside mission.reqon");
      // extra.reqon comes before publish.reqon, so the second Publish is the one in publish.reqon.
      expect(r.stderr, command).toContain("./broken/actions/publish.reqon:1:8: error: duplicate action 'Publish' [duplicate-declaration]\n");
      expect(r.stderr, command).toContain("= note: ./broken/actions/extra.reqon:3:8: 'Publish' is first declared here");
    }
    expect(existsSync(join(work, "broken.ts"))).toBe(false);
  });

  it("ambiguous-root and a folder without a root file: exit 2", async () => {
    const both = join(work, "both");
    cpSync(FIXTURE, both, { recursive: true });
    cpSync(join(both, "mission.reqon"), join(both, "mission.vague"));
    const ambiguous = await reqonc(["check", "both"], { cwd: work });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("both/mission.vague:1:1: error: folder 'both' holds both mission.reqon and mission.vague");
    const none = await reqonc(["run", "catalog/actions"], { cwd: work });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("'catalog/actions' is a folder without mission.reqon or mission.vague");
  });
});

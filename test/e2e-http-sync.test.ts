// End to end: incremental sync (LANGUAGE.md §24.5) through compiled missions, with checkpoints in a
// temporary dataDir — what each run sends, and when a checkpoint is (not) committed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
let dataDir: string;
beforeEach(async () => {
  api = await startApiServer();
  dataDir = mkdtempSync(join(tmpdir(), "reqonc-sync-"));
});
afterEach(async () => {
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const checkpointFile = (mission: string) => join(dataDir, "sync", `${mission}.json`);
const checkpoints = (mission: string) =>
  JSON.parse(readFileSync(checkpointFile(mission), "utf8")) as Record<string, { syncedAt: string; recordCount: number }>;
const sinceSent = (path: string) => api.requestsTo(path).map((r) => r.query.get("since"));

describe("since: lastSync", () => {
  const mission = `
    mission Orders {
      source Shop { base: "http://shop.invalid" }
      action Pull {
        get "/orders" { since: lastSync }
        for o in response { store o -> orders { key: .id } }
        get "/after"
      }
      run Pull
    }`;

  it("first run sends no since and commits the run's start; the next run sends that time", async () => {
    api.route("GET", "/orders", { json: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    api.route("GET", "/after", { json: {} });
    const m = await loadMission(mission);
    const options = { baseUrls: { Shop: api.url }, dataDir };

    const before = Date.now();
    const first = await runMission(m, options);
    expect(first.result.status).toBe("succeeded");
    expect(sinceSent("/orders")).toEqual([null]);
    expect(api.requestsTo("/orders")[0]!.url).toBe("/orders");
    const saved = checkpoints("Orders");
    expect(Object.keys(saved)).toEqual(["Shop:/orders"]);
    expect(saved["Shop:/orders"]!.recordCount).toBe(3);
    const syncedAt = Date.parse(saved["Shop:/orders"]!.syncedAt);
    expect(saved["Shop:/orders"]!.syncedAt).toBe(new Date(syncedAt).toISOString());
    // The time the step's first request started: after the run began, not after the server saw it.
    expect(syncedAt).toBeGreaterThanOrEqual(before);
    expect(syncedAt).toBeLessThanOrEqual(api.requestsTo("/orders")[0]!.start);

    const second = await runMission(m, options);
    expect(second.result.status).toBe("succeeded");
    expect(sinceSent("/orders")).toEqual([null, saved["Shop:/orders"]!.syncedAt]);
    expect(Date.parse(checkpoints("Orders")["Shop:/orders"]!.syncedAt)).toBeGreaterThan(syncedAt);
  });

  it("lastSync { param: p } takes the parameter name from the expression p", async () => {
    api.route("GET", "/orders", { json: [] });
    const m = await loadMission(`
      mission Named {
        action Pull {
          let p = "updated_after"
          get "/orders" { since: lastSync { param: p, format: "date-only" } }
        }
        run Pull
      }`);
    const options = { baseUrls: { default: api.url }, dataDir };
    await runMission(m, options);
    await runMission(m, options);
    const second = api.requestsTo("/orders")[1]!;
    expect(second.query.get("updated_after")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(second.query.has("p")).toBe(false);
  });

  it("a corrupt checkpoint file fails the request with STORE_ERROR naming the file, and is left as it was", async () => {
    api.route("GET", "/orders", { json: [] });
    api.route("GET", "/after", { json: {} });
    const m = await loadMission(mission);
    for (const corrupt of ["{ not json", "null"]) {
      mkdirSync(join(dataDir, "sync"), { recursive: true });
      writeFileSync(checkpointFile("Orders"), corrupt);
      const { result } = await runMission(m, { baseUrls: { Shop: api.url }, dataDir });
      expect(result.status).toBe("failed");
      expect(result.errors).toEqual([expect.objectContaining({ action: "Pull", code: "STORE_ERROR" })]);
      expect(result.errors[0]!.message).toContain(`could not read sync checkpoints ${checkpointFile("Orders")}`);
      expect(readFileSync(checkpointFile("Orders"), "utf8")).toBe(corrupt);
    }
    expect(api.requestsTo("/orders")).toEqual([]);
  });

  it("a failed action never advances the checkpoint (even after its sync request succeeded)", async () => {
    api.route("GET", "/orders", { json: [{ id: 1 }] });
    api.route("GET", "/after", [{ json: {} }, { status: 500 }, { json: {} }]);
    const m = await loadMission(mission);
    const options = { baseUrls: { Shop: api.url }, dataDir };

    await runMission(m, options);
    const committed = checkpoints("Orders");
    const failed = await runMission(m, options); // /orders succeeds, then /after fails the action
    expect(failed.result.status).toBe("failed");
    expect(failed.result.stores.orders).toEqual({ 1: { id: 1 } }); // stored records are kept
    expect(checkpoints("Orders")).toEqual(committed);

    await runMission(m, options);
    const sent = sinceSent("/orders");
    expect(sent).toEqual([null, committed["Shop:/orders"]!.syncedAt, committed["Shop:/orders"]!.syncedAt]);
  });

  it("a dry run sends nothing and never commits", async () => {
    api.route("GET", "/orders", { json: [{ id: 1 }] });
    api.route("GET", "/after", { json: {} });
    const m = await loadMission(mission);
    const dry = await runMission(m, { baseUrls: { Shop: api.url }, dataDir, dryRun: true });
    expect(dry.result.status).toBe("succeeded");
    expect(api.requests).toHaveLength(0);
    expect(existsSync(checkpointFile("Orders"))).toBe(false);

    await runMission(m, { baseUrls: { Shop: api.url }, dataDir });
    const committed = checkpoints("Orders");
    await runMission(m, { baseUrls: { Shop: api.url }, dataDir, dryRun: true });
    expect(checkpoints("Orders")).toEqual(committed);
  });
});

describe("keys, formats and pages", () => {
  it("lastSync { param, format }, lastSync(\"key\"), syncKey and sinceFormat; sent on every page", async () => {
    api.route("GET", "/a", (req) => ({ json: Number(req.query.get("page")) < 3 ? [{ id: 1 }, { id: 2 }] : [] }));
    api.route("GET", "/b", { json: [] });
    api.route("GET", "/c", { json: [] });
    const m = await loadMission(`
      mission Keys {
        action A { get "/a" { paginate: page(page, 2), since: lastSync { param: "updated_since", format: "unix" } } }
        action B { get "/b" { since: lastSync("b-key"), sinceFormat: "date-only", sinceParam: "from" } }
        action C { get "/c?x=1" { since: lastSync, syncKey: "custom", sinceFormat: epoch } }
        run [A, B, C]
      }`);
    const options = { baseUrls: { default: api.url }, dataDir };
    await runMission(m, options);
    const saved = checkpoints("Keys");
    expect(Object.keys(saved).sort()).toEqual(["b-key", "custom", "default:/a"]);
    expect(saved["default:/a"]!.recordCount).toBe(4);
    expect(api.requests.every((r) => [...r.query.keys()].every((k) => k === "page" || k === "x"))).toBe(true);

    await runMission(m, options);
    const ms = (key: string) => Date.parse(saved[key]!.syncedAt);
    const secondA = api.requestsTo("/a").slice(3);
    expect(secondA).toHaveLength(3);
    for (const r of secondA) expect(r.query.get("updated_since")).toBe(String(Math.floor(ms("default:/a") / 1000)));
    expect(api.requestsTo("/b")[1]!.query.get("from")).toBe(saved["b-key"]!.syncedAt.slice(0, 10));
    expect(api.requestsTo("/c")[1]!.url).toBe(`/c?x=1&since=${ms("custom")}`);
  });

  it("since: EXPR sends its string form and keeps no checkpoint", async () => {
    api.route("GET", "/e", { json: [] });
    const m = await loadMission(`
      mission Expr {
        action Go { get "/e" { since: "2024-01-01" } }
        run Go
      }`);
    await runMission(m, { baseUrls: { default: api.url }, dataDir });
    await runMission(m, { baseUrls: { default: api.url }, dataDir });
    expect(sinceSent("/e")).toEqual(["2024-01-01", "2024-01-01"]);
    expect(existsSync(checkpointFile("Expr"))).toBe(false);
  });
});

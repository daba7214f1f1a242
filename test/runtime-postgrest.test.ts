// PostgREST stores (LANGUAGE.md §27.1, §27.2, §29): the table is loaded at run start into a mirror,
// reads come from the mirror, writes go to PostgREST first (exact requests checked against a fake
// PostgREST), the result holds only touched records, and the API key never leaks.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReqonError } from "../runtime/core/errors.ts";
import { PostgrestTable } from "../runtime/stores/postgrest.ts";
import type { ActionContext } from "../runtime/core/types.ts";
import { startApiServer, type LoggedRequest } from "./support/api-server.ts";
import { startFakePostgrest, type FakePostgrest } from "./support/fake-postgrest.ts";
import { loadMission, runMission } from "./support/mission.ts";
import { memoryStore, run, tempDir, type Store } from "./runtime-core-harness.ts";

const KEY = "pg-secret-key-4f1c9a";
let pg: FakePostgrest;
beforeEach(async () => { pg = await startFakePostgrest({ key: KEY }); });
afterEach(async () => { await pg.close(); });

const configured = (extra: Record<string, string> = {}) =>
  ({ REQON_POSTGREST_URL: pg.url, REQON_POSTGREST_API_KEY: KEY, ...extra });
const pgStore = (name: string, target = name, kind: Store["kind"] = "postgrest"): Store =>
  memoryStore(name, { kind, target, declared: true });
const one = (stores: Store[], body: (cx: ActionContext) => Promise<void>) =>
  ({ actions: { A: body }, pipeline: ["A"], stores });
const calls = (): string[] => pg.requests.map((r) => `${r.method} ${r.url}`);
const writes = (): LoggedRequest[] => pg.requests.filter((r) => r.method !== "GET");

/** The request as PostgREST sees it: method, URL, the headers that matter, the JSON body. */
function wire(r: LoggedRequest) {
  const h = r.headers;
  return {
    call: `${r.method} ${r.url}`, prefer: h.prefer, contentType: h["content-type"], body: r.body === "" ? null : JSON.parse(r.body),
  };
}

describe("loading at run start", () => {
  it("loads every page before the first action, with the key and schema headers", async () => {
    pg.seed("catalog", Array.from({ length: 1001 }, (_, i) => ({ id: i + 1, n: i })));
    let requestsWhenActionStarted = -1;
    let found: unknown;
    let count = -1;
    const { result } = await run(one([pgStore("P", "catalog")], async (cx) => {
      requestsWhenActionStarted = pg.requests.length;
      found = cx.lookup("P", 1001);
      count = cx.count("P");
    }), { env: configured({ REQON_POSTGREST_SCHEMA: "sales" }) });
    expect(result.status).toBe("succeeded");
    expect(calls()).toEqual([
      "GET /rest/v1/catalog?select=*&order=id&limit=1000&offset=0",
      "GET /rest/v1/catalog?select=*&order=id&limit=1000&offset=1000",
    ]);
    expect(requestsWhenActionStarted).toBe(2);
    const h = pg.requests[0].headers;
    expect([h.apikey, h.authorization, h["accept-profile"], h["content-profile"]])
      .toEqual([KEY, `Bearer ${KEY}`, "sales", undefined]);
    expect(found).toEqual({ id: 1001, n: 1000 });
    expect(count).toBe(1001);
    // Only the record read (looked up) is in the result; count reads no record.
    expect(result.stores.P).toEqual({ 1001: { id: 1001, n: 1000 } });
  });

  it("pages until a short page, keeping row order, and an empty last page ends it too", async () => {
    pg.seed("t", [{ id: "d" }, { id: "b" }, { id: "c" }, { id: "a" }]);
    const table = new PostgrestTable("T", { url: pg.url, apiKey: KEY, schema: null }, "t", 2);
    await table.load();
    expect(calls().map((c) => c.replace(/.*offset=/, ""))).toEqual(["0", "2", "4"]);
    expect([...table.mirror.entries()].map(([k]) => k)).toEqual(["d", "b", "c", "a"]);
  });

  it("a failed load is STORE_ERROR: the run fails before any action and the key is not shown", async () => {
    pg.seed("items", []);
    pg.failNext({ status: 401, message: `JWT ${KEY} is invalid` });
    let ran = false;
    const { result, events } = await run(one([pgStore("P", "items")], async () => { ran = true; }), { env: configured() });
    expect(ran).toBe(false);
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{
      action: "", code: "STORE_ERROR", status: 401,
      message: `store 'P': PostgREST GET ${pg.url}/items?select=*&order=id&limit=1000&offset=0 failed: HTTP 401: JWT *** is invalid`,
    }]);
    expect(JSON.stringify({ result, events })).not.toContain(KEY);
  });
});

describe("writes go to PostgREST, then to the mirror", () => {
  it("replace: POST with merge-duplicates and { ...record, id: KEY }", async () => {
    pg.seed("items", [{ id: "a", name: "old", extra: 1 }]);
    let mirrored: unknown;
    const { result, of } = await run(one([pgStore("P", "items")], async (cx) => {
      await cx.store({ store: "P", value: { id: "a", name: "A" } });
      await cx.store({ store: "P", value: { sku: "s 1/x", name: "S" }, key: (r) => r.sku });
      mirrored = cx.lookup("P", "s 1/x");
    }), { env: configured() });
    expect(result.status).toBe("succeeded");
    expect(writes().map(wire)).toEqual([
      { call: "POST /rest/v1/items", prefer: "resolution=merge-duplicates", contentType: "application/json", body: { id: "a", name: "A" } },
      { call: "POST /rest/v1/items", prefer: "resolution=merge-duplicates", contentType: "application/json", body: { sku: "s 1/x", name: "S", id: "s 1/x" } },
    ]);
    for (const r of writes()) expect([r.headers.apikey, r.headers.authorization]).toEqual([KEY, `Bearer ${KEY}`]);
    expect(mirrored).toEqual({ sku: "s 1/x", name: "S", id: "s 1/x" });
    // The mirror replaced the record; the fake (like PostgREST's upsert) kept the other column.
    expect(result.stores.P).toEqual({ a: { id: "a", name: "A" }, "s 1/x": { sku: "s 1/x", name: "S", id: "s 1/x" } });
    expect(of("store.write").map((e) => [e.key, e.mode])).toEqual([["a", "replace"], ["s 1/x", "replace"]]);
  });

  it("merge: PATCH ?id=eq.KEY with return=representation; no row matched → insert as for replace", async () => {
    pg.seed("items", [{ id: "a", name: "old", extra: 1 }]);
    const { result, of } = await run(one([pgStore("P", "items")], async (cx) => {
      await cx.store({ store: "P", value: { id: "a", name: "B" }, mode: "merge" });
      await cx.store({ store: "P", value: { name: "Z" }, key: () => "z/1", mode: "merge" });
    }), { env: configured({ REQON_POSTGREST_SCHEMA: "sales" }) });
    expect(result.status).toBe("succeeded");
    expect(writes().map(wire)).toEqual([
      { call: "PATCH /rest/v1/items?id=eq.a", prefer: "return=representation", contentType: "application/json", body: { id: "a", name: "B" } },
      { call: "PATCH /rest/v1/items?id=eq.z%2F1", prefer: "return=representation", contentType: "application/json", body: { name: "Z", id: "z/1" } },
      { call: "POST /rest/v1/items", prefer: "resolution=merge-duplicates", contentType: "application/json", body: { name: "Z", id: "z/1" } },
    ]);
    for (const r of writes()) expect([r.headers["content-profile"], r.headers["accept-profile"]]).toEqual(["sales", undefined]);
    expect(result.stores.P).toEqual({ a: { id: "a", name: "B", extra: 1 }, "z/1": { name: "Z", id: "z/1" } });
    expect(pg.rows("items")).toEqual([{ id: "a", name: "B", extra: 1 }, { name: "Z", id: "z/1" }]);
    expect(of("store.write").map((e) => [e.key, e.mode])).toEqual([["a", "merge"], ["z/1", "merge"]]);
  });

  it("delete: DELETE ?id=eq.KEY; clear: DELETE ?id=not.is.null", async () => {
    pg.seed("items", [{ id: "a" }, { id: "b" }, { id: "c" }]);
    let afterDelete: unknown[] = [];
    let afterClear = -1;
    const { result, of } = await run(one([pgStore("P", "items")], async (cx) => {
      await cx.deleteKey("P", "b");
      afterDelete = [cx.lookup("P", "b"), cx.count("P")];
      await cx.clear("P");
      afterClear = cx.count("P");
    }), { env: configured() });
    expect(result.status).toBe("succeeded");
    expect(writes().map(wire)).toEqual([
      { call: "DELETE /rest/v1/items?id=eq.b", prefer: undefined, contentType: undefined, body: null },
      { call: "DELETE /rest/v1/items?id=not.is.null", prefer: undefined, contentType: undefined, body: null },
    ]);
    expect(afterDelete).toEqual([null, 2]);
    expect(afterClear).toBe(0);
    expect(pg.rows("items")).toEqual([]);
    expect(of("store.write").map((e) => [e.key, e.mode])).toEqual([["b", "delete"], [null, "clear"]]);
  });

  it("a failed write is STORE_ERROR (with status) and leaves the mirror unchanged", async () => {
    pg.seed("items", [{ id: "a", v: 1 }]);
    let caught: unknown;
    let after: unknown;
    const { result, of } = await run({
      actions: {
        A: async (cx) => {
          pg.failNext({ status: 409, message: `conflict for key ${KEY}` });
          await cx.store({ store: "P", value: { id: "a", v: 2 } }).catch((e: unknown) => { caught = e; });
          after = cx.lookup("P", "a");
          pg.failNext({ status: 500, message: "boom" });
          await cx.store({ store: "P", value: [{ id: "n1" }, { id: "n2" }] });
        },
      },
      pipeline: ["A"],
      stores: [pgStore("P", "items")],
    }, { env: configured() });
    expect(caught).toBeInstanceOf(ReqonError);
    expect((caught as ReqonError).code).toBe("STORE_ERROR");
    expect((caught as ReqonError).status).toBe(409);
    expect((caught as ReqonError).message).toBe(`store 'P': PostgREST POST ${pg.url}/items failed: HTTP 409: conflict for key ***`);
    expect(after).toEqual({ id: "a", v: 1 });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "A", code: "STORE_ERROR", status: 500, message: expect.stringContaining("HTTP 500: boom") }]);
    expect(of("store.write")).toEqual([]);
    expect(result.stores.P).toEqual({ a: { id: "a", v: 1 } });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it("concurrent keyless writes get distinct sequence keys; concurrent merges of a new key all land", async () => {
    pg.seed("items", [{ id: "1" }]);
    const { result } = await run(one([pgStore("P", "items")], async (cx) => {
      await cx.forEach([1, 2, 3, 4, 5, 6], { parallel: true }, async (c, n) => {
        await c.store({ store: "P", value: { n } });
        await c.store({ store: "P", value: { id: "m", [`f${String(n)}`]: n, last: n }, mode: "merge" });
      });
    }), { env: configured() });
    expect(result.status).toBe("succeeded");
    const stored = result.stores.P as Record<string, Record<string, unknown>>;
    expect(Object.keys(stored).filter((k) => k !== "m").sort()).toEqual(["2", "3", "4", "5", "6", "7"]);
    expect(pg.rows("items").filter((r) => r.id !== "m")).toHaveLength(7);
    expect(pg.rows("items").find((r) => r.id === "m")).toEqual(stored.m);
    expect(Object.keys(stored.m)).toEqual(expect.arrayContaining(["f1", "f2", "f3", "f4", "f5", "f6"]));
  });

  it("writes to one key reach the table one at a time, in the order they were made", async () => {
    pg.seed("items", []);
    pg.delayNext(0); // the load
    pg.delayNext(150); // the first write: unordered, the second one would land first and lose
    const { result } = await run(one([pgStore("P", "items")], async (cx) => {
      await cx.forEach([1, 2], { parallel: true }, async (c, n) => {
        await c.store({ store: "P", value: { id: "m", v: n } });
      });
    }), { env: configured() });
    expect(result.stores.P).toEqual({ m: { id: "m", v: 2 } });
    expect(pg.rows("items")).toEqual([{ id: "m", v: 2 }]);
    const [first, second] = writes();
    expect(second.start).toBeGreaterThanOrEqual(first.end!);
  });

  it("input data seeding a PostgREST store is sent to the table and mirrored like a store step", async () => {
    pg.seed("items", []);
    const { result } = await run(one([pgStore("P", "items")], async () => {}), {
      env: configured(), inputs: { P: { in: { id: "in", v: 1 }, k2: { v: 2 } } },
    });
    expect(result.status).toBe("succeeded");
    expect(writes().map(wire)).toEqual([
      { call: "POST /rest/v1/items", prefer: "resolution=merge-duplicates", contentType: "application/json", body: { id: "in", v: 1 } },
      { call: "POST /rest/v1/items", prefer: "resolution=merge-duplicates", contentType: "application/json", body: { v: 2, id: "k2" } },
    ]);
    // The mirror holds what the table holds: the key in `id`, as for records a store step writes.
    expect(result.stores.P).toEqual({ in: { id: "in", v: 1 }, k2: { v: 2, id: "k2" } });
    expect(pg.rows("items")).toEqual([{ id: "in", v: 1 }, { v: 2, id: "k2" }]);
  });
});

describe("the result holds only records touched in this run", () => {
  it("looked up, written and iterated records count; counted and untouched ones do not", async () => {
    pg.seed("items", [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }]);
    const touched = await run(one([pgStore("P", "items")], async (cx) => {
      cx.lookup("P", "a");
      cx.lookup("P", "missing");
      cx.count("P");
      await cx.store({ store: "P", value: { id: "e" } });
      await cx.store({ store: "P", value: { id: "c" }, mode: "merge" });
      await cx.deleteKey("P", "c");
    }), { env: configured() });
    expect(touched.result.stores.P).toEqual({ a: { id: "a" }, e: { id: "e" } });

    const iterated = await run(one([pgStore("P", "items")], async (cx) => {
      await cx.forEach(cx.read("P"), {}, async () => {});
    }), { env: configured() });
    expect(Object.keys(iterated.result.stores.P)).toEqual(["a", "b", "d", "e"]);
  });
});

describe("configuration and dry run", () => {
  it("postgrest without REQON_POSTGREST_URL is CONFIG_ERROR before any request", async () => {
    pg.seed("items", []);
    let ran = false;
    const { result } = await run(one([pgStore("P", "items")], async () => { ran = true; }), {
      env: { REQON_POSTGREST_URL: "", REQON_POSTGREST_API_KEY: KEY },
    });
    expect(ran).toBe(false);
    expect(result.errors).toEqual([{
      action: "", code: "CONFIG_ERROR",
      message: "store 'P' uses postgrest, but PostgREST is not configured (set REQON_POSTGREST_URL)",
    }]);
    expect(pg.requests).toEqual([]);
  });

  it("a URL that is not http(s) is CONFIG_ERROR", async () => {
    const { result } = await run(one([pgStore("P")], async () => {}), { env: { REQON_POSTGREST_URL: "ftp://db.example.test" } });
    expect(result.errors).toEqual([{ action: "", code: "CONFIG_ERROR", message: "REQON_POSTGREST_URL is not an http(s) URL: ftp://db.example.test" }]);
  });

  it("sql stores use the PostgREST table when configured: no file, no warning", async () => {
    pg.seed("things", [{ id: 7, name: "seven" }]);
    const dataDir = tempDir();
    let seven: unknown;
    const { result, of } = await run(one([pgStore("S", "things", "sql")], async (cx) => {
      seven = cx.lookup("S", "7");
      await cx.store({ store: "S", value: { id: 8 } });
    }), { env: configured(), dataDir });
    expect(result.status).toBe("succeeded");
    expect(seven).toEqual({ id: 7, name: "seven" });
    expect(calls()).toEqual(["GET /rest/v1/things?select=*&order=id&limit=1000&offset=0", "POST /rest/v1/things"]);
    expect(of("warning")).toEqual([]);
    expect(existsSync(join(dataDir, "sql"))).toBe(false);
  });

  it("sql stores without PostgREST stay file stores with a warning", async () => {
    const dataDir = tempDir();
    const { of } = await run(one([pgStore("S", "things", "sql")], async (cx) => {
      await cx.store({ store: "S", value: { id: 8 } });
    }), { env: { REQON_POSTGREST_URL: "" }, dataDir });
    expect(of("warning").map((w) => w.store)).toEqual(["S"]);
    expect(existsSync(join(dataDir, "sql", "things.json"))).toBe(true);
  });

  it("dry run: memory stores, no PostgREST request at all", async () => {
    pg.seed("items", [{ id: "a" }]);
    let preloaded: unknown = "unset";
    const { result } = await run(one([pgStore("P", "items"), pgStore("S", "things", "sql")], async (cx) => {
      preloaded = cx.lookup("P", "a");
      await cx.store({ store: "P", value: { id: "b" } });
      await cx.deleteKey("P", "b");
      await cx.store({ store: "S", value: { id: "c" } });
      await cx.clear("P");
    }), { env: configured(), dryRun: true });
    expect(result.status).toBe("succeeded");
    expect(preloaded).toBeNull();
    expect(result.stores).toEqual({ P: {}, S: { c: { id: "c" } } });
    expect(pg.requests).toEqual([]);
  });
});

describe("end to end: a compiled mission over a PostgREST store", () => {
  it("loads, looks up inside expressions, merges, inserts, deletes, and reports touched records", async () => {
    const api = await startApiServer();
    try {
      api.route("GET", "/items", { json: [{ sku: "A-1", name: "Lamp" }, { sku: "B-2", name: "Shelf" }] });
      pg.seed("catalog_items", [
        { id: "A-1", sku: "A-1", name: "old", stock: 3 }, { id: "OLD", sku: "OLD" }, { id: "Z", sku: "Z" },
      ]);
      const m = await loadMission(`
        mission PgSync {
          store items: postgrest("catalog_items")
          action Pull {
            get "/items"
            store response -> items { key: .sku, upsert: true }
            store { total: length(items), first: items["A-1"].name } -> summary { key: "last" }
          }
          action Prune {
            delete items["OLD"]
          }
          run Pull then Prune
        }`);
      const { result, events } = await runMission(m, { baseUrls: { default: api.url }, env: configured() });
      expect(result.status).toBe("succeeded");
      expect(pg.requests.map(wire)).toEqual([
        { call: "GET /rest/v1/catalog_items?select=*&order=id&limit=1000&offset=0", prefer: undefined, contentType: undefined, body: null },
        { call: "PATCH /rest/v1/catalog_items?id=eq.A-1", prefer: "return=representation", contentType: "application/json", body: { sku: "A-1", name: "Lamp", id: "A-1" } },
        { call: "PATCH /rest/v1/catalog_items?id=eq.B-2", prefer: "return=representation", contentType: "application/json", body: { sku: "B-2", name: "Shelf", id: "B-2" } },
        { call: "POST /rest/v1/catalog_items", prefer: "resolution=merge-duplicates", contentType: "application/json", body: { sku: "B-2", name: "Shelf", id: "B-2" } },
        { call: "DELETE /rest/v1/catalog_items?id=eq.OLD", prefer: undefined, contentType: undefined, body: null },
      ]);
      expect(pg.requests[0].end!).toBeLessThanOrEqual(api.requests[0].start); // the load came first
      expect(result.stores).toEqual({
        items: { "A-1": { id: "A-1", sku: "A-1", name: "Lamp", stock: 3 }, "B-2": { sku: "B-2", name: "Shelf", id: "B-2" } },
        summary: { last: { total: 4, first: "Lamp" } },
      });
      expect(pg.rows("catalog_items").map((r) => r.id)).toEqual(["A-1", "Z", "B-2"]);
      expect(JSON.stringify({ result, events })).not.toContain(KEY);
    } finally {
      await api.close();
    }
  });
});

// End to end: paginated requests (LANGUAGE.md §24.3) through compiled missions against a local
// server — page/offset/cursor with and without `until`, the merged response, the maxPages cap.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

const base = () => ({ baseUrls: { default: api.url } });
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: from + i }));
const queryOf = (path: string, name: string) => api.requestsTo(path).map((r) => r.query.get(name));

describe("page(P, N) and offset(P, N)", () => {
  it("page(page, 10) without until stops at the short page; N is not sent", async () => {
    // 25 items: pages 1 and 2 are full, page 3 has 5 items.
    api.route("GET", "/items", (req) => {
      const page = Number(req.query.get("page"));
      return { json: ids((page - 1) * 10 + 1, Math.max(0, Math.min(10, 25 - (page - 1) * 10))) };
    });
    const m = await loadMission(`
      mission Pages {
        action Fetch {
          get "/items" { params: { sort: "id" }, paginate: page(page, 10) }
          for x in response { store x -> items { key: .id } }
        }
        run Fetch
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(api.requests.map((r) => r.url)).toEqual(["/items?sort=id&page=1", "/items?sort=id&page=2", "/items?sort=id&page=3"]);
    expect(Object.keys(result.stores.items!)).toHaveLength(25);
  });

  it("offset(offset, 10) with until: until decides (short pages do not stop), the until page is included", async () => {
    // Pages of 7 items (fewer than N) — only `until` may end the loop.
    api.route("GET", "/items", (req) => {
      const offset = Number(req.query.get("offset"));
      return { json: { data: ids(offset + 1, 7), meta: { last: offset >= 20 } } };
    });
    const m = await loadMission(`
      mission Offsets {
        action Fetch {
          get "/items" { paginate: offset(offset, 10), until: response.meta.last == true and offset >= 20 }
          for x in response.data { store x -> items { key: .id } }
          store { count: length(response.data), last: response.meta.last } -> summary { key: "s" }
        }
        run Fetch
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(queryOf("/items", "offset")).toEqual(["0", "10", "20"]);
    expect(Object.keys(result.stores.items!)).toHaveLength(21); // ids 1–7, 11–17, 21–27
    expect(result.stores.summary).toEqual({ s: { count: 21, last: true } });
  });

  it("fetches a 50-page API completely, each page exactly once", async () => {
    api.route("GET", "/big", (req) => {
      const page = Number(req.query.get("p"));
      return { json: { results: page <= 50 ? ids((page - 1) * 20 + 1, page < 50 ? 20 : 13) : [] } };
    });
    const m = await loadMission(`
      mission Big {
        action Fetch {
          get "/big" { params: { limit: 20 }, paginate: page("p", 20) }
          for r in response.results { store r -> rows { key: .id } }
        }
        run Fetch
      }`);
    const { result, events } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(queryOf("/big", "p")).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1)));
    expect(api.requests.every((r) => r.query.get("limit") === "20")).toBe(true);
    expect(Object.keys(result.stores.rows!)).toHaveLength(49 * 20 + 13);
    expect(events.filter((e) => e.type === "warning")).toEqual([]);
  });
});

describe("cursor(P, N, PATH)", () => {
  const chain: Record<string, { items: { id: number }[]; next: string | null }> = {
    "": { items: ids(1, 3), next: "c2" },
    c2: { items: ids(4, 3), next: "c3" },
    c3: { items: ids(7, 2), next: null },
  };
  const cursorApi = () => api.route("GET", "/feed", (req) => {
    const page = chain[req.query.get("after") ?? ""]!;
    return { json: { entries: page.items, meta: { next: page.next } } };
  });

  it("without until: no cursor on the first request, then the value at PATH, until it is null", async () => {
    cursorApi();
    const m = await loadMission(`
      mission Cursor {
        action Fetch {
          get "/feed" { paginate: cursor(after, 3, "meta.next") }
          for e in response.entries { store e -> entries { key: .id } }
          store response.meta -> meta { key: "last" }
        }
        run Fetch
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(api.requests.map((r) => r.url)).toEqual(["/feed", "/feed?after=c2", "/feed?after=c3"]);
    expect(Object.keys(result.stores.entries!)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(result.stores.meta).toEqual({ last: { next: null } });
  });

  it("with until: P is bound to the cursor sent for this page (null on the first)", async () => {
    cursorApi();
    const m = await loadMission(`
      mission CursorUntil {
        action Fetch {
          get "/feed" { paginate: cursor(after, 3, .meta.next), until: after == "c2" }
          for e in response.entries { store e -> entries { key: .id } }
        }
        run Fetch
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(api.requests.map((r) => r.url)).toEqual(["/feed", "/feed?after=c2"]);
    expect(Object.keys(result.stores.entries!)).toEqual(["1", "2", "3", "4", "5", "6"]);
  });
});

describe("merged response and the maxPages cap", () => {
  it("array pages merge into one array: `for x in response` sees every item", async () => {
    api.route("GET", "/arr", [{ json: ids(1, 2) }, { json: ids(3, 2) }, { json: [] }]);
    const m = await loadMission(`
      mission Arrays {
        action Fetch {
          get "/arr" { paginate: page(page, 2) }
          store { n: length(response), ids: response | map(.id) } -> merged { key: "all" }
          for x in response { store x -> items { key: .id } }
        }
        run Fetch
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(api.requests).toHaveLength(3); // the empty page ends the loop
    expect(result.stores.merged).toEqual({ all: { n: 4, ids: [1, 2, 3, 4] } });
    expect(Object.keys(result.stores.items!)).toEqual(["1", "2", "3", "4"]);
  });

  it("object pages: the last page's body with its items field holding every item", async () => {
    api.route("GET", "/obj", [
      { json: { total: 3, data: ids(1, 2), page: 1 } },
      { json: { total: 3, data: ids(3, 1), page: 2 } },
    ]);
    const m = await loadMission(`
      mission Objects {
        action Fetch {
          get "/obj" { paginate: page(page, 2) }
          store response -> merged { key: "all" }
          for x in response.data { store x -> items { key: .id } }
        }
        run Fetch
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(result.stores.merged).toEqual({ all: { total: 3, data: ids(1, 3), page: 2 } });
    expect(Object.keys(result.stores.items!)).toEqual(["1", "2", "3"]);
  });

  it("maxPages stops a never-ending API with a warning, without hanging", async () => {
    let n = 0;
    api.route("GET", "/endless", () => ({ json: { items: ids(++n * 10, 10), next: `c${n}` } }));
    const m = await loadMission(`
      mission Endless {
        action Fetch {
          get "/endless" { paginate: cursor(cursor, 10, "next"), maxPages: 5 }
          for x in response.items { store x -> items { key: .id } }
        }
        run Fetch
      }`);
    const { result, events } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(api.requests).toHaveLength(5);
    expect(Object.keys(result.stores.items!)).toHaveLength(50);
    const warnings = events.filter((e) => e.type === "warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ action: "Fetch", kind: "max-pages", maxPages: 5 });
    expect(String(warnings[0]!.message)).toContain("maxPages");
  });

  it("the default cap is 100 pages", async () => {
    api.route("GET", "/endless", (req) => ({ json: ids(Number(req.query.get("page")) * 2, 2) }));
    const m = await loadMission(`
      mission DefaultCap {
        action Fetch { get "/endless" { paginate: page(page, 2) } store { n: length(response) } -> count { key: "n" } }
        run Fetch
      }`);
    const { result, events } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(api.requests).toHaveLength(100);
    expect(result.stores.count).toEqual({ n: { n: 200 } });
    expect(events.filter((e) => e.type === "warning" && e.kind === "max-pages")).toHaveLength(1);
  });

  it("each page is retried on its own", async () => {
    let page2Failures = 1;
    api.route("GET", "/retrying", (req) => {
      const page = Number(req.query.get("page"));
      if (page === 2 && page2Failures-- > 0) return { status: 503 };
      return { json: page <= 2 ? ids(page * 10, 2) : [] };
    });
    const m = await loadMission(`
      mission PageRetry {
        action Fetch { get "/retrying" { paginate: page(page, 2), retry: { maxAttempts: 2, initialDelay: 10 } } store { n: length(response) } -> out { key: "n" } }
        run Fetch
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(queryOf("/retrying", "page")).toEqual(["1", "2", "2", "3"]);
    expect(result.stores.out).toEqual({ n: { n: 4 } });
  });

  it("a failing page fails the whole step; records stored before it are kept", async () => {
    api.route("GET", "/first", { json: [{ id: "kept" }] });
    api.route("GET", "/pages", [{ json: ids(1, 2) }, { status: 500, json: { error: "boom" } }]);
    const m = await loadMission(`
      mission PageFails {
        action Before { get "/first" for x in response { store x -> early { key: .id } } }
        action Fetch {
          get "/pages" { paginate: page(page, 2) }
          for x in response { store x -> items { key: .id } }
        }
        run Before then Fetch
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([
      { action: "Fetch", message: `GET ${api.url}/pages?page=2: HTTP 500`, code: "HTTP_ERROR", status: 500 },
    ]);
    expect(result.stores.early).toEqual({ kept: { id: "kept" } });
    expect(result.stores.items).toEqual({});
  });
});

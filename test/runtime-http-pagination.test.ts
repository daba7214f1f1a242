// Pagination (LANGUAGE.md §24.3) against a real local server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ActionContext } from "../runtime/core/types.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { harness, rejection, source } from "./runtime-http-harness.ts";

let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
});
afterEach(async () => {
  await api.close();
});

/** Serves `items` in pages of `size` by the page-number parameter `page`, wrapped as `{ meta, data }`. */
function pagedByNumber(items: unknown[], size: number) {
  return (req: { query: URLSearchParams }) => {
    const page = Number(req.query.get("page"));
    return { json: { meta: { page }, data: items.slice((page - 1) * size, page * size) } };
  };
}

describe("pagination (§24.3)", () => {
  it("page(P, N): stops at a short page and merges items into the last page's body", async () => {
    api.route("GET", "/t", pagedByNumber(["a", "b", "c", "d", "e"], 2));
    const h = harness({ sources: [source("S", api.url)] });
    const { value } = await h.get("/t", { params: { per_page: 2 }, paginate: { style: "page", param: "page", size: 2 } });
    expect(api.requests.map((r) => r.url)).toEqual(["/t?per_page=2&page=1", "/t?per_page=2&page=2", "/t?per_page=2&page=3"]);
    expect(value).toEqual({ meta: { page: 3 }, data: ["a", "b", "c", "d", "e"] });
  });

  it("accumulates pages too large to spread as call arguments", async () => {
    const big = Array.from({ length: 300_000 }, (_, i) => i);
    api.route("GET", "/big", (req) => ({ json: req.query.get("page") === "1" ? big : [] }));
    const h = harness({ sources: [source("S", api.url)] });
    const { value } = await h.get("/big", { paginate: { style: "page", param: "page", size: 300_000 } });
    expect((value as number[]).length).toBe(300_000);
    expect((value as number[])[299_999]).toBe(299_999);
  });

  it("offset(P, N) with array pages: stops at an empty page and answers the accumulated array", async () => {
    const all = [1, 2, 3, 4];
    api.route("GET", "/o", (req) => ({ json: all.slice(Number(req.query.get("skip")), Number(req.query.get("skip")) + 2) }));
    const h = harness({ sources: [source("S", api.url)] });
    const { value } = await h.get("/o", { paginate: { style: "offset", param: "skip", size: 2 } });
    expect(api.requests.map((r) => r.query.get("skip"))).toEqual(["0", "2", "4"]);
    expect(value).toEqual([1, 2, 3, 4]);
  });

  it("cursor(P, N, PATH): no parameter first, then the cursor found in the previous body", async () => {
    api.route("GET", "/c", (req) => {
      const at = req.query.get("after");
      if (at === null) return { json: { items: [1], meta: { next: "k2" } } };
      if (at === "k2") return { json: { items: [2], meta: { next: "k3" } } };
      return { json: { items: [3], meta: { next: null } } };
    });
    const h = harness({ sources: [source("S", api.url)] });
    const { value } = await h.get("/c", { paginate: { style: "cursor", param: "after", size: 1, cursorPath: ["meta", "next"] } });
    expect(api.requests.map((r) => r.url)).toEqual(["/c", "/c?after=k2", "/c?after=k3"]);
    expect(value).toEqual({ items: [1, 2, 3], meta: { next: null } });
  });

  it("until sees the page body and the parameter; the satisfying page is included; no short-page stop", async () => {
    api.route("GET", "/u", (req) => ({ json: { n: Number(req.query.get("page")), rows: [req.query.get("page")] } }));
    const seen: unknown[] = [];
    const until = (cx: ActionContext, page: unknown): unknown => {
      seen.push([(cx.response as { n: number }).n, page]);
      return page === 3;
    };
    const h = harness({ sources: [source("S", api.url)] });
    const { value } = await h.get("/u", { paginate: { style: "page", param: "page", size: 50 }, until });
    expect(seen).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(value).toEqual({ n: 3, rows: ["1", "2", "3"] });
  });

  it("stops after maxPages with a warning event", async () => {
    api.route("GET", "/m", { json: [1, 2] });
    const h = harness({ sources: [source("S", api.url)] });
    const { value } = await h.get("/m", { paginate: { style: "page", param: "page", size: 2 }, maxPages: 3 });
    expect(api.requests).toHaveLength(3);
    expect(value).toEqual([1, 2, 1, 2, 1, 2]);
    expect(h.eventsOf("warning")).toEqual([expect.objectContaining({ type: "warning", action: "Fetch", kind: "max-pages", maxPages: 3 })]);
  });

  it("a page failure fails the whole step (each page retried on its own)", async () => {
    api.route("GET", "/f", (req) => (req.query.get("page") === "2" ? { status: 500 } : { json: [1] }));
    const h = harness({ sources: [source("S", api.url)] });
    const error = await rejection(h.get("/f", { paginate: { style: "page", param: "page", size: 1 }, retry: { maxAttempts: 2, initialDelay: 1 } }));
    expect([error.code, error.message]).toEqual(["HTTP_ERROR", `GET ${api.url}/f?page=2: HTTP 500`]);
    expect(api.requests.map((r) => r.query.get("page"))).toEqual(["1", "2", "2"]);
  });
});

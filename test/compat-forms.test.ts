// The original's mission forms that are part of the language (LANGUAGE.md §35), run against a
// local API: `??`, `get "/p" from S`, `S.get(k)`, `validate … or { … }`, `map EXPR -> name`,
// a GET body sent as params, the object form of `paginate`, fromUnix and parseDecimal.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compile, lineCol } from "../compiler/index.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

function diagnostics(source: string) {
  return compile(source, { file: "m.reqon", stopAfter: "check" }).diagnostics.map((d) => {
    const { line, col } = lineCol(source, d.span.start);
    return `${line}:${col} ${d.severity} ${d.code}: ${d.message}`;
  });
}

describe("a ?? b", () => {
  it("keeps 0, '' and false, replaces null; binds tighter than comparisons, looser than +, to the right", async () => {
    const m = await loadMission(`
      mission Coalesce {
        action A {
          let x = { n: null, z: 0, e: "", f: false }
          store {
            id: "r",
            n: x.n ?? 7, z: x.z ?? 7, e: x.e ?? "d", f: x.f ?? true,
            missing: x.nope ?? null ?? "last",
            cmp: x.n ?? 0 > 5,
            sum: x.n ?? 1 + 2,
            chain: x.n ?? x.z ?? 9
          } -> out { key: .id }
        }
        run A
      }`);
    const { result } = await runMission(m);
    expect(result.stores.out).toEqual({
      r: { id: "r", n: 7, z: 0, e: "", f: false, missing: "last", cmp: false, sum: 3, chain: 0 },
    });
  });
});

describe("requests", () => {
  it("get \"/path\" from Source is get Source \"/path\"; a GET body without params is sent as params", async () => {
    api.route("GET", "/api/items", (req) => ({ json: [{ id: 1, q: req.query.get("q") }] }));
    const source = `
      mission From {
        source Shop { base: "http://shop.invalid/api" }
        action A {
          get "/items" from Shop { body: { q: "lamp", page: 2 } }
          store response -> items { key: .id }
        }
        run A
      }`;
    expect(diagnostics(source)).toEqual([
      "5:36 warning get-body-as-params: GET has no body; 'body' is sent as query parameters (write 'params')",
    ]);
    const { result } = await runMission(await loadMission(source), { baseUrls: { Shop: `${api.url}/api` } });
    expect(result.status).toBe("succeeded");
    expect(api.requests.map((r) => [r.method, r.url, r.body ?? ""])).toEqual([["GET", "/api/items?q=lamp&page=2", ""]]);
    expect(result.stores.items).toEqual({ 1: { id: 1, q: "lamp" } });
  });

  it("get … from an undeclared source is unknown-source; body with params is still get-with-body", () => {
    expect(diagnostics(`
      mission M {
        source Shop { base: "http://x.invalid" }
        action A { get "/a" from Shop { body: { q: 1 }, params: { p: 1 } } }
        action B { get "/b" from Depot }
        run A then B
      }`)).toEqual([
      "4:41 error get-with-body: GET requests cannot have a body",
      "5:34 error unknown-source: unknown source 'Depot'",
    ]);
  });

  it("paginate: { type, param, pageSize } is offset(param, pageSize); bad fields are invalid-option-value", async () => {
    api.route("GET", "/rows", (req) => {
      const skip = Number(req.query.get("skip") ?? 0);
      return { json: skip >= 4 ? [] : [{ id: skip + 1 }, { id: skip + 2 }] };
    });
    const m = await loadMission(`
      mission Pages {
        action A {
          get "/rows" { paginate: { type: offset, param: "skip", pageSize: 2 }, until: length(response) == 0 }
          for r in response { store r -> rows { key: .id } }
        }
        run A
      }`);
    const { result } = await runMission(m, { baseUrls: { default: api.url } });
    expect(api.requests.map((r) => r.url)).toEqual(["/rows?skip=0", "/rows?skip=2", "/rows?skip=4"]);
    expect(Object.keys(result.stores.rows!)).toEqual(["1", "2", "3", "4"]);

    expect(diagnostics(`
      mission Bad {
        action A { get "/a" { paginate: { type: sideways, param: "p", pageSize: 2 } } }
        action B { get "/b" { paginate: { type: cursor, param: "c", pageSize: 10 } } }
        action C { get "/c" { paginate: { type: page, param: "p", pageSize: 0, extra: 1 } } }
        run A then B then C
      }`)).toEqual([
      "3:49 error invalid-option-value: 'paginate.type' must be offset, page or cursor",
      "4:41 error invalid-option-value: 'paginate.cursorPath' must be a field path (a string) for type cursor",
      "5:80 error invalid-option-value: 'paginate' must be an object of type, param, pageSize, cursorPath (not 'extra')",
    ]);
  });
});

describe("steps", () => {
  it("validate … or { … } runs the block when an assumption is false or raises, with no warning", async () => {
    const m = await loadMission(`
      mission V {
        action A {
          for r in rows {
            validate r { assume .total >= 0, assume length(.lines) > 0 } or {
              store r -> rejected { key: .id }
              skip
            }
            store r -> accepted { key: .id }
          }
        }
        run A
      }`);
    const rows = [
      { id: "ok", total: 5, lines: [1] },
      { id: "negative", total: -1, lines: [1] },
      { id: "no-lines", total: 1, lines: [] },
      { id: "raises", total: 1, lines: 5 },
    ];
    const { result, events } = await runMission(m, { inputs: { rows } });
    expect(result.status).toBe("succeeded");
    expect(Object.keys(result.stores.accepted!)).toEqual(["ok"]);
    expect(Object.keys(result.stores.rejected!)).toEqual(["negative", "no-lines", "raises"]);
    expect(events.filter((e) => e.type === "warning")).toEqual([]);
  });

  it("map EXPR -> name binds name and sets response; map EXPR -> Name sets response only", async () => {
    const source = `
      mission Bare {
        action A {
          map { id: "a", n: 1 } -> first
          map { id: "b", n: first.n + 1 } -> Second
          store response -> out { key: .id }
          store first -> out { key: .id }
        }
        run A
      }`;
    expect(diagnostics(source)).toEqual([]);
    const { result } = await runMission(await loadMission(source));
    expect(result.stores.out).toEqual({ b: { id: "b", n: 2 }, a: { id: "a", n: 1 } });
    expect(diagnostics(`
      mission Twice {
        action A { let x = 1  map 2 -> x }
        run A
      }`).map((d) => d.split(": ")[0])).toEqual(["3:40 error duplicate-binding"]);
  });

  it("S.get(k) on a store is S[k]", async () => {
    const m = await loadMission(`
      mission Get {
        action A { for p in prices { store { id: p.id, found: prices.get(p.id).amount } -> out { key: .id } } }
        run A
      }`);
    const { result } = await runMission(m, { inputs: { prices: [{ id: "x", amount: 3 }] } });
    expect(result.stores.out).toEqual({ x: { id: "x", found: 3 } });
  });
});

describe("built-ins", () => {
  it("fromUnix and parseDecimal", async () => {
    const m = await loadMission(`
      mission Fns {
        action A {
          store {
            id: "r",
            epoch: fromUnix(0), frac: fromUnix(1700000000.1234), notNumber: fromUnix("12"),
            comma: parseDecimal("12,5"), dot: parseDecimal("12.5"), both: parseDecimal("1.234,5"),
            plain: parseDecimal("7"), bad: parseDecimal("x")
          } -> out { key: .id }
        }
        run A
      }`);
    const { result } = await runMission(m);
    expect(result.stores.out!.r).toEqual({
      id: "r", epoch: "1970-01-01T00:00:00.000Z", frac: "2023-11-14T22:13:20.123Z", notNumber: null,
      comma: 12.5, dot: 12.5, both: null, plain: 7, bad: null,
    });
  });
});

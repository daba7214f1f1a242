// Regressions found by the Tier 2 spec audit (LANGUAGE.md Part II), run through compiled missions
// against a local server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

const base = () => ({ baseUrls: { default: api.url } });

describe("guarded requests: only the guarding match re-raises the failure (§24.6, §13)", () => {
  it("a later match with no matching arm is NO_MATCH, not the handled HTTP error", async () => {
    api.route("GET", "/gone", { status: 404, json: { error: "gone" } });
    const m = await loadMission(`
      mission Later {
        action A {
          get "/gone"
          match response { { code: 404 } -> continue }
          let n = 1
          match { n > 5 -> continue }
        }
        run A
      }`);
    const { result } = await runMission(m, base());
    expect(result.errors).toEqual([{ action: "A", message: "no match arm matched", code: "NO_MATCH" }]);
  });

  it("an HTTP `delete x[k]` followed by `match response` is guarded like any request", async () => {
    api.route("DELETE", "/items/7", { status: 404, json: { error: "gone" } });
    const m = await loadMission(`
      mission Prune {
        action A {
          let items = { seven: "/items/7" }
          delete items["seven"]
          match response { { code: 404 } -> store { gone: true } -> out { key: "7" }, _ -> abort "unexpected" }
        }
        run A
      }`);
    const { result } = await runMission(m, base());
    expect(api.requestsTo("/items/7").map((r) => r.method)).toEqual(["DELETE"]);
    expect(result.status).toBe("succeeded");
    expect(result.stores.out).toEqual({ 7: { gone: true } });
  });

  it("a second `match response` is not the guard either", async () => {
    api.route("GET", "/gone", { status: 404, json: {} });
    const m = await loadMission(`
      mission Twice {
        action A {
          get "/gone"
          match response { { code: 404 } -> store { seen: true } -> out { key: "first" } }
          match response { { code: 500 } -> continue }
        }
        run A
      }`);
    const { result } = await runMission(m, base());
    expect(result.stores.out).toEqual({ first: { seen: true } });
    expect(result.errors).toEqual([{ action: "A", message: "no match arm matched", code: "NO_MATCH" }]);
  });

  it("the guarding match without an arm for the error value still raises the original failure", async () => {
    api.route("GET", "/teapot", { status: 418, json: { error: "tea" } });
    const m = await loadMission(`
      mission Guard {
        action A {
          get "/teapot"
          match response { { code: 500 } -> continue }
        }
        run A
      }`);
    const { result } = await runMission(m, base());
    expect(result.errors).toEqual([
      { action: "A", message: `GET ${api.url}/teapot: HTTP 418`, code: "HTTP_ERROR", status: 418 },
    ]);
  });
});

// End to end: guarded requests (LANGUAGE.md §24.6) — the error value a `match response` sees — and
// failures in the middle of a run keeping every record stored before them (§7).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunOptions } from "../runtime/core/types.ts";
import { failTimes, startApiServer, type ApiServer } from "./support/api-server.ts";
import { virtualClock } from "./support/clock.ts";
import { eventually } from "./support/eventually.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

const base = () => ({ baseUrls: { default: api.url } });

describe("the error value of a guarded request", () => {
  const mission = (path: string, options = "") => `
    mission Guarded {
      action Go {
        get "${path}" ${options}
        match response {
          { error: e, code: c } -> store response -> seen { key: "x" },
          _ -> store { ok: response } -> seen { key: "x" }
        }
      }
      run Go
    }`;

  it("429 with a JSON body and Retry-After: every field, header names lower-case", async () => {
    api.route("GET", "/busy", { status: 429, headers: { "Retry-After": "7", "X-Request-Id": "abc" }, json: { message: "too many", error: "rate_limited" } });
    const { result } = await runMission(await loadMission(mission("/busy")), base());
    expect(result.status).toBe("succeeded");
    const seen = result.stores.seen!.x as Record<string, unknown>;
    expect(seen).toMatchObject({ error: "rate_limited", code: 429, status: 429, retryAfter: 7, body: { message: "too many", error: "rate_limited" } });
    expect(seen.headers).toMatchObject({ "retry-after": "7", "x-request-id": "abc", "content-type": "application/json" });
    expect(Object.keys(seen.headers as object).every((k) => k === k.toLowerCase())).toBe(true);
  });

  it("error text falls back to message, then to the kind; a text body stays text", async () => {
    api.route("GET", "/msg", { status: 404, json: { message: "no such user" } });
    api.route("GET", "/txt", { status: 502, text: "Bad Gateway" });
    const msg = await runMission(await loadMission(mission("/msg")), base());
    expect(msg.result.stores.seen!.x).toMatchObject({ error: "no such user", code: 404, retryAfter: null, body: { message: "no such user" } });
    const txt = await runMission(await loadMission(mission("/txt")), base());
    expect(txt.result.stores.seen!.x).toMatchObject({ error: "http_error", code: 502, status: 502, body: "Bad Gateway" });
  });

  it("Retry-After as an HTTP date becomes seconds (rounded up)", async () => {
    // The run's clock stands at 12:00:00.400, the date says 12:00:30: 29.6 s, so 30.
    const clock = virtualClock(Date.UTC(2030, 0, 1, 12, 0, 0) + 400);
    api.route("GET", "/later", { status: 503, headers: { "Retry-After": new Date(Date.UTC(2030, 0, 1, 12, 0, 30)).toUTCString() } });
    const { result } = await runMission(await loadMission(mission("/later")), { ...base(), clock } as RunOptions);
    expect((result.stores.seen!.x as { retryAfter: number }).retryAfter).toBe(30);
  });

  it("no response at all (timeout, reset): code and status 0, no body, kind text — after the retries", async () => {
    api.route("GET", "/slow", { delayMs: 300, json: {} });
    api.route("GET", "/drop", { reset: true });
    const slow = await runMission(await loadMission(mission("/slow", `{ timeout: 100, retry: { maxAttempts: 2, initialDelay: 10 } }`)), base());
    expect(slow.result.stores.seen!.x).toEqual({ error: "timeout", code: 0, status: 0, retryAfter: null, body: null, headers: {} });
    expect(api.requestsTo("/slow")).toHaveLength(2);
    const drop = await runMission(await loadMission(mission("/drop")), base());
    expect(drop.result.stores.seen!.x).toEqual({ error: "network", code: 0, status: 0, retryAfter: null, body: null, headers: {} });
  });

  it("a success after retries reaches the match unchanged", async () => {
    api.route("GET", "/flaky", failTimes(1, { status: 503 }, { json: { id: 5 } }));
    const { result } = await runMission(await loadMission(mission("/flaky", `{ retry: { maxAttempts: 2, initialDelay: 10 } }`)), base());
    expect(result.stores.seen).toEqual({ x: { ok: { id: 5 } } });
  });

  it("when no arm takes the error value the original failure is raised, not NO_MATCH", async () => {
    api.route("GET", "/gone", { status: 410, json: { error: "gone" } });
    const m = await loadMission(`
      mission Unmatched {
        action Go {
          get "/gone"
          match response { { code: 404 } -> skip, { id: i } -> store response -> out { key: i } }
        }
        run Go
      }`);
    const { result } = await runMission(m, base());
    expect(result.errors).toEqual([{ action: "Go", message: `GET ${api.url}/gone: HTTP 410`, code: "HTTP_ERROR", status: 410 }]);
  });

  it("skip / queue per error code inside a loop", async () => {
    api.route("GET", "/users/1", { json: { id: 1, name: "a" } });
    api.route("GET", "/users/2", { status: 404, json: { error: "not_found" } });
    api.route("GET", "/users/3", { status: 500, json: { error: "boom" } });
    const m = await loadMission(`
      mission Users {
        action Go {
          for u in [1, 2, 3] {
            get concat("/users/", u)
            match response {
              { code: 404 } -> skip,
              { code: c } where c >= 500 -> queue failed { item: { id: u, status: c } },
              _ -> store response -> users { key: .id }
            }
          }
        }
        run Go
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(result.stores.users).toEqual({ 1: { id: 1, name: "a" } });
    expect(result.stores.failed).toEqual({ 3: { id: 3, status: 500 } });
  });
});

describe("nothing stored before a failure is lost", () => {
  it("a standalone action failing mid-loop keeps the records it stored, and earlier stages' stores", async () => {
    api.route("GET", "/list", { json: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }] });
    api.route("GET", "/detail", (req) => req.query.get("id") === "c" ? { status: 500 } : { json: { id: req.query.get("id"), full: true } });
    const m = await loadMission(`
      mission MidRun {
        action List { get "/list" for x in response { store x -> list { key: .id } } }
        action Details { for x in list { get "/detail" { params: { id: x.id } } store response -> details { key: .id } } }
        action Never { get "/list" store { n: 1 } -> never { key: "n" } }
        run List then Details then Never
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "Details", message: `GET ${api.url}/detail?id=c: HTTP 500`, code: "HTTP_ERROR", status: 500 }]);
    expect(Object.keys(result.stores.list!)).toEqual(["a", "b", "c", "d"]);
    expect(result.stores.details).toEqual({ a: { id: "a", full: true }, b: { id: "b", full: true } });
    expect(result.stores.never).toEqual({});
    expect(result.timeline.map((t) => t.status)).toEqual(["succeeded", "failed", "skipped"]);
  });

  it("fail-fast keeps what the cancelled sibling stored before the failure", async () => {
    api.route("GET", "/quick", { json: { id: "q" } });
    api.route("GET", "/slow", { delayMs: 2000, json: {} });
    // Bad fails only once Sibling has stored /quick and is waiting for /slow.
    api.route("GET", "/bad", async () => {
      await eventually(() => api.requestsTo("/slow").length > 0, "Sibling requesting /slow");
      return { status: 500 };
    });
    const m = await loadMission(`
      mission FailFastKeeps {
        parallelMode: "fail-fast"
        action Sibling { get "/quick" store response -> kept { key: .id } get "/slow" store response -> late { key: "x" } }
        action Bad { get "/bad" }
        run [Sibling, Bad]
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(result.stores.kept).toEqual({ q: { id: "q" } });
    expect(result.stores.late).toEqual({});
    const slow = api.requestsTo("/slow")[0]!;
    await eventually(() => slow.end !== null, "the server seeing /slow end");
    expect(slow.clientClosed).toBe(true); // the in-flight request was aborted, not waited for
  });
});

// The generator's lowering, run for real: generated code over the real runtime against a local
// HTTP server. Each case pins down one construct whose meaning lives in the emitted code
// (retry loops, map rebinding, pattern bindings, queue, interpolation, validate, jump).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failTimes, startApiServer, type ApiServer } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });
const base = () => ({ baseUrls: { default: api.url } });

describe("retry (§23.1) re-runs the request through the match", () => {
  it("retries on 429, skips 404, queues 5xx, stores successes", async () => {
    api.route("GET", "/users/1", failTimes(2, { status: 429, json: { error: "slow down" } }, { json: { id: 1, name: "Ann" } }));
    api.route("GET", "/users/2", { status: 404, json: { error: "gone" } });
    api.route("GET", "/users/3", { status: 503, json: {} });
    const m = await loadMission(`
      mission Staff {
        action Pull {
          for u in staff {
            get concat("/users/", u.id)
            match response {
              { code: 404 } -> skip,
              { code: 429 } -> retry { maxAttempts: 5, backoff: constant, initialDelay: 1 },
              { code: c } where c >= 500 -> queue failedUsers { item: { id: u.id, status: c } },
              _ -> store response -> users { key: .id }
            }
          }
        }
        run Pull
      }`);
    const { result } = await runMission(m, { ...base(), inputs: { staff: [{ id: 1 }, { id: 2 }, { id: 3 }] } });
    expect(result.errors).toEqual([]);
    expect(result.stores.users).toEqual({ "1": { id: 1, name: "Ann" } });
    expect(Object.values(result.stores.failedUsers!)).toEqual([{ id: 3, status: 503 }]);
    expect(api.requestsTo("/users/1")).toHaveLength(3);
  });

  it("gives up after maxAttempts with RETRY_EXHAUSTED", async () => {
    api.route("GET", "/busy", { status: 429, json: {} });
    const m = await loadMission(`
      mission Busy {
        action Pull {
          get "/busy"
          match response { { code: 429 } -> retry { maxAttempts: 2, delay: 1 }, _ -> continue }
        }
        run Pull
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(result.errors[0]?.code).toBe("RETRY_EXHAUSTED");
    expect(api.requestsTo("/busy")).toHaveLength(2);
  });

  it("keeps a let bound between the request and the match visible after the loop", async () => {
    api.route("GET", "/token", failTimes(1, { json: { token: null } }, { json: { token: "abc" } }));
    const m = await loadMission(`
      mission Tokens {
        action Pull {
          get "/token"
          let token = response.token
          match response { { token: null } -> retry { delay: 1 }, _ -> continue }
          store { token: token } -> tokens { key: "current" }
        }
        run Pull
      }`);
    const { result } = await runMission(m, base());
    expect(result.stores.tokens).toEqual({ current: { token: "abc" } });
  });
  it("reaches the retry loop from inside a for body in the arm", async () => {
    api.route("GET", "/batch", failTimes(1, { json: { again: true, items: [1, 2] } }, { json: { again: false } }));
    const m = await loadMission(`
      mission Batches {
        action Pull {
          get "/batch"
          match response {
            { again: true } -> { for i in response.items parallel { retry { delay: 1 } } },
            _ -> continue
          }
          store response -> out { key: "last" }
        }
        run Pull
      }`);
    const { result } = await runMission(m, base());
    expect(result.errors).toEqual([]);
    expect(result.stores.out).toEqual({ last: { again: false } });
    expect(api.requestsTo("/batch")).toHaveLength(2);
  });
});

describe("map rebinding (§12 rule 4) is block-local", () => {
  it("rebinds the loop variable for the rest of the iteration only", async () => {
    const m = await loadMission(`
      mission Maps {
        action Shape {
          let v = { id: "outer", n: 1 }
          for o in orders {
            map o -> Doubled { ...o, n: .n * 2 }
            store o -> out { key: .id }
          }
          match v {
            x -> {
              map v -> Inner { id: "inner", n: x.n + 1 }
              store v -> seen { key: .id }
            }
          }
          store v -> seen { key: .id }
        }
        run Shape
      }`);
    const { result } = await runMission(m, { inputs: { orders: [{ id: "a", n: 2 }, { id: "b", n: 5 }] } });
    expect(result.status).toBe("succeeded");
    expect(result.stores.out).toEqual({ a: { id: "a", n: 4 }, b: { id: "b", n: 10 } });
    expect(result.stores.seen).toEqual({ inner: { id: "inner", n: 2 }, outer: { id: "outer", n: 1 } });
  });
});

describe("target-form match (§22.3)", () => {
  it("tests patterns in order, with bindings visible in guards and bodies", async () => {
    const m = await loadMission(`
      mission Sort {
        schema Job { jobId: string, state: string? }
        action Classify {
          for it in items {
            match it.value {
              [] -> store { id: it.id, kind: "empty" } -> kinds { key: .id },
              [Job] -> store { id: it.id, kind: "jobs" } -> kinds { key: .id },
              [a, { state: "done" }] -> store { id: it.id, kind: concat("pair:", a) } -> kinds { key: .id },
              { error: reason } where reason != "busy" -> store { id: it.id, kind: concat("error:", reason) } -> kinds { key: .id },
              { error: null, state: s } -> store { id: it.id, kind: concat("state:", s) } -> kinds { key: .id },
              null -> store { id: it.id, kind: "null" } -> kinds { key: .id },
              -1 -> store { id: it.id, kind: "minus" } -> kinds { key: .id },
              other -> store { id: it.id, kind: "other" } -> kinds { key: .id }
            }
          }
        }
        run Classify
      }`);
    const items = [
      { id: "1", value: [] },
      { id: "2", value: [{ jobId: "j", state: null }] },
      { id: "3", value: ["x", { state: "done" }] },
      { id: "4", value: { error: "boom" } },
      { id: "5", value: { error: "busy" } },
      { id: "6", value: { state: "ok" } },
      { id: "7", value: null },
      { id: "8", value: -1 },
      { id: "9", value: [{ state: "no job id" }] },
    ];
    const { result } = await runMission(m, { inputs: { items } });
    expect(result.errors).toEqual([]);
    const kinds = Object.fromEntries(Object.values(result.stores.kinds!).map((r) => [(r as any).id, (r as any).kind]));
    expect(kinds).toEqual({
      "1": "empty", "2": "jobs", "3": "pair:x", "4": "error:boom", "5": "other",
      "6": "state:ok", "7": "null", "8": "minus", "9": "other",
    });
  });

  it("raises NO_MATCH when no arm matches", async () => {
    const m = await loadMission(`
      mission None {
        action A { match 5 { 1 -> continue } }
        run A
      }`);
    const { result } = await runMission(m);
    expect(result.errors[0]?.code).toBe("NO_MATCH");
  });
});

describe("requests, queue, validate and jump", () => {
  it("interpolates {name.field} in a string path", async () => {
    api.route("GET", "/users/7/notes", { json: [] });
    const m = await loadMission(`
      mission Paths {
        action A { for u in people { get "/users/{u.id}/notes" } }
        run A
      }`);
    const { result } = await runMission(m, { ...base(), inputs: { people: [{ id: 7 }] } });
    expect(result.errors).toEqual([]);
    expect(api.requestsTo("/users/7/notes")).toHaveLength(1);
  });

  it("queue writes the match target and ends the iteration", async () => {
    const m = await loadMission(`
      mission Queue {
        action A {
          for ev in events {
            match ev { { bad: true } -> queue dead, _ -> continue }
            store ev -> good { key: .id }
          }
        }
        run A
      }`);
    const events = [{ id: "a", bad: true }, { id: "b", bad: false }];
    const { result } = await runMission(m, { inputs: { events } });
    expect(result.stores.dead).toEqual({ a: { id: "a", bad: true } });
    expect(result.stores.good).toEqual({ b: { id: "b", bad: false } });
  });

  it("validate turns failed assumptions into warnings with their text and line", async () => {
    const m = await loadMission(`mission V {
  action A {
    validate rows { assume length(rows) > 5, assume true }
  }
  run A
}`);
    const { result, events } = await runMission(m, { inputs: { rows: [{ id: 1 }] } });
    expect(result.status).toBe("succeeded");
    const warnings = events.filter((e) => e.type === "warning" && e.kind === "validation");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ constraint: "length(rows) > 5", line: 3 });
  });

  it("jump runs the other action and continues; jump then retry re-runs the request", async () => {
    api.route("GET", "/status", failTimes(1, { json: { state: "stale" } }, { json: { state: "fresh" } }));
    api.route("POST", "/refresh", { json: {} });
    const m = await loadMission(`
      mission Jumps {
        action Main {
          get "/status"
          match response { { state: "stale" } -> jump Refresh then retry, _ -> continue }
          store response -> status { key: "last" }
        }
        action Refresh { post "/refresh" }
        run Main
      }`);
    const { result } = await runMission(m, base());
    expect(result.errors).toEqual([]);
    expect(result.stores.status).toEqual({ last: { state: "fresh" } });
    expect(api.requestsTo("/refresh")).toHaveLength(1);
  });
});

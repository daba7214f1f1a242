// End to end: timeouts, malformed JSON and the per-source circuit breaker (LANGUAGE.md §8, §24.1,
// §25.3) through compiled missions; the server's log proves which attempts reached the network.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunOptions } from "../runtime/core/types.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { virtualClock } from "./support/clock.ts";
import { eventually } from "./support/eventually.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

describe("timeouts", () => {
  it("a body that trickles past the request timeout is TIMEOUT with the exact message", async () => {
    // Headers arrive at once; the body takes ~600 ms.
    api.route("GET", "/drip", { json: [1, 2, 3, 4, 5, 6], trickle: { chunks: 4, intervalMs: 150 } });
    const m = await loadMission(`
      mission Drip {
        action Fetch { get "/drip" { timeout: 300 } }
        run Fetch
      }`);
    const { result } = await runMission(m, { baseUrls: { default: api.url } });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "Fetch", message: `GET ${api.url}/drip: timed out after 300 ms`, code: "TIMEOUT" }]);
    expect(api.requests).toHaveLength(1);
    await eventually(() => api.requests[0]!.end !== null, "the server seeing the connection end");
    // The client closed the connection before the body was complete: the attempt was abandoned.
    expect(api.requests[0]!.clientClosed).toBe(true);
  });

  it("the source timeout applies to its requests; a request timeout overrides it", async () => {
    api.route("GET", "/slow", { delayMs: 400, json: { ok: true } });
    const m = await loadMission(`
      mission SourceTimeout {
        source Api { base: "http://api.invalid", timeout: 200 }
        action Short { get "/slow" { params: { who: "short" } } }
        action Patient { get "/slow" { params: { who: "patient" }, timeout: 2000 } store response -> out { key: "p" } }
        run [Short, Patient]
      }`);
    const { result } = await runMission(m, { baseUrls: { Api: api.url } });
    expect(result.status).toBe("partial");
    expect(result.errors).toEqual([{ action: "Short", message: `GET ${api.url}/slow?who=short: timed out after 200 ms`, code: "TIMEOUT" }]);
    expect(result.stores.out).toEqual({ p: { ok: true } });
  });
});

describe("malformed JSON", () => {
  it("a 2xx JSON body that does not parse is BAD_RESPONSE and is not retried", async () => {
    api.route("GET", "/bad", { text: "{\"items\": [1, 2", headers: { "Content-Type": "application/json; charset=utf-8" } });
    api.route("GET", "/vendor", { text: "not json at all", headers: { "Content-Type": "application/vnd.api+json" } });
    api.route("GET", "/plain", { text: "{\"items\": [1, 2", headers: { "Content-Type": "text/plain" } });
    const m = await loadMission(`
      mission Bad {
        action A { get "/bad" { retry: { maxAttempts: 3, initialDelay: 10 } } }
        action B { get "/vendor" }
        action C { get "/plain" store { text: response } -> out { key: "plain" } }
        run [A, B, C]
      }`);
    const { result } = await runMission(m, { baseUrls: { default: api.url } });
    expect(result.status).toBe("partial");
    expect(api.requestsTo("/bad")).toHaveLength(1);
    const of = (action: string) => result.errors.find((e) => e.action === action)!;
    expect(of("A")).toMatchObject({ code: "BAD_RESPONSE", status: 200 });
    expect(of("A").message).toMatch(new RegExp(`^GET ${api.url}/bad: response is not valid JSON \\(.+\\)$`));
    expect(of("B")).toMatchObject({ code: "BAD_RESPONSE" });
    expect(of("B").message).toMatch(new RegExp(`^GET ${api.url}/vendor: response is not valid JSON \\(.+\\)$`));
    expect(result.stores.out).toEqual({ plain: { text: "{\"items\": [1, 2" } }); // text, not JSON
  });
});

describe("circuit breaker", () => {
  // Svc is the guarded service; Clock only lets time pass: each GET /sleep moves the run's
  // (virtual) clock 350 ms forward, so no other wait can ever reach a resetTimeout.
  const mission = `
    mission Breaker {
      source Svc { base: "http://svc.invalid", circuitBreaker: { failureThreshold: 3, resetTimeout: 300, successThreshold: 2 } }
      source Clock { base: "http://clock.invalid" }
      action Break { for i in [1, 2, 3, 4, 5] { call(i, "break") } }
      action Pause1 { get Clock "/sleep" }
      action Probe { for i in [1, 2] { call(i, "probe") } }
      action Pause2 { get Clock "/sleep" }
      action Heal { for i in [1, 2, 3] { call(i, "heal") } }
      run Break then Pause1 then Probe then Pause2 then Heal
    }`;

  it("opens after N failures, fails fast without network, probes half-open, reopens, then closes", async () => {
    // Answers in order: 3 failures (opens), 1 failed half-open probe (reopens), then healthy.
    api.route("GET", "/svc", [{ status: 500 }, { status: 502 }, { reset: true }, { status: 503 }, { json: { ok: true } }]);
    const clock = virtualClock();
    api.route("GET", "/sleep", () => { clock.advance(350); return { json: {} }; });
    const source = mission.replace(/call\(i, "(\w+)"\)/g, (_all, phase: string) => `
      get Svc "/svc" { params: { phase: "${phase}", i: i } }
      match response {
        { error: e, code: c } -> store { phase: "${phase}", i: i, error: e, code: c } -> outcomes { key: concat("${phase}", i) },
        _ -> store { phase: "${phase}", i: i, ok: response.ok } -> outcomes { key: concat("${phase}", i) }
      }`);
    const { result } = await runMission(await loadMission(source), { baseUrls: { Svc: api.url, Clock: api.url }, clock } as RunOptions);
    expect(result.status).toBe("succeeded");
    // What reached the network: 3 failures, the one failed probe, then 3 healthy requests.
    expect(api.requestsTo("/svc").map((r) => `${r.query.get("phase")}${r.query.get("i")}`))
      .toEqual(["break1", "break2", "break3", "probe1", "heal1", "heal2", "heal3"]);
    const outcomes = Object.values(result.stores.outcomes!).map((o) => {
      const r = o as { phase: string; i: number; error?: string; code?: number; ok?: boolean };
      return `${r.phase}${r.i}:${r.ok === true ? "ok" : `${r.code} ${r.error}`}`;
    });
    expect(outcomes).toEqual([
      "break1:500 http_error", "break2:502 http_error", "break3:0 network",
      "break4:0 circuit_open", "break5:0 circuit_open", // open: refused without a request
      "probe1:503 http_error", "probe2:0 circuit_open", // half-open probe failed: open again
      "heal1:ok", "heal2:ok", "heal3:ok", // two successful probes close it
    ]);
  });

  it("an unguarded request refused by an open circuit fails with CIRCUIT_OPEN", async () => {
    api.route("GET", "/svc", { status: 500 });
    const m = await loadMission(`
      mission Open {
        source Svc { base: "http://svc.invalid", circuitBreaker: { failureThreshold: 2, resetTimeout: 60000 } }
        action A { get Svc "/svc" }
        action B { get Svc "/svc" }
        action C { get Svc "/svc" }
        run [A, B] then C
      }`);
    const { result } = await runMission(m, { baseUrls: { Svc: api.url } });
    expect(api.requestsTo("/svc")).toHaveLength(2);
    expect(result.status).toBe("failed");
    expect(result.errors.at(-1)).toEqual({ action: "C", code: "CIRCUIT_OPEN", message: "circuit breaker for source 'Svc' is open" });
  });

  it("half-open lets one request at a time through; retries count each attempt and stop at CIRCUIT_OPEN", async () => {
    api.route("GET", "/svc", [{ status: 503 }, { status: 503 }, { delayMs: 200, json: { ok: true } }]);
    const clock = virtualClock(); // time passes only in Wait (250 ms) and Trip's back-off (10 ms)
    api.route("GET", "/sleep", () => { clock.advance(250); return { json: {} }; });
    const m = await loadMission(`
      mission HalfOpen {
        source Svc { base: "http://svc.invalid", circuitBreaker: { failureThreshold: 2, resetTimeout: 200, successThreshold: 1 } }
        source Clock { base: "http://clock.invalid" }
        action Trip { get Svc "/svc" { retry: { maxAttempts: 5, initialDelay: 10 } } }
        action Wait { get Clock "/sleep" }
        action Burst {
          for i in [1, 2, 3] parallel {
            get Svc "/svc" { params: { i: i } }
            match response { { code: 0, error: e } -> store { error: e } -> refused { key: i }, _ -> store response -> passed { key: i } }
          }
        }
        run [Trip] then Wait then Burst
      }`);
    const { result } = await runMission(m, { baseUrls: { Svc: api.url, Clock: api.url }, clock } as RunOptions);
    // Trip: 2 attempts reach the server, the 3rd is refused by the open circuit and not retried.
    expect(result.errors).toEqual([{ action: "Trip", code: "CIRCUIT_OPEN", message: "circuit breaker for source 'Svc' is open" }]);
    expect(api.requestsTo("/svc")).toHaveLength(3);
    expect(api.peakInFlight).toBe(1);
    expect(Object.keys(result.stores.passed!)).toHaveLength(1);
    expect(Object.values(result.stores.refused!)).toEqual([{ error: "circuit_open" }, { error: "circuit_open" }]);
  });
});

// End to end: per-source rate limits (LANGUAGE.md §25.2) through compiled missions, judged by the
// order the server logged and the waits the limiter asked the run's clock for — one limiter per
// source, shared by every action. Most runs use a virtual clock (a wait moves its time forward at
// once): the limiter's arithmetic is then exact, and a busy machine cannot make a start look early.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunOptions } from "../runtime/core/types.ts";
import { startApiServer, type ApiServer, type LoggedRequest } from "./support/api-server.ts";
import { virtualClock, type TestClock } from "./support/clock.ts";
import { eventually } from "./support/eventually.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

const withClock = (options: RunOptions, clock: TestClock) => ({ ...options, clock }) as RunOptions;
/** Each group's requests arrived both before and after some of the other's. */
const interleaved = (a: LoggedRequest[], b: LoggedRequest[]) => {
  const at = (r: LoggedRequest) => api.requests.indexOf(r);
  return Math.min(...a.map(at)) < Math.max(...b.map(at)) && Math.min(...b.map(at)) < Math.max(...a.map(at));
};

describe("one limiter per source", () => {
  it("throttle: two parallel actions together keep request starts 100 ms apart (600/min)", async () => {
    api.route("GET", "/a", { json: { ok: "a" } });
    api.route("GET", "/b", { json: { ok: "b" } });
    const m = await loadMission(`
      mission Shared {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 600, strategy: "throttle" } }
        source Warm { base: "http://warm.invalid" }
        action WarmUp { get Warm "/warm" }
        action A { for i in [1, 2, 3, 4, 5] parallel { get Api "/a" { params: { i: i } } } }
        action B { for i in [1, 2, 3, 4, 5] parallel { get Api "/b" { params: { i: i } } } }
        run WarmUp then [A, B]
      }`);
    api.route("GET", "/warm", { json: {} });
    const clock = virtualClock();
    const { result } = await runMission(m, withClock({ baseUrls: { Api: api.url, Warm: api.url } }, clock));
    expect(result.status).toBe("succeeded");
    expect([...api.requestsTo("/a"), ...api.requestsTo("/b")]).toHaveLength(10);
    expect(interleaved(api.requestsTo("/a"), api.requestsTo("/b"))).toBe(true);
    // Ten starts, each 100 ms after the one before, whichever action made it: one shared budget
    // (a limiter per action would wait 4 times in each, 8 waits).
    expect(clock.sleeps).toEqual(Array(9).fill(100));
  });

  it("throttle: a request that starts late does not let the next one in early", async () => {
    // The second request's wait (100 ms after the first start) ends 80 ms late, as a timer on a
    // busy machine does. The third must still wait 100 ms after the second's real start
    // (spacing by projected slots alone would let it in 20 ms after it).
    const virtual = virtualClock();
    const clock: TestClock = {
      ...virtual,
      async sleep(ms, signal) {
        await virtual.sleep(ms, signal);
        if (virtual.sleeps.length === 1) virtual.advance(80);
      },
    };
    api.route("GET", "/t", { json: {} });
    api.route("GET", "/warm", { json: {} });
    const m = await loadMission(`
      mission Late {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 600, strategy: "throttle" } }
        source Warm { base: "http://warm.invalid" }
        action WarmUp { get Warm "/warm" }
        action A { for i in [1, 2, 3, 4] parallel { get Api "/t" { params: { i: i } } } }
        run WarmUp then A
      }`);
    const { result } = await runMission(m, withClock({ baseUrls: { Api: api.url, Warm: api.url } }, clock));
    expect(result.status).toBe("succeeded");
    expect(api.requestsTo("/t")).toHaveLength(4);
    expect(virtual.sleeps).toEqual([100, 100, 100]);
  });

  it("different sources have different limiters", async () => {
    api.route("GET", "/x", { json: {} });
    const m = await loadMission(`
      mission TwoSources {
        source One { base: "http://one.invalid", rateLimit: { requestsPerMinute: 60, strategy: "throttle", maxWait: 5000 } }
        source Two { base: "http://two.invalid", rateLimit: { requestsPerMinute: 60, strategy: "throttle", maxWait: 5000 } }
        action A { get One "/x" }
        action B { get Two "/x" }
        run [A, B]
      }`);
    const clock = virtualClock();
    const { result } = await runMission(m, withClock({ baseUrls: { One: api.url, Two: api.url } }, clock));
    expect(result.status).toBe("succeeded");
    expect(clock.sleeps).toEqual([]); // one request each: neither waits 1 s for the other
  });
});

describe("strategies", () => {
  it("pause: the first requestsPerMinute start at once; a wait beyond maxWait is RATE_LIMITED", async () => {
    // The first three are answered only once all three have arrived: a burst, not spaced.
    api.route("GET", "/p", async () => {
      await eventually(() => api.requests.length >= 3, "three requests at once");
      return { json: {} };
    });
    const m = await loadMission(`
      mission Pause {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 3, strategy: "pause", maxWait: 1000 } }
        action Burst { for i in [1, 2, 3] parallel { get "/p" { params: { i: i } } } }
        action Over { get "/p" { params: { i: 4 } } }
        run Burst then Over
      }`);
    const clock = virtualClock();
    const { result } = await runMission(m, withClock({ baseUrls: { Api: api.url } }, clock));
    expect(api.requests).toHaveLength(3);
    expect(api.peakInFlight).toBe(3);
    expect(clock.sleeps).toEqual([]); // Over is refused without waiting
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{
      action: "Over", code: "RATE_LIMITED",
      message: expect.stringMatching(/^rate limit of source 'Api': waiting \d+ ms would exceed maxWait 1000 ms$/),
    }]);
  });

  it("fail: a request over the limit fails at once with RATE_LIMITED and is never retried", async () => {
    api.route("GET", "/f", { json: {} });
    const m = await loadMission(`
      mission Fail {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 2, strategy: "fail" }, retry: { maxAttempts: 5, initialDelay: 2000 } }
        action Go {
          for i in [1, 2, 3] { get "/f" { params: { i: i } } store { i: i } -> done { key: i } }
        }
        run Go
      }`);
    const clock = virtualClock();
    const { result } = await runMission(m, withClock({ baseUrls: { Api: api.url } }, clock));
    expect(clock.sleeps).toEqual([]); // neither a limiter wait nor a retry's 2 s back-off
    // A refused attempt never reaches the server.
    expect(api.requests.map((r) => r.url)).toEqual(["/f?i=1", "/f?i=2"]);
    expect(result.errors).toEqual([{ action: "Go", code: "RATE_LIMITED", message: "rate limit of source 'Api' reached (2 requests per minute)" }]);
    expect(Object.keys(result.stores.done!)).toEqual(["1", "2"]);
  });

  it("a guarded request sees a refusal as { error: \"rate_limit\", code: 0 }", async () => {
    api.route("GET", "/f", { json: { id: "ok" } });
    const m = await loadMission(`
      mission Guarded {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 1, strategy: "fail" } }
        action Go {
          for i in [1, 2] {
            get "/f"
            match response {
              { error: e, code: 0 } -> store { i: i, error: e } -> refused { key: i },
              _ -> store { i: i } -> passed { key: i }
            }
          }
        }
        run Go
      }`);
    const { result } = await runMission(m, { baseUrls: { Api: api.url } });
    expect(result.status).toBe("succeeded");
    expect(result.stores.passed).toEqual({ 1: { i: 1 } });
    expect(result.stores.refused).toEqual({ 2: { i: 2, error: "rate_limit" } });
  });
});

describe("pauses announced by the server", () => {
  it("429 with Retry-After pauses every request of the source until then", async () => {
    api.route("GET", "/limited", { status: 429, headers: { "Retry-After": "1" }, json: { error: "slow down" } });
    api.route("GET", "/next", { json: { ok: true } });
    const m = await loadMission(`
      mission After {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 600 } }
        action Hit {
          get "/limited"
          match response { { code: 429, error: e } -> store { error: e } -> seen { key: "429" }, _ -> skip }
        }
        action Next { get "/next" store response -> seen { key: "next" } }
        run Hit then Next
      }`);
    const { result } = await runMission(m, { baseUrls: { Api: api.url } });
    expect(result.status).toBe("succeeded");
    const limitedEnd = api.requestsTo("/limited")[0]!.end!;
    expect(api.requestsTo("/next")[0]!.start - limitedEnd).toBeGreaterThanOrEqual(950);
    expect(result.stores.seen).toEqual({ 429: { error: "slow down" }, next: { ok: true } });
  });

  it("X-RateLimit-Remaining: 0 with X-RateLimit-Reset pauses until the reset time; without rateLimit it does not", async () => {
    // The run's clock stands at a whole second; the reset is 1 s after it.
    const clock = virtualClock(Date.UTC(2030, 0, 1, 12, 0, 0));
    const reset = String(clock.now() / 1000 + 1);
    api.route("GET", "/quota", { headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset }, json: {} });
    api.route("GET", "/after", { json: {} });
    const m = await loadMission(`
      mission Quota {
        source Limited { base: "http://l.invalid", rateLimit: { requestsPerMinute: 600, maxWait: 5000 } }
        source Free { base: "http://f.invalid" }
        action Spend { get Limited "/quota" get Free "/quota" }
        action FreeAfter { get Free "/after" { params: { s: "free" } } }
        action LimitedAfter { get Limited "/after" { params: { s: "limited" } } }
        run Spend then [FreeAfter, LimitedAfter]
      }`);
    const { result } = await runMission(m, withClock({ baseUrls: { Limited: api.url, Free: api.url } }, clock));
    expect(result.status).toBe("succeeded");
    expect(api.requestsTo("/after").map((r) => r.query.get("s")).sort()).toEqual(["free", "limited"]);
    // One wait, Limited's until its reset: Free (no rateLimit) ignores the same headers.
    expect(clock.sleeps).toEqual([1000]);
  });

  it("a server pause longer than maxWait is RATE_LIMITED", async () => {
    api.route("GET", "/limited", { status: 429, headers: { "Retry-After": "30" } });
    api.route("GET", "/next", { json: {} });
    const m = await loadMission(`
      mission TooLong {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 600, maxWait: 2000 } }
        action Hit { get "/limited" match response { { code: 429 } -> skip, _ -> skip } }
        action Next { get "/next" }
        run Hit then Next
      }`);
    const clock = virtualClock();
    const { result } = await runMission(m, withClock({ baseUrls: { Api: api.url } }, clock));
    expect(clock.sleeps).toEqual([]); // refused at once, not after waiting
    expect(api.requestsTo("/next")).toHaveLength(0);
    expect(result.errors).toEqual([{ action: "Next", code: "RATE_LIMITED", message: expect.stringMatching(/exceed maxWait 2000 ms$/) }]);
  });
});

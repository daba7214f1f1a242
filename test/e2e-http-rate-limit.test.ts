// End to end: per-source rate limits (LANGUAGE.md §25.2) through compiled missions, judged by the
// start times the server logged — one limiter per source, shared by every action.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer, type LoggedRequest } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

/** How much earlier than the limiter's dispatch a busy machine may make a logged start look. */
const JITTER = 25;
const startGaps = (requests: LoggedRequest[]) => {
  const starts = requests.map((r) => r.start).sort((a, b) => a - b);
  return starts.slice(1).map((t, i) => t - starts[i]!);
};
const overlapInTime = (a: LoggedRequest[], b: LoggedRequest[]) =>
  Math.min(...a.map((r) => r.start)) < Math.max(...b.map((r) => r.start))
  && Math.min(...b.map((r) => r.start)) < Math.max(...a.map((r) => r.start));

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
    const { result } = await runMission(m, { baseUrls: { Api: api.url, Warm: api.url } });
    expect(result.status).toBe("succeeded");
    const limited = [...api.requestsTo("/a"), ...api.requestsTo("/b")];
    expect(limited).toHaveLength(10);
    // Each action alone would be spaced too; together they must share the budget.
    expect(overlapInTime(api.requestsTo("/a"), api.requestsTo("/b"))).toBe(true);
    // The limiter spaces the starts it lets through exactly; between that and the server's log
    // the OS may add jitter when the machine is busy (other test files run in parallel), so one
    // gap may look up to JITTER short, while the whole span can only lose the first one's delay.
    const gapsSeen = startGaps(limited);
    for (const gap of gapsSeen) expect(gap).toBeGreaterThanOrEqual(100 - JITTER);
    const span = Math.max(...limited.map((r) => r.start)) - Math.min(...limited.map((r) => r.start));
    expect(span).toBeGreaterThanOrEqual(9 * 100 - JITTER);
    expect(span).toBeLessThan(9 * 100 + 200);
  });

  it("throttle: a request that starts late does not let the next one in early", async () => {
    // The first answer blocks the (shared) event loop for 180 ms, so the second request's timer,
    // due 100 ms after the first start, fires 80 ms late. The third must still wait 100 ms after it
    // (spacing by projected slots alone would let it in 20 ms after the second).
    api.route("GET", "/t", (_req, index) => {
      if (index === 0) { const until = Date.now() + 180; while (Date.now() < until); }
      return { json: {} };
    });
    api.route("GET", "/warm", { json: {} });
    const m = await loadMission(`
      mission Late {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 600, strategy: "throttle" } }
        source Warm { base: "http://warm.invalid" }
        action WarmUp { get Warm "/warm" }
        action A { for i in [1, 2, 3, 4] parallel { get Api "/t" { params: { i: i } } } }
        run WarmUp then A
      }`);
    const { result } = await runMission(m, { baseUrls: { Api: api.url, Warm: api.url } });
    expect(result.status).toBe("succeeded");
    const gapsSeen = startGaps(api.requestsTo("/t"));
    expect(gapsSeen[0]).toBeGreaterThanOrEqual(170); // the premise: the busy loop made the second one late
    for (const gap of gapsSeen) expect(gap).toBeGreaterThanOrEqual(100 - JITTER);
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
    const started = Date.now();
    const { result } = await runMission(m, { baseUrls: { One: api.url, Two: api.url } });
    expect(result.status).toBe("succeeded");
    expect(Date.now() - started).toBeLessThan(500); // one request each: neither waits 1 s for the other
  });
});

describe("strategies", () => {
  it("pause: the first requestsPerMinute start at once; a wait beyond maxWait is RATE_LIMITED", async () => {
    api.route("GET", "/p", { delayMs: 50, json: {} });
    const m = await loadMission(`
      mission Pause {
        source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: 3, strategy: "pause", maxWait: 1000 } }
        action Burst { for i in [1, 2, 3] parallel { get "/p" { params: { i: i } } } }
        action Over { get "/p" { params: { i: 4 } } }
        run Burst then Over
      }`);
    const { result } = await runMission(m, { baseUrls: { Api: api.url } });
    expect(api.requests).toHaveLength(3);
    expect(api.peakInFlight).toBe(3); // a burst, not spaced
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
    const started = Date.now();
    const { result } = await runMission(m, { baseUrls: { Api: api.url } });
    // A retry of the refusal would wait 2 s first (and a refused attempt never reaches the server).
    expect(Date.now() - started).toBeLessThan(1500);
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
    const resets: number[] = [];
    api.route("GET", "/quota", () => {
      resets.push(Math.ceil(Date.now() / 1000) + 1); // epoch seconds, 1–2 s ahead
      return { headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(resets.at(-1)) }, json: {} };
    });
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
    const { result } = await runMission(m, { baseUrls: { Limited: api.url, Free: api.url } });
    expect(result.status).toBe("succeeded");
    const lastQuota = api.requestsTo("/quota")[1]!;
    const after = (s: string) => api.requestsTo("/after").find((r) => r.query.get("s") === s)!;
    expect(after("free").start - lastQuota.end!).toBeLessThan(300);
    // The Limited source's reset was announced by the first /quota answer (Limited's own).
    expect(after("limited").start).toBeGreaterThanOrEqual(resets[0]! * 1000 - 5);
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
    const started = Date.now();
    const { result } = await runMission(m, { baseUrls: { Api: api.url } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(api.requestsTo("/next")).toHaveLength(0);
    expect(result.errors).toEqual([{ action: "Next", code: "RATE_LIMITED", message: expect.stringMatching(/exceed maxWait 2000 ms$/) }]);
  });
});

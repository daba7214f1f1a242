// Automatic retries (LANGUAGE.md §24.4, delays of §23.1) against a real local server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CircuitBreaker } from "../runtime/http/circuit.ts";
import { RateLimiter } from "../runtime/http/rate-limit.ts";
import { backoffDelay, resolveRetryOptions, retryAfterMs } from "../runtime/http/retry.ts";
import type { RunOptions } from "../runtime/core/types.ts";
import { failTimes, startApiServer, type ApiServer } from "./support/api-server.ts";
import { recordingClock } from "./support/clock.ts";
import { harness, rejection, source, waitFor, type Harness } from "./runtime-http-harness.ts";

let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
});
afterEach(async () => {
  await api.close();
});

/** Gaps between the client-side `request` events for one path (free of server-side jitter). */
const gaps = (h: Harness, path: string): number[] => {
  const starts = h.eventsOf("request").filter((e) => String(e.url).endsWith(path)).map(h.timeOf);
  return starts.slice(1).map((t, i) => t - starts[i]);
};

describe("back-off arithmetic (§23.1)", () => {
  it("computes exponential, linear and constant delays capped by maxDelay", () => {
    const exp = resolveRetryOptions({ initialDelay: 100, maxDelay: 350 });
    expect([1, 2, 3, 4].map((n) => backoffDelay(exp, n))).toEqual([100, 200, 350, 350]);
    const linear = resolveRetryOptions({ backoff: "linear", initialDelay: 100 });
    expect([1, 2, 3].map((n) => backoffDelay(linear, n))).toEqual([100, 200, 300]);
    const constant = resolveRetryOptions({ backoff: "constant", initialDelay: 70 });
    expect([1, 5].map((n) => backoffDelay(constant, n))).toEqual([70, 70]);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(retryAfterMs("0", now)).toBe(0);
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("Tue, 01 Jan 2030 00:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Mon, 31 Dec 2029 23:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it("rejects bad retry values with CONFIG_ERROR", () => {
    expect(() => resolveRetryOptions({ backoff: "random" })).toThrow(/backoff/);
    expect(() => resolveRetryOptions({ maxAttempts: 0 })).toThrow(/maxAttempts/);
  });

  it("names the option, the rule and the value in numeric option errors", () => {
    expect(() => resolveRetryOptions({ maxAttempts: 1.5 })).toThrow("retry maxAttempts must be a positive integer (got 1.5)");
    expect(() => resolveRetryOptions({ initialDelay: -1 })).toThrow("retry initialDelay must be a non-negative number of ms (got -1)");
    expect(() => new RateLimiter("S", { maxWait: -5 })).toThrow("rateLimit maxWait of source 'S' must be a non-negative number of ms (got -5)");
    expect(() => new RateLimiter("S", { requestsPerMinute: 0 })).toThrow("rateLimit requestsPerMinute of source 'S' must be a positive number (got 0)");
    expect(() => new CircuitBreaker("S", { failureThreshold: "3" as never })).toThrow("circuitBreaker failureThreshold of source 'S' must be a non-negative number (got 3)");
  });

  it("a bad source retry policy fails at run start, before any request", async () => {
    const h = harness({ sources: [source("S", api.url, { retry: { maxAttempts: 0 } })] });
    expect((await rejection(h.http.start())).code).toBe("CONFIG_ERROR");
    expect(api.requests).toEqual([]);
  });
});

describe("automatic retries (§24.4)", () => {
  it("tries once without a retry option", async () => {
    api.route("GET", "/x", failTimes(1, { status: 503 }, { json: {} }));
    const h = harness({ sources: [source("S", api.url)] });
    expect((await rejection(h.get("/x"))).status).toBe(503);
    expect(api.requests).toHaveLength(1);
  });

  it("retries 5xx with the source policy and numbers the attempts", async () => {
    api.route("GET", "/x", failTimes(2, { status: 503 }, { json: { done: true } }));
    const h = harness({ sources: [source("S", api.url, { retry: { maxAttempts: 3, backoff: "constant", initialDelay: 60 } })] });
    expect((await h.get("/x")).value).toEqual({ done: true });
    expect(h.eventsOf("request").map((e) => e.attempt)).toEqual([1, 2, 3]);
    for (const gap of gaps(h, "/x")) expect(gap).toBeGreaterThanOrEqual(55);
  });

  it("merges request retry fields over the source's and spaces attempts exponentially", async () => {
    api.route("GET", "/x", { status: 500 });
    const h = harness({ sources: [source("S", api.url, { retry: { maxAttempts: 2, initialDelay: 50 } })] });
    const error = await rejection(h.get("/x", { retry: { maxAttempts: 4 } }));
    expect([error.code, error.status]).toEqual(["HTTP_ERROR", 500]);
    expect(api.requests).toHaveLength(4);
    // Client-side times of the request events: 50, 100, 200 ms (linear would end with 150).
    const starts = h.eventsOf("request").map(h.timeOf);
    const [first, second, third] = starts.slice(1).map((t, i) => t - starts[i]);
    expect(first).toBeGreaterThanOrEqual(48);
    expect(second).toBeGreaterThanOrEqual(98);
    expect(third).toBeGreaterThanOrEqual(198);
  });

  it("retries 408, 429, timeouts and network errors; reports the last attempt's error", async () => {
    api.route("GET", "/mixed", [{ status: 408 }, { status: 429 }, { reset: true }, { delayMs: 300, json: {} }]);
    const h = harness({ sources: [source("S", api.url)] });
    const error = await rejection(h.get("/mixed", { timeout: 100, retry: { maxAttempts: 4, initialDelay: 10 } }));
    expect([error.code, error.message]).toEqual(["TIMEOUT", `GET ${api.url}/mixed: timed out after 100 ms`]);
    expect(api.requests).toHaveLength(4);
  });

  it("never retries other 4xx", async () => {
    api.route("GET", "/x", { status: 404 });
    api.route("GET", "/y", { status: 400 });
    const h = harness({ sources: [source("S", api.url, { retry: { maxAttempts: 5, initialDelay: 1 } })] });
    await rejection(h.get("/x"));
    await rejection(h.get("/y"));
    expect(api.requests).toHaveLength(2);
  });

  it("lets Retry-After replace the computed delay (including 0), uncapped", async () => {
    api.route("GET", "/zero", failTimes(1, { status: 429, headers: { "Retry-After": "0" } }, { json: 1 }));
    api.route("GET", "/one", failTimes(1, { status: 503, headers: { "Retry-After": "1" } }, { json: 2 }));
    const clock = recordingClock();
    const h = harness({ sources: [source("S", api.url, { retry: { maxAttempts: 2, initialDelay: 5000, maxDelay: 10 } })], options: { clock } as RunOptions });
    expect((await h.get("/zero")).value).toBe(1);
    expect((await h.get("/one")).value).toBe(2);
    expect(clock.sleeps).toEqual([0, 1000]); // not the back-off (10 ms after the cap)
    expect(gaps(h, "/one")[0]).toBeGreaterThanOrEqual(950);
  });

  it("cancellation cuts a back-off wait short", async () => {
    // A 10 min back-off: the request settles within the test's time only if the wait is cut.
    api.route("GET", "/x", { status: 503 });
    const clock = recordingClock();
    const h = harness({
      sources: [source("S", api.url, { retry: { maxAttempts: 3, initialDelay: 600_000, maxDelay: 600_000 } })],
      options: { clock } as RunOptions,
    });
    const pending = rejection(h.get("/x"));
    await waitFor(() => clock.sleeps.length === 1);
    h.cancellation.cancel();
    expect((await pending).code).toBe("CANCELLED");
    expect(api.requests).toHaveLength(1);
  });

  it("a guarded request sees the error value after its retries", async () => {
    api.route("GET", "/x", { status: 502, json: { error: "bad gateway" } });
    const h = harness({ sources: [source("S", api.url, { retry: { maxAttempts: 2, initialDelay: 5 } })] });
    const result = await h.get("/x", { guarded: true });
    expect(result.value).toMatchObject({ error: "bad gateway", code: 502 });
    expect(api.requests).toHaveLength(2);
  });

  it("each attempt takes the action's request slot (concurrency)", async () => {
    api.route("GET", "/x", { delayMs: 50, json: {} });
    const h = harness({ sources: [source("S", api.url)], slots: 2 });
    await Promise.all(Array.from({ length: 6 }, () => h.get("/x")));
    expect(api.peakInFlight).toBe(2);
  });
});

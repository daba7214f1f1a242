// Source policies against a real local server: rate limit (§25.2), circuit breaker (§25.3) and
// incremental-sync checkpoints (§24.5).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Cancellation } from "../runtime/core/cancel.ts";
import type { RequestCall } from "../runtime/http/http-runtime.ts";
import { RateLimiter } from "../runtime/http/rate-limit.ts";
import type { RunOptions } from "../runtime/core/types.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { virtualClock, type TestClock } from "./support/clock.ts";
import { harness, rejection, source } from "./runtime-http-harness.ts";

let api: ApiServer;
/** Run options carrying a test clock (a seam of the runtime, not a public option). */
const timedBy = (clock: TestClock) => ({ clock }) as RunOptions;
beforeEach(async () => {
  api = await startApiServer();
  api.route("GET", "/r", { json: [1] });
});
afterEach(async () => {
  await api.close();
});

describe("rate limiting (§25.2)", () => {
  it("throttle spaces request starts across all actions of the source", async () => {
    const clock = virtualClock();
    const h = harness({ sources: [source("S", api.url, { rateLimit: { requestsPerMinute: 600, strategy: "throttle" } })], options: timedBy(clock) });
    await h.http.start();
    const other: RequestCall = { ...h.call, action: "Other" };
    await Promise.all([
      h.get("/r"), h.get("/r"),
      h.http.request({ method: "GET", source: "S", path: "/r" }, other, h.cell),
      h.http.request({ method: "GET", source: "S", path: "/r" }, other, h.cell),
    ]);
    expect(api.requests).toHaveLength(4);
    // 600 rpm: each start waits 100 ms after the previous one, whichever action made it.
    expect(clock.sleeps).toEqual([100, 100, 100]);
  });

  it("pause fails with RATE_LIMITED when the wait would exceed maxWait (never retried)", async () => {
    const clock = virtualClock();
    const h = harness({
      sources: [source("S", api.url, { rateLimit: { requestsPerMinute: 2, maxWait: 100 }, retry: { maxAttempts: 3, initialDelay: 2000 } })],
      options: timedBy(clock),
    });
    await h.get("/r");
    await h.get("/r");
    const error = await rejection(h.get("/r"));
    expect(error.code).toBe("RATE_LIMITED");
    expect(clock.sleeps).toEqual([]); // neither waited for the limiter nor retried after 2 s
    expect(api.requests).toHaveLength(2);
  });

  it("a request cancelled while it waits gives its booked slot back", async () => {
    const limiter = new RateLimiter("S", { requestsPerMinute: 1, strategy: "throttle", maxWait: 61_000 });
    const run = new Cancellation();
    await limiter.acquire(run); // the first request goes at once; the next slot is a minute away
    const waiting = limiter.acquire(run);
    run.cancel();
    expect((await rejection(waiting)).code).toBe("CANCELLED");
    // Had the cancelled request kept its slot, the next one would be two minutes away: > maxWait.
    const next = new Cancellation();
    const third = limiter.acquire(next);
    await new Promise((resolve) => setTimeout(resolve, 20));
    next.cancel();
    expect((await rejection(third)).code).toBe("CANCELLED");
  });

  it("fail refuses at once; a guarded request gets error 'rate_limit'", async () => {
    const h = harness({ sources: [source("S", api.url, { rateLimit: { requestsPerMinute: 1, strategy: "fail" } })] });
    await h.get("/r");
    expect((await h.get("/r", { guarded: true })).value).toMatchObject({ error: "rate_limit", code: 0, status: 0 });
    expect(api.requests).toHaveLength(1);
  });

  it("Retry-After on a 429 pauses every request of the source", async () => {
    api.route("GET", "/busy", { status: 429, headers: { "Retry-After": "1" } });
    const h = harness({ sources: [source("S", api.url, { rateLimit: { requestsPerMinute: 1000 } })] });
    await h.get("/busy", { guarded: true });
    await h.get("/r");
    const [busy, next] = api.requests;
    expect(next.start - busy.start).toBeGreaterThanOrEqual(950);
  });

  it("X-RateLimit-Remaining: 0 with a reset beyond maxWait gives RATE_LIMITED", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 30);
    api.route("GET", "/last", { json: [], headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset } });
    const h = harness({ sources: [source("S", api.url, { rateLimit: { maxWait: 1000 } })] });
    await h.get("/last");
    expect((await rejection(h.get("/r"))).code).toBe("RATE_LIMITED");
    expect(api.requests).toHaveLength(1);
  });
});

describe("circuit breaker (§25.3)", () => {
  it("opens after failureThreshold failures, refuses without network, then half-opens and closes", async () => {
    api.route("GET", "/down", { status: 500 });
    const clock = virtualClock(); // time passes only when the test says so
    const h = harness({ sources: [source("S", api.url, { circuitBreaker: { failureThreshold: 2, resetTimeout: 200, successThreshold: 1 } })], options: timedBy(clock) });
    await rejection(h.get("/down"));
    await rejection(h.get("/down"));
    const refused = await rejection(h.get("/r"));
    expect(refused.code).toBe("CIRCUIT_OPEN");
    expect(api.requests).toHaveLength(2);
    expect((await h.get("/r", { guarded: true })).value).toMatchObject({ error: "circuit_open", code: 0 });
    clock.advance(199);
    expect((await rejection(h.get("/r"))).code).toBe("CIRCUIT_OPEN");
    clock.advance(1);
    expect((await h.get("/r")).value).toEqual([1]);
    expect((await h.get("/r")).value).toEqual([1]);
    expect(api.requests).toHaveLength(4);
  });

  it("counts each attempt and does not retry CIRCUIT_OPEN; a half-open failure reopens", async () => {
    api.route("GET", "/down", { status: 503 });
    const clock = virtualClock(); // time passes only in the back-off waits and when the test says so
    const h = harness({ sources: [source("S", api.url, { circuitBreaker: { failureThreshold: 2, resetTimeout: 300 } })], options: timedBy(clock) });
    // Attempts at 0 and 200 ms fail and open the circuit; the third, at 400 ms, is refused. A retry
    // of that refusal (at 600 ms) would find the circuit half-open and reach the server.
    const retry = { maxAttempts: 5, backoff: "constant", initialDelay: 200 };
    const error = await rejection(h.get("/down", { retry }));
    expect(error.code).toBe("CIRCUIT_OPEN");
    expect(clock.sleeps).toEqual([200, 200]);
    clock.advance(400);
    expect(api.requests).toHaveLength(2);
    await rejection(h.get("/down")); // half-open by now: one trial, which fails and reopens
    expect((await rejection(h.get("/r"))).code).toBe("CIRCUIT_OPEN");
    expect(api.requests).toHaveLength(3);
  });

  it("4xx answers are not failures", async () => {
    api.route("GET", "/nf", { status: 404 });
    const h = harness({ sources: [source("S", api.url, { circuitBreaker: { failureThreshold: 1 } })] });
    await rejection(h.get("/nf"));
    expect((await h.get("/r")).value).toEqual([1]);
  });
});

describe("incremental sync (§24.5)", () => {
  const syncFile = (dataDir: string): Record<string, { syncedAt: string; recordCount: number }> =>
    JSON.parse(readFileSync(join(dataDir, "sync", "TestMission.json"), "utf8"));

  it("omits since on the first run, commits on action success, sends it next run", async () => {
    api.route("GET", "/r/", { json: [1] });
    const first = harness({ sources: [source("Shop", api.url)] });
    const before = Date.now();
    await first.get("/r/", { params: { q: 1 }, since: { lastSync: true } });
    expect(api.requests[0].query.has("since")).toBe(false);
    expect(existsSync(join(first.dataDir, "sync"))).toBe(false);
    await first.succeed();
    const saved = syncFile(first.dataDir)["Shop:/r"];
    expect(saved.recordCount).toBe(1);
    expect(Date.parse(saved.syncedAt)).toBeGreaterThanOrEqual(before);

    const second = harness({ sources: [source("Shop", api.url)], dataDir: first.dataDir });
    await second.get("/r", { since: { lastSync: true } });
    await second.get("/r", { since: { lastSync: true, format: "unix" }, sinceParam: "from" });
    expect(api.requests[1].query.get("since")).toBe(saved.syncedAt);
    expect(api.requests[2].query.get("from")).toBe(String(Math.floor(Date.parse(saved.syncedAt) / 1000)));
  });

  it("uses syncKey / lastSync(key), sends since on every page, and dry runs never commit", async () => {
    const h = harness({ sources: [source("Shop", api.url)] });
    await h.get("/r", { since: { lastSync: true, key: "orders" } });
    await h.succeed();
    expect(Object.keys(syncFile(h.dataDir))).toEqual(["orders"]);

    api.route("GET", "/pages", (req) => ({ json: req.query.get("page") === "1" ? [1] : [] }));
    const again = harness({ sources: [source("Shop", api.url)], dataDir: h.dataDir });
    await again.get("/pages", { since: { lastSync: true }, syncKey: "orders", paginate: { style: "page", param: "page", size: 1 } });
    expect(api.requestsTo("/pages").map((r) => r.query.has("since"))).toEqual([true, true]);

    const dry = harness({ sources: [source("Shop", api.url)], dataDir: h.dataDir, options: { dryRun: true } });
    await dry.get("/r", { since: { lastSync: true, key: "dry" } });
    await dry.succeed();
    expect(Object.keys(syncFile(h.dataDir))).toEqual(["orders"]);
  });

  it("since: EXPR sends the string form and keeps no checkpoint", async () => {
    const h = harness({ sources: [source("Shop", api.url)] });
    await h.get("/r", { since: { lastSync: false, value: "2024-01-01" } });
    await h.succeed();
    expect(api.requests[0].query.get("since")).toBe("2024-01-01");
    expect(existsSync(join(h.dataDir, "sync"))).toBe(false);
  });
});

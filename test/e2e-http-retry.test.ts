// End to end: automatic retries (LANGUAGE.md §24.4, back-off of §23.1) through compiled missions,
// judged by the server's request log (attempt counts, spacing no shorter than the back-off) and by
// the exact waits the runtime asked its clock for (no wall-clock upper bounds: timers run late on
// a busy machine, never early).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunOptions } from "../runtime/core/types.ts";
import { failTimes, startApiServer, type ApiServer, type Reply } from "./support/api-server.ts";
import { recordingClock, virtualClock, type TestClock } from "./support/clock.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

const base = () => ({ baseUrls: { default: api.url } });
const withClock = (options: RunOptions, clock: TestClock) => ({ ...options, clock }) as RunOptions;
/** Gaps between consecutive request starts to `path`, in ms. */
const gaps = (path: string) => {
  const starts = api.requestsTo(path).map((r) => r.start);
  return starts.slice(1).map((t, i) => t - starts[i]!);
};
/** The server saw attempts at least the back-off apart (a busy machine only makes gaps longer). */
function expectGapsAtLeast(actual: number[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(expected[i]! - 5));
}

describe("retry option on a request and on its source", () => {
  it("maxAttempts 3 means exactly 3 requests, exponential back-off, the last attempt's error", async () => {
    api.route("GET", "/down", { status: 503, json: { error: "unavailable" } });
    const m = await loadMission(`
      mission Three {
        action Fetch { get "/down" { retry: { maxAttempts: 3, backoff: exponential, initialDelay: 100 } } }
        run Fetch
      }`);
    const clock = recordingClock();
    const { result, events } = await runMission(m, withClock(base(), clock));
    expect(result.status).toBe("failed");
    expect(api.requestsTo("/down")).toHaveLength(3);
    expect(clock.sleeps).toEqual([100, 200]);
    expectGapsAtLeast(gaps("/down"), [100, 200]);
    expect(result.errors).toEqual([{ action: "Fetch", message: `GET ${api.url}/down: HTTP 503`, code: "HTTP_ERROR", status: 503 }]);
    expect(events.filter((e) => e.type === "request").map((e) => e.attempt)).toEqual([1, 2, 3]);
  });

  it("maxDelay caps the back-off; linear and constant spacing", async () => {
    api.route("GET", "/lin", failTimes(4, { status: 500 }, { json: { ok: "/lin" } }));
    api.route("GET", "/const", failTimes(3, { status: 500 }, { json: { ok: "/const" } }));
    const m = await loadMission(`
      mission Spacing {
        action Lin { get "/lin" { retry: { maxAttempts: 5, backoff: linear, initialDelay: 100, maxDelay: 150 } } store response -> out { key: "lin" } }
        action Const { get "/const" { retry: { maxAttempts: 4, backoff: "constant", initialDelay: 80 } } store response -> out { key: "const" } }
        run [Lin, Const]
      }`);
    const clock = recordingClock();
    const { result } = await runMission(m, withClock(base(), clock));
    expect(result.status).toBe("succeeded");
    // Lin's 100, 150, 150, 150 (uncapped: 100, 200, 300, 400) and Const's 80, 80, 80, interleaved.
    expect([...clock.sleeps].sort((a, b) => a - b)).toEqual([80, 80, 80, 100, 150, 150, 150]);
    expectGapsAtLeast(gaps("/lin"), [100, 150, 150, 150]);
    expectGapsAtLeast(gaps("/const"), [80, 80, 80]);
    expect(result.stores.out).toEqual({ lin: { ok: "/lin" }, const: { ok: "/const" } });
  });

  it("a source retry is the default of its requests; request fields merge over it", async () => {
    api.route("GET", "/plain", { status: 502 });
    api.route("GET", "/tuned", { status: 502 });
    const m = await loadMission(`
      mission Merge {
        source Api { base: "http://api.invalid", retry: { maxAttempts: 4, backoff: constant, initialDelay: 50 } }
        action Plain { get "/plain" }
        action Tuned { get "/tuned" { retry: { backoff: linear, maxAttempts: 3 } } }
        run [Plain, Tuned]
      }`);
    const clock = virtualClock();
    const { result } = await runMission(m, withClock({ baseUrls: { Api: api.url } }, clock));
    expect(result.status).toBe("partial");
    expect(api.requestsTo("/plain")).toHaveLength(4);
    expect(api.requestsTo("/tuned")).toHaveLength(3);
    // Plain: 50, 50, 50 (constant, from the source); Tuned: 50, 100 (initialDelay 50 from the
    // source, linear from the request); interleaved.
    expect([...clock.sleeps].sort((a, b) => a - b)).toEqual([50, 50, 50, 50, 100]);
  });

  it("without any retry option a request is attempted once", async () => {
    api.route("GET", "/once", { status: 503 });
    const m = await loadMission(`mission Once { action Fetch { get "/once" } run Fetch }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(api.requestsTo("/once")).toHaveLength(1);
  });
});

describe("what is retried", () => {
  const retried: [string, Reply][] = [
    ["connection reset", { reset: true }],
    ["timeout", { delayMs: 400, json: {} }],
    ["408", { status: 408 }],
    ["429", { status: 429 }],
    ["500", { status: 500 }],
    ["503", { status: 503 }],
    ["599", { status: 599 }],
  ];
  for (const [what, failure] of retried) {
    it(`retries after ${what}`, async () => {
      api.route("GET", "/r", failTimes(2, failure, { json: { ok: true } }));
      const m = await loadMission(`
        mission Retried {
          action Fetch { get "/r" { timeout: 150, retry: { maxAttempts: 3, initialDelay: 10 } } store response -> out { key: "r" } }
          run Fetch
        }`);
      const { result } = await runMission(m, base());
      expect(result.errors).toEqual([]);
      expect(result.status).toBe("succeeded");
      expect(api.requestsTo("/r")).toHaveLength(3);
      expect(result.stores.out).toEqual({ r: { ok: true } });
    });
  }

  for (const status of [400, 401, 403, 404, 409, 422]) {
    it(`never retries ${status}`, async () => {
      api.route("GET", "/r", failTimes(1, { status, json: { message: "no" } }, { json: {} }));
      const m = await loadMission(`
        mission NotRetried {
          action Fetch { get "/r" { retry: { maxAttempts: 5, initialDelay: 10 } } }
          run Fetch
        }`);
      const { result } = await runMission(m, base());
      expect(api.requestsTo("/r")).toHaveLength(1);
      expect(result.errors).toEqual([{ action: "Fetch", message: `GET ${api.url}/r: HTTP ${status}`, code: "HTTP_ERROR", status }]);
    });
  }

  it("an exhausted retry after timeouts reports TIMEOUT, after resets NETWORK_ERROR", async () => {
    api.route("GET", "/slow", { delayMs: 500, json: {} });
    api.route("GET", "/drop", { reset: true });
    const m = await loadMission(`
      mission Exhausted {
        action Slow { get "/slow" { timeout: 100, retry: { maxAttempts: 2, initialDelay: 10 } } }
        action Drop { get "/drop" { retry: { maxAttempts: 2, initialDelay: 10 } } }
        run [Slow, Drop]
      }`);
    const { result } = await runMission(m, base());
    expect(api.requestsTo("/slow")).toHaveLength(2);
    expect(api.requestsTo("/drop")).toHaveLength(2);
    const of = (action: string) => result.errors.find((e) => e.action === action);
    expect(result.errors).toHaveLength(2);
    expect(of("Slow")).toEqual({ action: "Slow", message: `GET ${api.url}/slow: timed out after 100 ms`, code: "TIMEOUT" });
    expect(of("Drop")).toMatchObject({ action: "Drop", code: "NETWORK_ERROR" });
    expect(of("Drop")!.message).toMatch(new RegExp(`^GET ${api.url}/drop: network error: .+`));
  });
});

describe("Retry-After", () => {
  const mission = (path: string) => `
    mission After {
      action Fetch { get "${path}" { retry: { maxAttempts: 2, initialDelay: 2000, maxDelay: 50 } } store response -> out { key: "x" } }
      run Fetch
    }`;

  it("seconds replace the computed delay, uncapped by maxDelay", async () => {
    api.route("GET", "/s", failTimes(1, { status: 429, headers: { "Retry-After": "1" } }, { json: { ok: 1 } }));
    const clock = recordingClock();
    const { result } = await runMission(await loadMission(mission("/s")), withClock(base(), clock));
    expect(result.status).toBe("succeeded");
    expect(clock.sleeps).toEqual([1000]);
    expectGapsAtLeast(gaps("/s"), [1000]);
  });

  it("an HTTP date is waited for", async () => {
    // The run's clock stands still at a whole second, so the date 3 s ahead means a 3 s wait.
    const clock = virtualClock(Date.UTC(2030, 0, 1, 12, 0, 0));
    api.route("GET", "/d", (_req, i) => i === 0
      ? { status: 503, headers: { "Retry-After": new Date(clock.now() + 3000).toUTCString() } }
      : { json: { ok: 1 } });
    const { result } = await runMission(await loadMission(mission("/d")), withClock(base(), clock));
    expect(result.status).toBe("succeeded");
    expect(clock.sleeps).toEqual([3000]);
    expect(api.requestsTo("/d")).toHaveLength(2);
  });

  it("0 retries at once instead of waiting the 2 s back-off", async () => {
    api.route("GET", "/z", failTimes(1, { status: 503, headers: { "Retry-After": "0" } }, { json: { ok: 1 } }));
    const clock = recordingClock();
    const { result } = await runMission(await loadMission(mission("/z")), withClock(base(), clock));
    expect(result.status).toBe("succeeded");
    expect(clock.sleeps).toEqual([0]);
    expect(api.requestsTo("/z")).toHaveLength(2);
  });
});

// The back-off here is 10 minutes, far beyond the test timeout: these runs end only because the
// wait was cut short, whatever the machine's load.
describe("cancellation of back-off waits", () => {
  it("fail-fast: a 10 min back-off ends when its sibling fails", async () => {
    api.route("GET", "/flaky", { status: 503 });
    // /broken answers only once Patient's first attempt has been answered, so Patient is waiting.
    let flakyAnswered!: () => void;
    const patientWaits = new Promise<void>((resolve) => { flakyAnswered = resolve; });
    api.route("GET", "/broken", async () => { await patientWaits; return { status: 404 }; });
    const m = await loadMission(`
      mission FailFast {
        parallelMode: "fail-fast"
        action Patient { get "/flaky" { retry: { maxAttempts: 3, initialDelay: 600000, maxDelay: 600000 } } store response -> never { key: "x" } }
        action Broken { get "/broken" }
        run [Patient, Broken]
      }`);
    const clock = recordingClock();
    const { result } = await runMission(m, {
      ...withClock(base(), clock),
      onEvent: (e) => { if (e.type === "response" && e.url.endsWith("/flaky")) flakyAnswered(); },
    });
    expect(result.status).toBe("failed");
    expect(clock.sleeps).toEqual([600000]);
    expect(api.requestsTo("/flaky")).toHaveLength(1);
    expect(result.errors).toEqual([{ action: "Broken", message: `GET ${api.url}/broken: HTTP 404`, code: "HTTP_ERROR", status: 404 }]);
    expect(result.timeline.map((t) => [t.action, t.status])).toEqual([["Patient", "cancelled"], ["Broken", "failed"]]);
  });

  it("an external signal cuts a back-off wait short", async () => {
    api.route("GET", "/flaky", { status: 503 });
    const m = await loadMission(`
      mission External {
        action Patient { get "/flaky" { retry: { maxAttempts: 3, initialDelay: 600000, maxDelay: 600000 } } }
        run Patient
      }`);
    const controller = new AbortController();
    // The caller aborts once the back-off wait has begun.
    const recording = recordingClock();
    const clock: TestClock = {
      ...recording,
      sleep(ms, signal) {
        const waiting = recording.sleep(ms, signal);
        setImmediate(() => controller.abort());
        return waiting;
      },
    };
    const { result } = await runMission(m, { ...withClock(base(), clock), signal: controller.signal });
    expect(recording.sleeps).toEqual([600000]);
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "", message: "run cancelled", code: "CANCELLED" }]);
    expect(api.requestsTo("/flaky")).toHaveLength(1);
  });
});

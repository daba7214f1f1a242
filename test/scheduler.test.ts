// The daemon's per-mission scheduler (runtime/schedule/scheduler.ts) on fake timers: due times on
// the schedule's own grid, no back-fill after a sleep, skipIfRunning, maxConcurrentRuns with
// waiting runs in order, retries with back-off, and stop() starting nothing new.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MissionScheduler, type RunStatus, type SchedulerEvent } from "../runtime/schedule/scheduler.ts";
import type { ScheduleSpec } from "../runtime/schedule/spec.ts";

const T0 = new Date("2027-01-04T10:00:00.000Z");

function spec(overrides: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return {
    when: { form: "every", count: 1, unit: "minute", periodMs: 60_000 }, text: "every 1 minute",
    timezone: "UTC", skipIfRunning: true, maxConcurrentRuns: 1, retry: null, runOnStart: false, ...overrides,
  };
}

/** A scheduler whose runs stay open until `finish(i, status)`; records when each started. */
function harness(s: ScheduleSpec) {
  const started: { at: number; attempt: number; finish: (status: RunStatus) => void }[] = [];
  const events: SchedulerEvent[] = [];
  const scheduler = new MissionScheduler("M", s, {
    run: (attempt) => new Promise<RunStatus>((resolve) => started.push({ at: Date.now() - T0.getTime(), attempt, finish: resolve })),
    log: (event) => events.push(event),
  }, new Date());
  return { scheduler, started, events };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe("MissionScheduler", () => {
  it("runs on the grid of its start and does not back-fill slots missed while asleep", async () => {
    const { scheduler, started } = harness(spec());
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started.map((s) => s.at)).toEqual([60_000]);
    started[0]!.finish("succeeded");
    // The machine sleeps for ten minutes: the clock jumps, the timer fires late, once.
    vi.setSystemTime(T0.getTime() + 11 * 60_000 + 30_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(2);
    started[1]!.finish("succeeded");
    // The next one is on the grid again (minute 13), not 60 s after the late run.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started.map((s) => s.at % 60_000)).toEqual([0, started[1]!.at % 60_000, 0]);
    scheduler.stop();
  });

  it("skipIfRunning: a due run while one runs is skipped and logged", async () => {
    const { scheduler, started, events } = harness(spec({ runOnStart: true }));
    scheduler.start();
    expect(started).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(started).toHaveLength(1);
    expect(events.map((e) => e.event)).toEqual(["skipped", "skipped"]);
    scheduler.stop();
  });

  it("maxConcurrentRuns with skipIfRunning: false: two overlap, the third waits for a slot, in order", async () => {
    const { scheduler, started, events } = harness(spec({ skipIfRunning: false, maxConcurrentRuns: 2 }));
    scheduler.start();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(started.map((s) => s.at)).toEqual([60_000, 120_000]);
    expect(scheduler.running).toBe(2);
    started[0]!.finish("succeeded");
    await vi.advanceTimersByTimeAsync(0);
    expect(started.map((s) => s.at)).toEqual([60_000, 120_000, 180_000]);
    expect(events).toEqual([]);
    scheduler.stop();
  });

  it("retries a failed run after the back-off, up to maxRetries; partial is not retried", async () => {
    const { scheduler, started, events } = harness(spec({ retry: { maxRetries: 2, backoff: "exponential", initialDelay: 1000, maxDelay: null } }));
    const final = scheduler.runOnce();
    started[0]!.finish("failed");
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(started.map((s) => s.attempt)).toEqual([1, 2]);
    started[1]!.finish("failed");
    await vi.advanceTimersByTimeAsync(2000);
    started[2]!.finish("partial");
    expect(await final).toBe("partial");
    expect(events).toEqual([
      { event: "retry", mission: "M", retry: 1, of: 2, delayMs: 1000 },
      { event: "retry", mission: "M", retry: 2, of: 2, delayMs: 2000 },
    ]);
  });

  it("stop() starts nothing new: no due runs, a pending retry is dropped", async () => {
    const { scheduler, started } = harness(spec({ retry: { maxRetries: 3, backoff: "constant", initialDelay: 5000, maxDelay: null } }));
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    started[0]!.finish("failed");
    await vi.advanceTimersByTimeAsync(0);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(started).toHaveLength(1);
    await scheduler.idle();
    expect(scheduler.running).toBe(0);
  });
});

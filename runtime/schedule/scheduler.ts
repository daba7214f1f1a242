// Runs one scheduled mission on time (LANGUAGE.md §36.2): due times from the schedule (no
// back-fill of times that passed while asleep or skipped), `skipIfRunning`, `maxConcurrentRuns`
// with due runs waiting in order, `retry` of failed runs, `runOnStart`, and a stop that starts
// nothing new. What a run is, and how it is logged, is the caller's: this only decides when.
import { dueTimes, type DueTimes } from "./due-times.ts";
import { retryDelay, type ScheduleSpec } from "./spec.ts";

export type RunStatus = "succeeded" | "partial" | "failed";

export type SchedulerEvent =
  | { event: "skipped"; mission: string; next: Date | null }
  | { event: "retry"; mission: string; retry: number; of: number; delayMs: number }
  | { event: "never"; mission: string };

export interface SchedulerHooks {
  /** Starts one run (`attempt` 1 for a due run, 2… for its retries) and resolves to its status. */
  run(attempt: number): Promise<RunStatus>;
  log(event: SchedulerEvent): void;
}

export class MissionScheduler {
  private readonly times: DueTimes;
  private timer: NodeJS.Timeout | null = null;
  private readonly retryWaits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  /** Due runs waiting for a free slot (skipIfRunning: false), in order. */
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<RunStatus>>();
  private stopped = false;

  constructor(
    readonly mission: string,
    readonly spec: ScheduleSpec,
    private readonly hooks: SchedulerHooks,
    /** Anchor of `every` schedules: the daemon's start. */
    readonly startedAt: Date = new Date(),
  ) {
    this.times = dueTimes(spec, startedAt);
  }

  /** The next due time after `now` (null: none left). */
  nextDue(now: Date = new Date()): Date | null {
    return this.times.nextAfter(now);
  }

  /** Arms the timer; with `runOnStart` also runs at once. */
  start(): void {
    if (this.spec.runOnStart) this.due();
    this.arm();
  }

  /** Runs the mission once now (with its retries), as `--once` does; resolves to the final status. */
  runOnce(): Promise<RunStatus> {
    return this.startRun();
  }

  /** Starts nothing new: clears the timer, drops waiting runs and pending retries. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.length = 0;
    for (const wait of this.retryWaits) {
      clearTimeout(wait.timer);
      wait.resolve();
    }
    this.retryWaits.clear();
  }

  /** Runs (with their retries) in flight. */
  get running(): number {
    return this.inFlight.size;
  }

  /** Resolves when every run in flight has ended. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.times.nextAfter(new Date());
    if (next === null) {
      if (this.spec.when.form === "at" && !this.spec.runOnStart) this.hooks.log({ event: "never", mission: this.mission });
      return;
    }
    // Timers are capped near 24.8 days; a longer wait re-arms on the way.
    const delay = Math.min(Math.max(0, next.getTime() - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (Date.now() >= next.getTime()) this.due();
      this.arm();
    }, delay);
  }

  private due(): void {
    if (this.stopped) return;
    const limit = this.spec.skipIfRunning ? 1 : this.spec.maxConcurrentRuns;
    if (this.inFlight.size < limit) {
      void this.startRun();
    } else if (this.spec.skipIfRunning) {
      this.hooks.log({ event: "skipped", mission: this.mission, next: this.times.nextAfter(new Date()) });
    } else {
      this.waiting.push(() => void this.startRun());
    }
  }

  private startRun(): Promise<RunStatus> {
    const run = this.runWithRetries();
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      if (!this.stopped) this.waiting.shift()?.();
    });
    return run;
  }

  private async runWithRetries(): Promise<RunStatus> {
    const maxRetries = this.spec.retry?.maxRetries ?? 0;
    let status = await this.hooks.run(1);
    for (let retry = 1; status === "failed" && retry <= maxRetries && !this.stopped; retry++) {
      const delayMs = retryDelay(this.spec.retry!, retry);
      this.hooks.log({ event: "retry", mission: this.mission, retry, of: maxRetries, delayMs });
      await this.sleep(delayMs);
      if (this.stopped) break;
      status = await this.hooks.run(retry + 1);
    }
    return status;
  }

  /** A retry's delay; ended early (and the retry dropped) by stop(). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          this.retryWaits.delete(wait);
          resolve();
        }, ms),
        resolve,
      };
      this.retryWaits.add(wait);
    });
  }
}

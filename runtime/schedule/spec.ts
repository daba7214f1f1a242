// What a mission's `schedule:` item means once checked (LANGUAGE.md §36.1): plain data, recorded
// by the checker in the Analysis and read by `reqonc check --schedule` and `reqonc daemon`.

export type EveryUnit = "second" | "minute" | "hour" | "day" | "week";

export type ScheduleWhen =
  /** `every N UNIT`: daemon start + k·N·UNIT. */
  | { form: "every"; count: number; unit: EveryUnit; periodMs: number }
  /** `cron "m h dom mon dow"` in the schedule's zone. */
  | { form: "cron"; expression: string }
  /** `at "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]"`: once. `local` is the text without an offset. */
  | { form: "at"; once: { year: number; month: number; day: number; hour: number; minute: number; second: number; offset: string | null } }
  /** `at "HH:MM"`: every day at that wall-clock time. */
  | { form: "daily"; hour: number; minute: number };

/** A failed run is repeated after a delay, up to `maxRetries` times (`partial` is not retried). */
export interface ScheduleRetry {
  maxRetries: number;
  backoff: "exponential" | "linear" | "constant";
  /** Delay before the first retry, in ms. */
  initialDelay: number;
  /** Cap of any delay, in ms (null: none). */
  maxDelay: number | null;
}

export interface ScheduleSpec {
  when: ScheduleWhen;
  /** The schedule as written after `schedule:` (`every 15 minutes`, `cron "0 6 * * 1-5"`, `at "23:55"`). */
  text: string;
  /** IANA zone for cron and wall-clock `at` times. */
  timezone: string;
  skipIfRunning: boolean;
  maxConcurrentRuns: number;
  retry: ScheduleRetry | null;
  runOnStart: boolean;
}

export const UNIT_MS: Record<EveryUnit, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** Delay before retry number `n` (1 for the first), as §23.1 computes back-off. */
export function retryDelay(retry: ScheduleRetry, n: number): number {
  const raw = retry.backoff === "exponential" ? retry.initialDelay * 2 ** (n - 1)
    : retry.backoff === "linear" ? retry.initialDelay * n
    : retry.initialDelay;
  return retry.maxDelay === null ? raw : Math.min(raw, retry.maxDelay);
}

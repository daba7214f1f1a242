// The wall clock and the waits of a run: rate limits, circuit breakers, Retry-After and OAuth
// expiry read `now`; back-off and rate-limit waits go through `sleep`. One object, so a test can
// replace both (InternalRunOptions.clock) and see exactly which waits the runtime asked for,
// instead of measuring them on a machine whose timers run late.
import { cancellableSleep, type Cancellation } from "./cancel.ts";

export interface Clock {
  /** Milliseconds since the epoch, like Date.now(). */
  now(): number;
  /** Waits `ms`; rejects with the cancellation error as soon as `signal` is cancelled. */
  sleep(ms: number, signal: Cancellation): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: cancellableSleep };

/** The clock a run's options carry (a test seam, never a public option), else the system's. */
export function clockOf(options: object): Clock {
  return (options as { clock?: Clock }).clock ?? systemClock;
}

// Clocks to inject into a run (InternalRunOptions.clock, runtime/core/clock.ts), so tests assert
// the waits the runtime asked for instead of measuring them on a busy machine.
//
//   const clock = recordingClock();   // waits for real, and logs each wait: clock.sleeps
//   const clock = virtualClock();     // never waits: a sleep moves its `now` forward at once
//   await runMission(m, { ...options, clock } as RunOptions);
import { cancellableSleep, cancelledError, type Cancellation } from "../../runtime/core/cancel.ts";
import type { Clock } from "../../runtime/core/clock.ts";

export interface TestClock extends Clock {
  /** Every wait the runtime asked for, in ms, in order. */
  readonly sleeps: number[];
}

/** The system clock, plus a log of the waits. */
export function recordingClock(): TestClock {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep(ms: number, signal: Cancellation) {
      sleeps.push(ms);
      return cancellableSleep(ms, signal);
    },
  };
}

/**
 * Time that passes only by sleeping: `now` starts at `start` and each sleep moves it forward by its
 * length and returns on the next turn of the event loop. Exact for waits that follow each other
 * (a retry loop, a rate limiter's queue); concurrent waits add up instead of overlapping.
 */
export function virtualClock(start = Date.now()): TestClock & { advance(ms: number): void } {
  const sleeps: number[] = [];
  let offset = 0;
  return {
    sleeps,
    now: () => start + offset,
    advance(ms: number) {
      offset += ms;
    },
    sleep(ms: number, signal: Cancellation) {
      if (signal.aborted) return Promise.reject(cancelledError());
      sleeps.push(ms);
      if (ms > 0) offset += ms;
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

// The run's event stream (LANGUAGE.md §31.3): one clock per run, `t` added here, and a listener
// that can never break the run (exceptions from `onEvent` are ignored).
import type { RunEvent } from "./types.ts";

/** `Omit` that keeps a union a union (plain `Omit` would merge the event variants). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type EventInput = DistributiveOmit<RunEvent, "t">;

export class RunClock {
  private readonly origin = performance.now();

  /** Integer milliseconds since the run started. */
  now(): number {
    return Math.round(performance.now() - this.origin);
  }
}

export type Emit = (event: EventInput) => void;

/** The emitter of a run nobody listens to: callers may skip building events for it. */
export const NO_LISTENER: Emit = () => {};

export function createEmitter(clock: RunClock, onEvent: ((event: RunEvent) => void) | undefined): Emit {
  if (onEvent === undefined) return NO_LISTENER;
  return (event) => {
    try {
      const returned: unknown = onEvent({ ...event, t: clock.now() } as RunEvent);
      // An async listener's rejection would otherwise be an unhandled rejection, which ends
      // the process.
      if (isThenable(returned)) returned.then(undefined, () => {});
    } catch {
      // A listener's failure is the caller's problem, never the mission's (§31.1).
    }
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

// Cancellation (LANGUAGE.md §7.4): the run's cancellation state, the error a cancellation point
// throws, and a sleep that a cancelled run cuts short.
import { ReqonError } from "./errors.ts";

/**
 * A run's cancellation, as the runtime passes it around. Not an AbortSignal, for two reasons
 * measured on a wide fan-out: Node gives every AbortSignal its own hidden class, so code V8
 * optimized while reading one run's signal deoptimizes on the next run's (a mission run again
 * and again in one process); and an EventTarget listener per in-flight request costs
 * microseconds where a Set entry costs nanoseconds. The caller's AbortSignal (RunOptions.signal)
 * is bridged to it with one listener per run.
 */
export class Cancellation {
  /** True once the run is cancelled. */
  aborted = false;
  private readonly listeners = new Set<() => void>();

  /** Calls `fn` once when the run is cancelled (soon, if it already is), unless `off(fn)` first. */
  on(fn: () => void): void {
    if (this.aborted) queueMicrotask(fn);
    else this.listeners.add(fn);
  }

  off(fn: () => void): void {
    this.listeners.delete(fn);
  }

  /** Cancels; later calls do nothing. */
  cancel(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const fn of listeners) fn();
  }
}

/** Thrown at cancellation points; actions ending with it are "cancelled", never recorded. */
export function cancelledError(): ReqonError {
  return new ReqonError("CANCELLED", "run cancelled");
}

export function throwIfCancelled(signal: Cancellation): void {
  if (signal.aborted) throw cancelledError();
}

/** Waits `ms` (no timer for 0 or less); rejects with the cancellation error as soon as the run is cancelled. */
export function cancellableSleep(ms: number, signal: Cancellation): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelledError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal.off(onAbort);
      resolve();
    }, ms);
    signal.on(onAbort);
  });
}

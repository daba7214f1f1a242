// A counting limiter: the per-action-run cap on in-flight HTTP requests (`concurrency`, §5).
// A released slot is handed straight to the oldest waiter, so the cap holds even when new
// callers arrive while a waiter is being woken.
import { cancelledError, type Cancellation } from "./cancel.ts";

export type Slot = <T>(fn: () => Promise<T>) => Promise<T>;

export function createLimiter(limit: number, signal: Cancellation): Slot {
  let active = 0;
  const waiting: { grant: () => void }[] = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next.grant(); // the slot passes on; `active` stays the same
    else active--;
  }

  /** Waits for a slot; callers take a free slot synchronously first (see `slot` below). */
  function acquire(): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal.off(onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = waiting.indexOf(waiter);
        if (at >= 0) waiting.splice(at, 1);
        reject(cancelledError());
      };
      waiting.push(waiter);
      signal.on(onAbort);
    });
  }

  /** Runs `fn` in a slot; the slot is released when its promise settles (no extra async frame). */
  function holding<T>(fn: () => Promise<T>): Promise<T> {
    let pending: Promise<T>;
    try {
      pending = fn();
    } catch (error) {
      release();
      return Promise.reject(error);
    }
    pending.then(release, release);
    return pending;
  }

  // A free slot is taken at once, without a promise hop (this sits on every request's path).
  return (fn) => {
    if (signal.aborted) return Promise.reject(cancelledError());
    if (active < limit) {
      active++;
      return holding(fn);
    }
    return acquire().then(() => holding(fn));
  };
}

// Cancellation (LANGUAGE.md §7.4): the error a cancellation point throws, and a sleep that a
// cancelled run cuts short.
import { ReqonError } from "./errors.ts";

/** Thrown at cancellation points; actions ending with it are "cancelled", never recorded. */
export function cancelledError(): ReqonError {
  return new ReqonError("CANCELLED", "run cancelled");
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError();
}

/** Waits `ms`; rejects with the cancellation error as soon as the signal fires. */
export function cancellableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

// The run's Cancellation (runtime/cancel.ts): what every cancellation point and in-flight
// request listens to instead of an AbortSignal.
import { describe, expect, it, vi } from "vitest";
import { Cancellation, cancellableSleep } from "../runtime/core/cancel.ts";
import { ReqonError } from "../runtime/core/errors.ts";

describe("Cancellation", () => {
  it("calls each listener once, in order, and forgets removed ones", () => {
    const c = new Cancellation();
    const calls: string[] = [];
    const a = () => calls.push("a");
    const b = () => calls.push("b");
    const removed = () => calls.push("removed");
    c.on(a);
    c.on(removed);
    c.on(b);
    c.off(removed);
    expect(c.aborted).toBe(false);
    c.cancel();
    c.cancel();
    expect(c.aborted).toBe(true);
    expect(calls).toEqual(["a", "b"]);
  });

  it("calls a listener added after cancellation soon, not never", async () => {
    const c = new Cancellation();
    c.cancel();
    let called = false;
    c.on(() => (called = true));
    expect(called).toBe(false); // never re-entrantly inside on()
    await Promise.resolve();
    expect(called).toBe(true);
  });

  it("cuts a sleep short with the CANCELLED error", async () => {
    vi.useFakeTimers();
    try {
      const c = new Cancellation();
      const sleeping = cancellableSleep(10_000, c);
      const settled = vi.fn();
      sleeping.then(settled, settled);
      await vi.advanceTimersByTimeAsync(9_999);
      expect(settled).not.toHaveBeenCalled(); // it does wait
      c.cancel();
      await expect(sleeping).rejects.toSatisfy((e) => e instanceof ReqonError && e.code === "CANCELLED");
      expect(vi.getTimerCount()).toBe(0); // and its timer is gone
    } finally {
      vi.useRealTimers();
    }
  });

  it("resolves after its time, and at once for 0", async () => {
    vi.useFakeTimers();
    try {
      const c = new Cancellation();
      const settled = vi.fn();
      cancellableSleep(100, c).then(settled);
      await vi.advanceTimersByTimeAsync(99);
      expect(settled).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toHaveBeenCalled();
      await cancellableSleep(0, c);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

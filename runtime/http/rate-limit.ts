// Per-source rate limiter shared by every action of the run (LANGUAGE.md §25.2).
// Admission (fail / maxWait) is decided at once from projected start times, so concurrent waiters
// never double-book a slot. Dispatch then goes through a FIFO queue and is measured against the
// times requests were really let through: a waiter whose timer fired late must not let the next
// one start early, or two starts would end up closer than the limit allows.
import type { Cancellation } from "../core/cancel.ts";
import { systemClock, type Clock } from "../core/clock.ts";
import { ReqonError, numberOption } from "../core/errors.ts";
import { retryAfterMs } from "./retry.ts";
import type { SourceConfig } from "../core/types.ts";

const WINDOW_MS = 60_000;
type Strategy = "pause" | "throttle" | "fail";

export class RateLimiter {
  private readonly rpm: number;
  private readonly strategy: Strategy;
  private readonly maxWait: number;
  /** Projected start times (ascending) of admitted requests, for admission decisions. */
  private projected: number[] = [];
  /** Times requests were actually let through (ascending), within the last window. */
  private started: number[] = [];
  /** Settles when the previous admitted request has been let through (or gave up). */
  private turn: Promise<void> = Promise.resolve();
  /** Source-wide pause from Retry-After / X-RateLimit-Reset. */
  private pausedUntil = 0;

  constructor(private readonly source: string, options: NonNullable<SourceConfig["rateLimit"]>,
    private readonly clock: Clock = systemClock) {
    this.rpm = numberOption(options.requestsPerMinute ?? options.fallbackRpm, 60, { min: "positive" }, `rateLimit requestsPerMinute of source '${source}'`);
    const strategy = options.strategy ?? "pause";
    if (strategy !== "pause" && strategy !== "throttle" && strategy !== "fail") {
      throw new ReqonError("CONFIG_ERROR", `rateLimit strategy of source '${source}' must be pause, throttle or fail (got ${String(strategy)})`);
    }
    this.strategy = strategy;
    this.maxWait = numberOption(options.maxWait, 60_000, { min: "non-negative", ms: true }, `rateLimit maxWait of source '${source}'`);
  }

  /** Waits for this request's turn; RATE_LIMITED when the wait is refused or too long. */
  async acquire(signal: Cancellation): Promise<void> {
    const entered = this.clock.now();
    this.projected = inWindow(this.projected, entered);
    const at = Math.max(entered, this.pausedUntil, this.earliestSlot(this.projected, entered));
    if (at > entered && this.strategy === "fail") {
      throw new ReqonError("RATE_LIMITED", `rate limit of source '${this.source}' reached (${this.rpm} requests per minute)`);
    }
    this.checkMaxWait(at - entered);
    this.projected.push(at);

    const previous = this.turn;
    let release!: () => void;
    this.turn = new Promise((resolve) => { release = resolve; });
    try {
      await previous;
      await this.waitForSlot(entered, signal);
      this.started.push(this.clock.now());
    } catch (error) {
      // Cancelled, or a pause made the wait too long: the booked slot is free for others.
      const booked = this.projected.indexOf(at);
      if (booked >= 0) this.projected.splice(booked, 1);
      throw error;
    } finally {
      release();
    }
  }

  /** Retry-After on 429, or X-RateLimit-Remaining: 0 with X-RateLimit-Reset, pause the source. */
  observe(status: number, headers: Record<string, string>): void {
    const now = this.clock.now();
    const retryAfter = status === 429 ? retryAfterMs(headers["retry-after"], now) : null;
    if (retryAfter !== null) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfter);
    const reset = Number(headers["x-ratelimit-reset"]);
    if (headers["x-ratelimit-remaining"]?.trim() === "0" && Number.isFinite(reset)) {
      this.pausedUntil = Math.max(this.pausedUntil, reset * 1000);
    }
  }

  /** Sleeps until the actual start times (and any server-announced pause) allow this request. */
  private async waitForSlot(entered: number, signal: Cancellation): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.started = inWindow(this.started, now);
      const at = Math.max(now, this.pausedUntil, this.earliestSlot(this.started, now));
      if (at <= now) return;
      // A pause announced while queued counts against the same maxWait.
      this.checkMaxWait(at - entered);
      await this.clock.sleep(at - now, signal);
    }
  }

  private checkMaxWait(wait: number): void {
    if (wait > this.maxWait) {
      throw new ReqonError("RATE_LIMITED",
        `rate limit of source '${this.source}': waiting ${wait} ms would exceed maxWait ${this.maxWait} ms`);
    }
  }

  private earliestSlot(starts: number[], now: number): number {
    if (this.strategy === "throttle") {
      const last = starts.at(-1);
      return last === undefined ? now : last + WINDOW_MS / this.rpm;
    }
    // pause/fail: the rpm-th most recent start must leave the window first.
    if (starts.length < this.rpm) return now;
    return starts[starts.length - this.rpm]! + WINDOW_MS;
  }
}

/** Start times still inside the window that ends at `now` (future projections are kept). */
function inWindow(starts: number[], now: number): number[] {
  const from = starts.findIndex((t) => t > now - WINDOW_MS);
  return from === -1 ? [] : from === 0 ? starts : starts.slice(from);
}

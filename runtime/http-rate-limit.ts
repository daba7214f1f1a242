// Per-source rate limiter shared by every action of the run (LANGUAGE.md §25.2).
// Each request reserves its start time up front, so concurrent waiters never double-book a slot.
import { ReqonError } from "./errors.ts";
import { retryAfterMs, sleep } from "./http-retry.ts";
import type { SourceConfig } from "./types.ts";

const WINDOW_MS = 60_000;
type Strategy = "pause" | "throttle" | "fail";

export class RateLimiter {
  private readonly rpm: number;
  private readonly strategy: Strategy;
  private readonly maxWait: number;
  /** Reserved start times (ascending) within the last window and the future. */
  private starts: number[] = [];
  /** Source-wide pause from Retry-After / X-RateLimit-Reset. */
  private pausedUntil = 0;

  constructor(private readonly source: string, options: NonNullable<SourceConfig["rateLimit"]>) {
    this.rpm = positive(options.requestsPerMinute ?? options.fallbackRpm ?? 60, "requestsPerMinute", source);
    const strategy = options.strategy ?? "pause";
    if (strategy !== "pause" && strategy !== "throttle" && strategy !== "fail") {
      throw new ReqonError("CONFIG_ERROR", `rateLimit strategy of source '${source}' must be pause, throttle or fail (got ${String(strategy)})`);
    }
    this.strategy = strategy;
    this.maxWait = positive(options.maxWait ?? 60_000, "maxWait", source, true);
  }

  /** Waits for this request's turn; RATE_LIMITED when the wait is refused or too long. */
  async acquire(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    this.starts = this.starts.filter((t) => t > now - WINDOW_MS);
    const at = Math.max(now, this.pausedUntil, this.earliestSlot(now));
    const wait = at - now;
    if (wait > 0 && this.strategy === "fail") {
      throw new ReqonError("RATE_LIMITED", `rate limit of source '${this.source}' reached (${this.rpm} requests per minute)`);
    }
    if (wait > this.maxWait) {
      throw new ReqonError("RATE_LIMITED",
        `rate limit of source '${this.source}': waiting ${wait} ms would exceed maxWait ${this.maxWait} ms`);
    }
    this.starts.push(at);
    if (wait > 0 && !(await sleep(wait, signal))) throw new ReqonError("CANCELLED", "run cancelled");
  }

  /** Retry-After on 429, or X-RateLimit-Remaining: 0 with X-RateLimit-Reset, pause the source. */
  observe(status: number, headers: Record<string, string>): void {
    const now = Date.now();
    const retryAfter = status === 429 ? retryAfterMs(headers["retry-after"], now) : null;
    if (retryAfter !== null) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfter);
    const reset = Number(headers["x-ratelimit-reset"]);
    if (headers["x-ratelimit-remaining"]?.trim() === "0" && Number.isFinite(reset)) {
      this.pausedUntil = Math.max(this.pausedUntil, reset * 1000);
    }
  }

  private earliestSlot(now: number): number {
    if (this.strategy === "throttle") {
      const last = this.starts.at(-1);
      return last === undefined ? now : last + WINDOW_MS / this.rpm;
    }
    // pause/fail: the rpm-th most recent reservation must leave the window first.
    if (this.starts.length < this.rpm) return now;
    return this.starts[this.starts.length - this.rpm] + WINDOW_MS;
  }
}

function positive(value: unknown, name: string, source: string, allowZero = false): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new ReqonError("CONFIG_ERROR", `rateLimit ${name} of source '${source}' must be a positive number (got ${String(value)})`);
  }
  return value;
}

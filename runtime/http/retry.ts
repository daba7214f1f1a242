// Automatic retries (LANGUAGE.md §24.4) with the back-off of §23.1, and cancellable sleeps.
import { ReqonError, numberOption, type NumberRule } from "../core/errors.ts";
import type { RetryOptions } from "../core/types.ts";

const MS: NumberRule = { min: "non-negative", ms: true };

export type Backoff = "exponential" | "linear" | "constant";

export interface RetryPolicy {
  maxAttempts: number;
  backoff: Backoff;
  initialDelay: number;
  maxDelay: number;
  /** Fixed delay overriding the back-off (retry directive only, but harmless here). */
  delay: number | null;
}

/**
 * The request's retry policy: request fields merged over the source's. Null when neither has a
 * `retry` option — the request is then attempted once.
 */
export function retryPolicy(source: RetryOptions | undefined, request: RetryOptions | undefined): RetryPolicy | null {
  if (source === undefined && request === undefined) return null;
  const merged: RetryOptions = { ...dropUndefined(source), ...dropUndefined(request) };
  return resolveRetryOptions(merged);
}

/** Defaults and validation of a retry block (§23.1 table). */
export function resolveRetryOptions(options: RetryOptions): RetryPolicy {
  const backoff = options.backoff ?? "exponential";
  if (backoff !== "exponential" && backoff !== "linear" && backoff !== "constant") {
    throw new ReqonError("CONFIG_ERROR", `retry backoff must be exponential, linear or constant (got ${String(backoff)})`);
  }
  return {
    maxAttempts: numberOption(options.maxAttempts, 3, { min: "positive", integer: true }, "retry maxAttempts"),
    backoff,
    initialDelay: numberOption(options.initialDelay, 1000, MS, "retry initialDelay"),
    maxDelay: numberOption(options.maxDelay, 30000, MS, "retry maxDelay"),
    delay: options.delay === undefined || options.delay === null ? null : numberOption(options.delay, 0, MS, "retry delay"),
  };
}

/** Delay before retry number `n` (1 for the first retry): back-off, capped by maxDelay; no jitter. */
export function backoffDelay(policy: RetryPolicy, n: number): number {
  if (policy.delay !== null) return policy.delay;
  const raw = policy.backoff === "exponential" ? policy.initialDelay * 2 ** (n - 1)
    : policy.backoff === "linear" ? policy.initialDelay * n
    : policy.initialDelay;
  return Math.min(raw, policy.maxDelay);
}

/** `Retry-After` as milliseconds from now: delta seconds or an HTTP date (past → 0); null if absent/bad. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | null {
  if (header === undefined) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Outcomes worth another attempt: network errors, timeouts, 408, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

function dropUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// Runtime errors: every failure inside a run is a ReqonError with a stable code (§7.5).
import type { ErrorCode } from "./types.ts";

export class ReqonError extends Error {
  readonly code: ErrorCode;
  /** HTTP status, when there was one. */
  readonly status?: number;
  /** `file:line:col` of the step that was running; stamped by the runtime, not the thrower. */
  at?: string;

  constructor(code: ErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ReqonError";
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** Expression errors (type mismatch, division by zero, bad collection …). */
export function evalError(message: string): ReqonError {
  return new ReqonError("EVAL_ERROR", message);
}

/** The message of anything thrown (an Error's message, else its string form). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a numeric option must be: more than zero or at least zero, an integer or any number, in ms or not. */
export interface NumberRule {
  min: "positive" | "non-negative";
  integer?: boolean;
  ms?: boolean;
}

/**
 * A numeric option of a source or request (timeouts, retry, rate limit, circuit breaker, pages):
 * `fallback` when absent, else the value if it meets the rule; otherwise a ReqonError
 * "WHAT must be a positive integer (got V)" and the like.
 */
export function numberOption(value: unknown, fallback: number, rule: NumberRule, what: string,
  code: "CONFIG_ERROR" | "EVAL_ERROR" = "CONFIG_ERROR"): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && (!rule.integer || Number.isInteger(value))
    && (rule.min === "positive" ? value > 0 : value >= 0)) return value;
  const described = `a ${rule.min} ${rule.integer ? "integer" : "number"}${rule.ms ? " of ms" : ""}`;
  throw new ReqonError(code, `${what} must be ${described} (got ${String(value)})`);
}

export function isReqonError(e: unknown): e is ReqonError {
  return e instanceof ReqonError;
}

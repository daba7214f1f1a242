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

export function isReqonError(e: unknown): e is ReqonError {
  return e instanceof ReqonError;
}

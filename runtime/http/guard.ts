// Failed requests as data: the failure record kept per request, and the error value of a guarded
// request (LANGUAGE.md §24.6).
import type { ReqonError } from "../core/errors.ts";
import { retryAfterMs } from "./retry.ts";
import type { ErrorCode } from "../core/types.ts";

/** A request that did not succeed, with what arrived (status 0 and no body when nothing did). */
export interface RequestFailure {
  error: ReqonError;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const FALLBACK_TEXT: Partial<Record<ErrorCode, string>> = {
  HTTP_ERROR: "http_error",
  TIMEOUT: "timeout",
  NETWORK_ERROR: "network",
  CIRCUIT_OPEN: "circuit_open",
  RATE_LIMITED: "rate_limit",
};

/** Failures a guarded request hands to its `match`; anything else (auth, config…) still fails. */
export function isGuardable(failure: RequestFailure): boolean {
  return FALLBACK_TEXT[failure.error.code] !== undefined;
}

/** `{ error, code, status, retryAfter, body, headers }` with lower-case header names; `now` dates Retry-After. */
export function errorValue(failure: RequestFailure, now: number): Record<string, unknown> {
  const body = failure.body === undefined ? null : failure.body;
  const retryAfter = retryAfterMs(failure.headers["retry-after"], now);
  return {
    error: bodyText(body) ?? FALLBACK_TEXT[failure.error.code] ?? "http_error",
    code: failure.status,
    status: failure.status,
    retryAfter: retryAfter === null ? null : Math.ceil(retryAfter / 1000),
    body,
    headers: { ...failure.headers },
  };
}

function bodyText(body: unknown): string | null {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return null;
  const fields = body as Record<string, unknown>;
  if (typeof fields.error === "string") return fields.error;
  if (typeof fields.message === "string") return fields.message;
  return null;
}

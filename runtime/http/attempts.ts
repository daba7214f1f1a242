// One request (one page) with its attempts (LANGUAGE.md §8, §24.4, §25, §26): each attempt passes
// the rate limiter, the circuit breaker and the action's slot, gets its auth, is sent, and its
// outcome becomes a body or a RequestFailure. Retries are this module's loop and nobody else's.
import { applyAuth } from "./auth.ts";
import { cancelledError, type Cancellation } from "../core/cancel.ts";
import type { Clock } from "../core/clock.ts";
import { ReqonError } from "../core/errors.ts";
import type { RequestFailure } from "./guard.ts";
import { HeaderSet, defaultHeaders, encodeBody } from "./headers.ts";
import { backoffDelay, isRetryableStatus, retryAfterMs, type RetryPolicy } from "./retry.ts";
import { sendAttempt, type AttemptOutcome } from "./send.ts";
import type { Secrets, SourceState } from "./sources.ts";
import type { DistributiveOmit } from "../core/events.ts";
import type { HttpMethod, RunEvent } from "../core/types.ts";
import { appendQuery, redactText, redactUrl, type QueryPair } from "./url.ts";

/** Thrown inside the HTTP layer for a request that did not succeed; `failure` keeps what arrived. */
export class RequestFailed extends Error {
  constructor(readonly failure: RequestFailure) {
    super(failure.error.message);
  }
}

export interface PreparedRequest {
  method: HttpMethod;
  /** URL with params (no auth query yet). */
  url: string;
  hasBody: boolean;
  body: unknown;
  sourceHeaders: unknown;
  requestHeaders: unknown;
  timeoutMs: number;
  retry: RetryPolicy | null;
}

export interface AttemptDeps {
  state: SourceState;
  secrets: Secrets;
  action: string;
  signal: Cancellation;
  /** Back-off waits and the `now` of Retry-After dates. */
  clock: Clock;
  slot<T>(fn: () => Promise<T>): Promise<T>;
  /** The run's event sink (`request` and `response` events); null when nobody listens. */
  emit: ((event: DistributiveOmit<RunEvent, "t">) => void) | null;
}

type AttemptResult = { ok: true; body: unknown } | { ok: false; failure: RequestFailure; retryable: boolean };

/** Runs the attempts of one request; resolves to the body or throws RequestFailed / ReqonError. */
export function performRequest(request: PreparedRequest, deps: AttemptDeps): Promise<unknown> {
  // The first attempt needs no loop (most requests have only one); retries run in `retry`.
  return deps.slot(() => attemptOnce(request, deps, 1)).then((first) => (first.ok ? first.body : retry(request, deps, first)));
}

/** The attempts after a failed one, while the failure is retryable and attempts are left. */
async function retry(request: PreparedRequest, deps: AttemptDeps, failed: Extract<AttemptResult, { ok: false }>): Promise<unknown> {
  const maxAttempts = request.retry?.maxAttempts ?? 1;
  let result: AttemptResult = failed;
  for (let attempt = 1; !result.ok; attempt++) {
    if (!result.retryable || attempt >= maxAttempts || request.retry === null) throw new RequestFailed(result.failure);
    const retryAfter = retryAfterMs(result.failure.headers["retry-after"], deps.clock.now());
    const delay = retryAfter ?? backoffDelay(request.retry, attempt);
    await deps.clock.sleep(delay, deps.signal);
    result = await deps.slot(() => attemptOnce(request, deps, attempt + 1));
  }
  return result.body;
}

/** One attempt. A source without rate limit, circuit breaker or OAuth (most) has no policy to pass. */
function attemptOnce(request: PreparedRequest, deps: AttemptDeps, attempt: number): Promise<AttemptResult> {
  const { state } = deps;
  if (state.limiter === null && state.breaker === null && state.oauth === null) {
    if (deps.signal.aborted) return Promise.reject(cancelledError());
    return sendOnce(request, deps, attempt, null).then((outcome) => judge(request, deps, outcome, null));
  }
  return attemptWithPolicies(request, deps, attempt);
}

async function attemptWithPolicies(request: PreparedRequest, deps: AttemptDeps, attempt: number): Promise<AttemptResult> {
  const { state, signal } = deps;
  if (signal.aborted) throw cancelledError();
  try {
    if (state.limiter) await state.limiter.acquire(signal); // no promise hop without a limiter
    state.breaker?.admit();
  } catch (error) {
    if (error instanceof ReqonError && (error.code === "RATE_LIMITED" || error.code === "CIRCUIT_OPEN")) {
      return { ok: false, retryable: false, failure: { error, status: 0, headers: {}, body: null } };
    }
    throw error;
  }
  let token: string | null = null;
  let outcome: AttemptOutcome;
  try {
    token = state.oauth ? await state.oauth.token(signal) : null;
    outcome = await sendOnce(request, deps, attempt, token);
    if (outcome.kind === "response" && outcome.status === 401 && state.oauth) {
      // One renewal and one repeat; the repeat belongs to the same attempt.
      const renewed = await state.oauth.renewAfter401(token, signal);
      if (renewed !== null) {
        token = renewed;
        outcome = await sendOnce(request, deps, attempt, token);
      }
    }
  } catch (error) {
    state.breaker?.record("cancelled"); // free a half-open trial slot; not a failure of the API
    throw error;
  }
  return judge(request, deps, outcome, token);
}

/** Sends with the current credentials; emits `request`/`response` events with a redacted URL. */
function sendOnce(request: PreparedRequest, deps: AttemptDeps, attempt: number, token: string | null): Promise<AttemptOutcome> {
  const headers: HeaderSet = defaultHeaders(request.hasBody);
  const url = authorize(request, deps, token, headers);
  headers.applyOption(request.sourceHeaders, "source");
  headers.applyOption(request.requestHeaders, "request");
  const shown = deps.emit === null ? "" : redactUrl(url, deps.secrets.queryParams, deps.secrets.values);
  deps.emit?.({ type: "request", action: deps.action, method: request.method, url: shown, attempt });
  const sending = sendAttempt({
    method: request.method,
    url,
    headers: headers.toObject(),
    body: request.hasBody ? encodeBody(request.body, headers.get("content-type")) : undefined,
    timeoutMs: request.timeoutMs,
    signal: deps.signal,
  });
  const { limiter } = deps.state;
  // Only a rate limiter or an event listener looks at the response here; mostly neither does,
  // and then no extra promise is made per request.
  if (!limiter && deps.emit === null) return sending;
  return sending.then((outcome) => {
    if (outcome.kind === "response" || outcome.kind === "bad-json") {
      limiter?.observe(outcome.status, outcome.headers);
      deps.emit?.({ type: "response", action: deps.action, method: request.method, url: shown, status: outcome.status, ms: outcome.ms });
    }
    return outcome;
  });
}

/** Turns an outcome into a body or a failure; feeds the circuit breaker. */
function judge(request: PreparedRequest, deps: AttemptDeps, outcome: AttemptOutcome, token: string | null): AttemptResult {
  // Every token in use is among the secrets already (http-sources.ts adds each new one).
  const secrets = deps.secrets.values;
  // Built only for failures: a success (every page of a long pagination) needs no message.
  const messagePrefix = (): string =>
    `${request.method} ${redactUrl(authorize(request, deps, token, new HeaderSet()), deps.secrets.queryParams, secrets)}`;
  const breaker = deps.state.breaker;
  switch (outcome.kind) {
    case "cancelled":
      breaker?.record("cancelled");
      throw cancelledError();
    case "timeout":
      breaker?.record("failure");
      return failed(new ReqonError("TIMEOUT", `${messagePrefix()}: timed out after ${request.timeoutMs} ms`), 0, {}, null, true);
    case "network":
      breaker?.record("failure");
      return failed(new ReqonError("NETWORK_ERROR", `${messagePrefix()}: network error: ${redactText(outcome.detail, secrets)}`), 0, {}, null, true);
    case "bad-json":
      breaker?.record("success");
      return failed(new ReqonError("BAD_RESPONSE", `${messagePrefix()}: response is not valid JSON (${outcome.detail})`, { status: outcome.status }),
        outcome.status, outcome.headers, null, false);
    case "response": {
      const { status } = outcome;
      breaker?.record(status >= 500 ? "failure" : "success");
      if (status >= 200 && status <= 299) return { ok: true, body: outcome.body };
      const error = new ReqonError("HTTP_ERROR", `${messagePrefix()}: HTTP ${status}`, { status });
      return failed(error, status, outcome.headers, outcome.body, isRetryableStatus(status));
    }
    default: {
      const unexpected: never = outcome;
      throw new Error(`unexpected attempt outcome ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The URL as sent (an api-key query included); auth headers go into `headers`. */
function authorize(request: PreparedRequest, deps: AttemptDeps, token: string | null, headers: HeaderSet): string {
  const authQuery: QueryPair[] = [];
  applyAuth(deps.state.config.auth, deps.state.credentials, token, headers, authQuery);
  return appendQuery(request.url, authQuery);
}

function failed(error: ReqonError, status: number, headers: Record<string, string>, body: unknown, retryable: boolean): AttemptResult {
  return { ok: false, retryable, failure: { error, status, headers, body } };
}

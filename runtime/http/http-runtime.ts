// The runtime's HTTP layer (LANGUAGE.md §8, §24–§26, §29): what `cx.request(spec)` ends in.
// The core owns contexts and the response cell; this module turns one RequestSpec into a value.
import { cancelledError, type Cancellation } from "../core/cancel.ts";
import { clockOf } from "../core/clock.ts";
import { ReqonError, numberOption } from "../core/errors.ts";
import { NO_LISTENER, type DistributiveOmit } from "../core/events.ts";
import { RequestFailed, performRequest, type AttemptDeps, type PreparedRequest } from "./attempts.ts";
import { errorValue, isGuardable } from "./guard.ts";
import { pageItems, paginate } from "./pagination.ts";
import { retryPolicy } from "./retry.ts";
import { TIMEOUT, prepareSources, type Secrets, type SourceState } from "./sources.ts";
import { SyncCheckpoints, defaultSyncKey, formatSince } from "./sync.ts";
import type { ActionContext, PaginateSpec, RequestSpec, RunEvent, RunOptions, SourceConfig } from "../core/types.ts";
import { appendQuery, joinUrl, paramsToPairs, redactUrl, type QueryPair } from "./url.ts";
import { str } from "../values/value-model.ts";

/** The query pairs a `since` option adds, and the checkpoint the request may commit. */
interface SinceQuery {
  pairs: QueryPair[];
  checkpointKey: string | null;
}
const NO_SINCE: SinceQuery = { pairs: [], checkpointKey: null };

export interface HttpRuntime {
  /** Run-start checks, before any request: base URLs, credential types, missing-credential warnings. */
  start(): Promise<void>;
  /**
   * Performs one HTTP step (retries, pagination, guarding included). A failure of an unguarded
   * request is thrown as a ReqonError; a guarded one resolves to the error value of §24.6 with
   * the original error in `failure` (to raise when no match arm takes it). Cancellation always
   * throws ReqonError CANCELLED.
   */
  request(spec: RequestSpec, call: RequestCall, cell: ResponseCell): Promise<RequestOutcome>;
}

export interface RequestOutcome {
  value: unknown;
  failure?: ReqonError;
}

/** What a request needs of the action run making it (one object per action run). */
export interface RequestCall {
  action: string;
  signal: Cancellation;
  slot<T>(fn: () => Promise<T>): Promise<T>;
  onActionSuccess(fn: () => Promise<void>): void;
}

/** The context making the request: pagination's `until` sees each page in a child of it. */
export interface ResponseCell {
  child(response: unknown): ActionContext;
}

export interface HttpRuntimeInit {
  missionName: string;
  sources: SourceConfig[];
  options: RunOptions;
  emit: (event: DistributiveOmit<RunEvent, "t">) => void;
  env: (name: string) => string | null;
  dataDir: string;
}

export function createHttpRuntime(init: HttpRuntimeInit): HttpRuntime {
  const secrets: Secrets = { values: new Set(), queryParams: new Set() };
  const checkpoints = new SyncCheckpoints(init.dataDir, init.missionName);
  let states: Map<string, SourceState> | null = null;
  // `request`/`response` events are built (and their URLs redacted) only for a listener.
  const requestEvents = init.emit === NO_LISTENER ? null : init.emit;
  const clock = clockOf(init.options);

  const prepared = (): Map<string, SourceState> =>
    (states ??= prepareSources({ sources: init.sources, options: init.options, env: init.env, emit: init.emit }, secrets));

  // Not an async function: most requests are one plain request, and a fan-out makes thousands,
  // each paying for every async frame it passes through. Errors still arrive as rejections.
  function request(spec: RequestSpec, call: RequestCall, cell: ResponseCell): Promise<RequestOutcome> {
    let base: PreparedRequest;
    let deps: AttemptDeps;
    try {
      if (call.signal.aborted) throw cancelledError();
      const state = prepared().get(spec.source);
      if (state === undefined) throw new ReqonError("CONFIG_ERROR", `unknown source '${spec.source}'`);
      base = buildRequest(spec, state);
      deps = { state, secrets, action: call.action, signal: call.signal, clock, slot: call.slot, emit: requestEvents };
    } catch (error) {
      return Promise.reject(error);
    }
    const plain = spec.paginate === undefined && spec.since === undefined && !init.options.dryRun;
    const fetching = plain ? performRequest(base, deps) : fetchWithOptions(spec, call, cell, base, deps);
    return fetching.then(
      (value): RequestOutcome => ({ value }),
      (error: unknown) => settleFailure(error, spec, call),
    );
  }

  /** Pagination, `since` and dry runs. */
  async function fetchWithOptions(
    spec: RequestSpec, call: RequestCall, cell: ResponseCell, base: PreparedRequest, deps: AttemptDeps,
  ): Promise<unknown> {
    // The checkpoint time of `since: lastSync` (§24.5); other requests need no clock reading.
    const startedAt = spec.since === undefined ? "" : new Date().toISOString();
    const since = spec.since === undefined ? NO_SINCE : await sinceQuery(spec, deps.state);
    const pageRequest = (param: unknown): PreparedRequest => {
      const pagePairs: QueryPair[] = spec.paginate && param !== undefined && param !== null
        ? [[spec.paginate.param, str(param)]] : [];
      if (since.pairs.length === 0 && pagePairs.length === 0) return base;
      return { ...base, url: appendQuery(base.url, [...since.pairs, ...pagePairs]) };
    };

    if (init.options.dryRun) {
      const first = pageRequest(spec.paginate?.style === "cursor" ? undefined : spec.paginate?.style === "offset" ? 0 : 1);
      init.emit({ type: "request", action: call.action, method: spec.method, url: shownUrl(first.url), attempt: 1, dryRun: true });
      return spec.paginate ? [] : null; // nothing sent: no pages, no checkpoint
    }

    const value = spec.paginate
      ? await paginate(spec as RequestSpec & { paginate: PaginateSpec }, {
        fetchPage: (param) => performRequest(pageRequest(param), deps),
        pageContext: (body) => cell.child(body),
        warn: (message, extra) => init.emit({ type: "warning", message, action: call.action, ...extra }),
      })
      : await performRequest(pageRequest(undefined), deps);
    if (since.checkpointKey !== null) {
      const key = since.checkpointKey;
      const recordCount = countRecords(value);
      call.onActionSuccess(() => checkpoints.commit(key, { syncedAt: startedAt, recordCount }));
    }
    return value;
  }

  /** A failed request: the error value of a guarded request (§24.6), else the error itself. */
  function settleFailure(error: unknown, spec: RequestSpec, call: RequestCall): RequestOutcome {
    if (!(error instanceof RequestFailed)) throw error;
    if (call.signal.aborted) throw cancelledError();
    if (spec.guarded && isGuardable(error.failure)) return { value: errorValue(error.failure, clock.now()), failure: error.failure.error };
    throw error.failure.error;
  }

  /** URL, headers and policies that do not change between pages and attempts. */
  function buildRequest(spec: RequestSpec, state: SourceState): PreparedRequest {
    const url = appendQuery(joinUrl(state.base, spec.path), paramsToPairs(spec.params));
    return {
      method: spec.method,
      url,
      hasBody: spec.hasBody ?? spec.body !== undefined,
      body: spec.body,
      sourceHeaders: state.config.headers,
      requestHeaders: spec.headers,
      timeoutMs: numberOption(spec.timeout, state.timeoutMs, TIMEOUT, "request timeout", "EVAL_ERROR"),
      retry: spec.retry === undefined ? state.retry : retryPolicy(state.config.retry, spec.retry),
    };
  }

  /** The `since` parameter (§24.5) and the checkpoint to commit, if any. */
  async function sinceQuery(spec: RequestSpec, state: SourceState): Promise<SinceQuery> {
    const since = spec.since;
    if (since === undefined) return NO_SINCE;
    const param = since.param ?? (typeof spec.sinceParam === "string" ? spec.sinceParam : "since");
    if (!since.lastSync) {
      const value = since.value;
      return { pairs: value === null || value === undefined ? [] : [[param, str(value)]], checkpointKey: null };
    }
    const key = since.key ?? (typeof spec.syncKey === "string" ? spec.syncKey : defaultSyncKey(state.config.name, String(spec.path)));
    const format = since.format ?? spec.sinceFormat;
    const checkpoint = await checkpoints.get(key);
    const pairs: QueryPair[] = checkpoint ? [[param, formatSince(checkpoint.syncedAt, format)]] : [];
    formatSince(new Date().toISOString(), format); // reject an unknown format even on the first run
    return { pairs, checkpointKey: key }; // a dry run returns before any commit
  }

  function shownUrl(url: string): string {
    return redactUrl(url, secrets.queryParams, secrets.values);
  }

  return {
    async start() {
      prepared();
    },
    request,
  };
}

/** recordCount of a checkpoint: the response's items, or 1 for a single non-null body. */
function countRecords(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const { items, field } = pageItems(value);
  return Array.isArray(value) || field !== null ? items.length : 1;
}

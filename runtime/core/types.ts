// The contract between generated code and the runtime (LANGUAGE.md Part IV §31).
// Generated modules import `reqonc/runtime` and use only what is declared here and in
// `values.ts` / `functions.ts`. Keep this file types-only.

export type * from "./public-types.ts";
import type { AuthKind, Credentials, ErrorRecord, HttpMethod, MissionInfo } from "./public-types.ts";

// ---------------------------------------------------------------- what generated code passes in

/** Evaluated once at run start (source options are constant expressions: literals and env()). */
export interface ConfigContext {
  env(name: unknown): string | null;
}

export interface RetryOptions {
  maxAttempts?: unknown;
  backoff?: unknown;
  initialDelay?: unknown;
  maxDelay?: unknown;
  delay?: unknown;
}

export interface SourceConfig {
  name: string;
  auth: AuthKind;
  /** null for the implicit `default` source (base given at run time). */
  base: unknown;
  /** Implicit `default` source only: some request needs its base, so a run without one fails
   *  at start with CONFIG_ERROR (§4). */
  baseRequired?: boolean;
  headers?: unknown;
  timeout?: unknown;
  retry?: RetryOptions;
  rateLimit?: { requestsPerMinute?: unknown; fallbackRpm?: unknown; strategy?: unknown; maxWait?: unknown };
  circuitBreaker?: { failureThreshold?: unknown; resetTimeout?: unknown; successThreshold?: unknown; failureWindow?: unknown };
  /** Credential options written on the source (§25.1). */
  credentials?: Credentials & { oauth?: Record<string, unknown> };
}

export type ActionFn = (cx: ActionContext) => Promise<void>;

/** Schema table emitted by the generator (§22.1). */
export type SchemaType =
  | { type: "string" | "number" | "int" | "boolean" | "date" | "object" | "any" | "null" | "array" }
  | { type: "array"; element: SchemaType }
  | { type: "schema"; name: string }
  | { type: "shape"; fields: SchemaFieldSpec[] };
export interface SchemaFieldSpec {
  name: string;
  optional: boolean;
  type: SchemaType;
}
export type SchemaTable = Record<string, SchemaFieldSpec[]>;

export interface CompiledMission {
  mission: MissionInfo;
  actions: Record<string, ActionFn>;
  sources: (cx: ConfigContext) => SourceConfig[];
  schemas?: SchemaTable;
  /** The `.reqon` file name, used in runtime error locations (`file:line:col`). */
  file: string;
  /** sha256 (hex) of the mission's source text(s): execution state's missionHash (§37). */
  hash?: string;
}

/** Handed to the generated pipeline function: one call per stage, straight-line awaits. */
export interface Pipeline {
  /** A standalone stage: its failure ends the mission (§7.2). */
  stage(index: number, action: string): Promise<void>;
  /** A bracketed group: sliding pool of `maxConcurrency`, all-settled or fail-fast (§6, §7). */
  parallel(index: number, actions: string[]): Promise<void>;
}

// ---------------------------------------------------------------- per-request options

export interface PaginateSpec {
  style: "offset" | "page" | "cursor";
  param: string;
  size: number;
  cursorPath?: string[];
}

export interface SinceSpec {
  /** `lastSync` checkpoint, or a plain value (`since: EXPR`). */
  lastSync: boolean;
  key?: string;
  param?: string;
  format?: string;
  value?: unknown;
}

export interface RequestSpec {
  method: HttpMethod;
  /** Source name (the implicit one is "default"). */
  source: string;
  path: unknown;
  params?: unknown;
  headers?: unknown;
  body?: unknown;
  hasBody?: boolean;
  timeout?: unknown;
  retry?: RetryOptions;
  paginate?: PaginateSpec;
  /** Called with a context whose response/subject is the page body; `param` is the value sent. */
  until?: (cx: ActionContext, param: unknown) => unknown;
  maxPages?: unknown;
  since?: SinceSpec;
  sinceParam?: unknown;
  sinceFormat?: unknown;
  syncKey?: unknown;
  /** Guarded request (§24.6): failures become an error value in `response` instead of throwing. */
  guarded?: boolean;
}

export interface StoreSpec {
  store: string;
  value: unknown;
  /** Evaluated per record with the record as the subject. */
  key?: (record: Record<string, unknown>) => unknown;
  mode?: "replace" | "merge";
}

export interface QueueSpec {
  store: string;
  item: unknown;
  key?: (record: Record<string, unknown>) => unknown;
}

export interface ForEachSpec {
  parallel?: boolean;
  /** `where` filter, evaluated per element (subject = element) before any iteration runs. */
  where?: (element: unknown) => unknown;
}

export interface AssumeSpec {
  /** Source text of the expression (the `constraint` of the warning). */
  constraint: string;
  line: number;
  /** The part file the assumption is written in, relative to the mission folder (§33); absent in the root file. */
  file?: string;
  test: (subject: unknown) => unknown;
}

// ---------------------------------------------------------------- the action context

/**
 * One per action run, and a child per loop iteration (own `response` cell, §5).
 * Every emitted step starts with `cx.step("line:col")`: a cancellation point that also
 * records where a runtime error happened.
 */
export interface ActionContext {
  /** The current response cell. */
  response: unknown;
  /** The source name of this cell's most recent request (`source` in Reqon, §16), or null. */
  readonly source: string | null;
  /** Name of the running action (for jumps: the jumped-to action). */
  readonly action: string;

  /** Cancellation point and location marker for the step about to run. */
  step(at: string): void;

  /** HTTP step (§8, §24). Sets `response` and `source` of this cell. */
  request(spec: RequestSpec): Promise<void>;

  /** Store step (§10). */
  store(spec: StoreSpec): Promise<void>;
  /** `queue S { item, key }` (§23.2) — the caller then ends the iteration (`return`). */
  queue(spec: QueueSpec): Promise<void>;
  /** `delete S[k]` */
  deleteKey(store: string, key: unknown): Promise<void>;
  /** `clear S` */
  clear(store: string): Promise<void>;

  /** A store name used as a value: array snapshot of its records in insertion order (§9.3). */
  read(store: string): Record<string, unknown>[];
  /** `S[k]`: one record by key, or null. */
  lookup(store: string, key: unknown): Record<string, unknown> | null;
  /** `length(S)`: record count without materialising the store. */
  count(store: string): number;

  /** The `errors` identifier: snapshot of the error list (§7.5). */
  errors(): ErrorRecord[];
  /** `env(name)`: run option env first, then process env; null when missing. */
  env(name: unknown): string | null;

  /**
   * `for x in xs` (§11, §21). Each iteration gets a child context (own response cell).
   * `skip` in the body is `return` from the callback.
   */
  forEach(
    collection: unknown,
    spec: ForEachSpec,
    body: (cx: ActionContext, element: unknown, index: number) => Promise<void>,
  ): Promise<void>;

  /** `abort msg` — returns the error to `throw` (it also fires the run's cancellation). */
  abort(message?: unknown): Error;
  /** Error to throw when no arm of a match step matched (`NO_MATCH`), or the original
   *  failure of a guarded request when its match had no arm for the error value. */
  noMatch(): Error;

  /** `jump A` / `run A`: nested run of action A with a fresh scope (§23.3). */
  jump(action: string): Promise<void>;

  /**
   * `retry { … }` (§23.1): `attempt` is how many times the target request has run in this
   * activation. Throws RETRY_EXHAUSTED when attempts are used up; otherwise waits the back-off.
   */
  retry(attempt: number, options?: RetryOptions): Promise<void>;

  /** `validate X { assume … }` (§28): failed assumptions become warning events. */
  validate(target: unknown, assumes: AssumeSpec[]): void;

  /** Schema conformance for `match` patterns (§22). */
  conforms(value: unknown, schema: string): boolean;
}

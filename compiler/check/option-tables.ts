// What each option list accepts (LANGUAGE.md §3, §5, §10, §23, §24, §25). Used to validate
// option names and literal values, and by name resolution to skip word values.

/** How an option's value is written. */
export type OptionSpec =
  /** Any expression, resolved as usual. `object`: a literal value must be an object. */
  | { kind: "expr"; object?: boolean }
  /** A literal INT ≥ 1 (no expressions): action `concurrency`, mission `maxConcurrency`. */
  | { kind: "literalPositiveInt" }
  /** An expression; when written as a literal it must be a positive integer. */
  | { kind: "count" }
  /** An expression; when written as a literal it must be a non-negative number (milliseconds). */
  | { kind: "duration" }
  /** A literal `true` or `false` (BOOL in the grammar: store `upsert`/`partial`, `validateResponses`). */
  | { kind: "bool" }
  /** A word from a fixed set, bare or as a string; never resolved as a name. */
  | { kind: "word"; words: readonly string[]; description: string; unknownWord?: UnknownWord }
  /** A nested option block with its own table. */
  | { kind: "block"; context: string; table: OptionTable }
  /** `source: NAME` of a request: a declared source, never resolved as a name. */
  | { kind: "sourceName" }
  /** `paginate: offset(P, N) | page(P, N) | cursor(P, N, PATH)`. */
  | { kind: "pagination" }
  /** `since: lastSync…` or an expression. */
  | { kind: "since" };

export type OptionTable = ReadonlyMap<string, OptionSpec>;

/** A word option whose bad values have their own diagnostic (`unknown-auth-kind`). */
/** The code of a word outside the set, when it is not `invalid-option-value` (its message names the `{kind}`). */
export type UnknownWord = "unknown-auth-kind";

const table = (entries: Record<string, OptionSpec>): OptionTable => new Map(Object.entries(entries));

const expr: OptionSpec = { kind: "expr" };
const object: OptionSpec = { kind: "expr", object: true };
const count: OptionSpec = { kind: "count" };
const duration: OptionSpec = { kind: "duration" };
const bool: OptionSpec = { kind: "bool" };

const backoff: OptionSpec = {
  kind: "word",
  words: ["exponential", "linear", "constant"],
  description: "exponential, linear or constant",
};

export const SINCE_FORMATS = ["iso", "ISO", "date-only", "YYYY-MM-DD", "unix", "timestamp", "unix-ms", "epoch"];
const sinceFormat: OptionSpec = {
  kind: "word",
  words: SINCE_FORMATS,
  description: "iso, date-only, unix or unix-ms",
};

/** §23.1 options of the `retry` directive. */
export const RETRY_DIRECTIVE_OPTIONS = table({
  maxAttempts: count, backoff, initialDelay: duration, maxDelay: duration, delay: duration,
});

/** `retry:` on a request: the §23.1 options except `delay` (§24.1). */
export const REQUEST_RETRY_OPTIONS = table({
  maxAttempts: count, backoff, initialDelay: duration, maxDelay: duration,
});

/** `retry:` on a source (a retry block; `delay` kept as in §23.1). */
export const SOURCE_RETRY_OPTIONS = RETRY_DIRECTIVE_OPTIONS;

export const LAST_SYNC_OPTIONS = table({ param: expr, format: sinceFormat });

export const REQUEST_OPTIONS = table({
  source: { kind: "sourceName" },
  // Evaluated when the step runs; a non-object is the runtime EVAL_ERROR of §8, even as a literal.
  params: expr,
  headers: expr,
  body: expr,
  paginate: { kind: "pagination" },
  until: expr,
  maxPages: count,
  retry: { kind: "block", context: "retry", table: REQUEST_RETRY_OPTIONS },
  since: { kind: "since" },
  sinceParam: expr,
  sinceFormat,
  syncKey: expr,
  timeout: duration,
});

export const STORE_STEP_OPTIONS = table({ key: expr, upsert: bool, partial: bool });

export const QUEUE_OPTIONS = table({ item: expr, key: expr });

export const ACTION_OPTIONS = table({ concurrency: { kind: "literalPositiveInt" } });

export const SOURCE_OPTIONS = table({
  auth: { kind: "word", words: ["none", "bearer", "basic", "api_key", "oauth2"], description: "an auth kind",
    unknownWord: "unknown-auth-kind" },
  base: expr,
  headers: object,
  timeout: duration,
  retry: { kind: "block", context: "retry", table: SOURCE_RETRY_OPTIONS },
  rateLimit: {
    kind: "block",
    context: "rateLimit",
    table: table({
      requestsPerMinute: count,
      fallbackRpm: count,
      strategy: { kind: "word", words: ["pause", "throttle", "fail"], description: '"pause", "throttle" or "fail"' },
      maxWait: duration,
    }),
  },
  circuitBreaker: {
    kind: "block",
    context: "circuitBreaker",
    table: table({ failureThreshold: count, resetTimeout: duration, successThreshold: count, failureWindow: duration }),
  },
  token: expr, username: expr, password: expr, apiKey: expr, apiKeyHeader: expr,
  oauth: {
    kind: "block",
    context: "oauth",
    table: table({ tokenUrl: expr, clientId: expr, clientSecret: expr, scopes: expr, accessToken: expr, refreshToken: expr }),
  },
  validateResponses: bool,
  validationMode: { kind: "word", words: ["warn", "strict"], description: '"warn" or "strict"' },
});

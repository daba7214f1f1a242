// The public contract of a run (LANGUAGE.md §31): what an app passes to run() and gets back.
// Types only.

export type AuthKind = "none" | "bearer" | "basic" | "api_key" | "oauth2";
export type StoreKind = "memory" | "file" | "sql" | "nosql" | "postgrest";
export type ParallelMode = "all-settled" | "fail-fast";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** `export const mission` of every generated module: plain JSON data (§31.1). */
export interface MissionInfo {
  name: string;
  maxConcurrency: number | null;
  parallelMode: ParallelMode;
  sources: { name: string; auth: AuthKind; base: string | null }[];
  stores: { name: string; kind: StoreKind; target: string; declared: boolean; input: boolean }[];
  actions: { name: string; concurrency: number }[];
  pipeline: { stage: number; parallel: boolean; actions: string[] }[];
}

/** Credential object of §26 (one per source). */
export interface Credentials {
  type?: AuthKind;
  token?: string;
  username?: string;
  password?: string;
  key?: string;
  apiKey?: string;
  header?: string;
  headerName?: string;
  prefix?: string;
  query?: string;
  accessToken?: string;
  refreshToken?: string;
  tokenUrl?: string;
  tokenEndpoint?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  expiresAt?: string;
}

export interface RunOptions {
  auth?: Record<string, Credentials>;
  env?: Record<string, string>;
  inputs?: Record<string, unknown[] | Record<string, unknown>>;
  baseUrls?: Record<string, string>;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  dryRun?: boolean;
  dataDir?: string;
  /** Record execution state in `<dataDir>/executions/<id>.json` (§37). */
  state?: boolean;
  /** Resume execution ID: skip what succeeded in it (§37); implies `state`. */
  resume?: string;
  /** With `resume`: accept a mission changed since ID when all of ID's action names still exist. */
  force?: boolean;
}

export interface ErrorRecord {
  action: string;
  message: string;
  code?: ErrorCode;
  status?: number;
}

export type TimelineStatus = "succeeded" | "failed" | "cancelled" | "skipped";

export interface TimelineEntry {
  action: string;
  stage: number;
  start: number;
  end: number;
  status: TimelineStatus;
}

export interface RunResult {
  mission: string;
  status: "succeeded" | "partial" | "failed";
  stores: Record<string, Record<string, object>>;
  errors: ErrorRecord[];
  timeline: TimelineEntry[];
}

export type ErrorCode =
  | "HTTP_ERROR" | "TIMEOUT" | "NETWORK_ERROR" | "BAD_RESPONSE" | "CIRCUIT_OPEN" | "RATE_LIMITED"
  | "AUTH_ERROR" | "RETRY_EXHAUSTED" | "NO_MATCH" | "STORE_KEY" | "STORE_RECORD" | "STORE_ERROR"
  | "EVAL_ERROR" | "JUMP_DEPTH" | "ABORTED" | "CANCELLED" | "INPUT_MISSING" | "CONFIG_ERROR";

/** Events of §31.3. `t` is ms since run start. Never contain credentials or header values. */
export type RunEvent =
  | { type: "mission.start"; t: number; mission: string }
  | { type: "stage.start" | "stage.end"; t: number; stage: number; actions: string[] }
  | { type: "action.start"; t: number; action: string; stage: number; via: "pipeline" | "jump" }
  | { type: "action.end"; t: number; action: string; stage: number; status: TimelineStatus;
      error?: { message: string; code?: ErrorCode; status?: number; at?: string } }
  | { type: "request"; t: number; action: string; method: HttpMethod; url: string; attempt: number; dryRun?: boolean }
  | { type: "response"; t: number; action: string; method: HttpMethod; url: string; status: number; ms: number }
  | { type: "store.write"; t: number; action: string; store: string; key: string | null;
      mode: "replace" | "merge" | "delete" | "clear" }
  | { type: "warning"; t: number; message: string; action?: string; kind?: string; [extra: string]: unknown }
  | { type: "auth.refresh"; t: number; source: string }
  | { type: "mission.end"; t: number; status: RunResult["status"] };

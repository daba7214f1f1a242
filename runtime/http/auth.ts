// Credentials (LANGUAGE.md §26): where they come from, and how each auth kind is applied.
import { ReqonError } from "../core/errors.ts";
import type { HeaderSet } from "./headers.ts";
import type { AuthKind, RunOptions, SourceConfig } from "../core/types.ts";
import type { QueryPair } from "./url.ts";

/** Credentials with aliases folded: `apiKey`→`key`, `headerName`→`header`, `tokenEndpoint`→`tokenUrl`. */
export interface SourceCredentials {
  token?: string;
  username?: string;
  password?: string;
  key?: string;
  header?: string;
  prefix?: string;
  query?: string;
  accessToken?: string;
  refreshToken?: string;
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  expiresAt?: string;
}

type EnvLookup = (name: string) => string | null;

/** `$NAME`, `${NAME}`, `${NAME:-default}`; a missing variable gives "" (default when unset or empty). */
export function expandEnv(text: string, env: EnvLookup): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const value = env((braced ?? bare) as string);
      if (fallback !== undefined && (value === null || value === "")) return fallback;
      return value ?? "";
    });
}

const ENV_FIELDS: [suffix: string, field: keyof SourceCredentials][] = [
  ["TOKEN", "token"], ["USERNAME", "username"], ["PASSWORD", "password"], ["API_KEY", "key"],
  ["ACCESS_TOKEN", "accessToken"], ["REFRESH_TOKEN", "refreshToken"], ["CLIENT_ID", "clientId"],
  ["CLIENT_SECRET", "clientSecret"], ["TOKEN_URL", "tokenUrl"],
];

/**
 * Picks the credentials of one source from the highest provider that has any: the `auth` run
 * option, then the source's own credential options, then `REQON_<SOURCE>_*` variables.
 * Throws CONFIG_ERROR when a credential `type` contradicts the source's auth kind.
 */
export function resolveCredentials(source: SourceConfig, options: RunOptions, env: EnvLookup): SourceCredentials | null {
  const fromOption = options.auth?.[source.name];
  if (fromOption !== undefined && fromOption !== null && typeof fromOption === "object") {
    const type = fromOption.type;
    if (type !== undefined && type !== source.auth) {
      throw new ReqonError("CONFIG_ERROR",
        `credentials for '${source.name}' have type ${String(type)} but the source uses ${source.auth}`);
    }
    return normalize(fromOption as Record<string, unknown>, (s) => expandEnv(s, env));
  }
  const written = source.credentials as Record<string, unknown> | undefined;
  if (written !== undefined && written !== null) {
    const { oauth, ...rest } = written;
    const merged = { ...rest, ...(oauth !== null && typeof oauth === "object" ? oauth : {}) };
    const fromSource = normalize(merged, (s) => s);
    if (Object.keys(fromSource).length > 0) return fromSource;
  }
  const prefix = `REQON_${source.name.toUpperCase()}_`;
  const fromEnv: SourceCredentials = {};
  for (const [suffix, field] of ENV_FIELDS) {
    const value = env(prefix + suffix);
    if (value !== null && value !== "") (fromEnv as Record<string, string>)[field] = value;
  }
  return Object.keys(fromEnv).length > 0 ? fromEnv : null;
}

function normalize(raw: Record<string, unknown>, expand: (s: string) => string): SourceCredentials {
  const text = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = raw[name];
      if (typeof value === "string") return expand(value);
      if (typeof value === "number" || typeof value === "boolean") return String(value);
    }
    return undefined;
  };
  const out: SourceCredentials = {
    token: text("token"), username: text("username"), password: text("password"),
    key: text("key", "apiKey"), header: text("header", "headerName", "apiKeyHeader"), prefix: text("prefix"),
    query: text("query"), accessToken: text("accessToken"), refreshToken: text("refreshToken"),
    tokenUrl: text("tokenUrl", "tokenEndpoint"), clientId: text("clientId"), clientSecret: text("clientSecret"),
    expiresAt: text("expiresAt"),
  };
  const scopes = raw.scopes;
  if (Array.isArray(scopes)) out.scopes = scopes.map((s) => expand(String(s)));
  else if (typeof scopes === "string") out.scopes = expand(scopes).split(/\s+/).filter(Boolean);
  for (const k of Object.keys(out) as (keyof SourceCredentials)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** Whether the credentials are enough to authenticate requests of this kind. */
export function hasUsableCredentials(kind: AuthKind, c: SourceCredentials | null): boolean {
  if (c === null) return kind === "none";
  switch (kind) {
    case "none": return true;
    case "bearer": return Boolean(c.token);
    case "basic": return Boolean(c.username || c.password);
    case "api_key": return Boolean(c.key);
    case "oauth2": return Boolean(c.accessToken || (c.tokenUrl && (c.refreshToken || (c.clientId && c.clientSecret))));
    default: return assertNever(kind);
  }
}

/** Values that must never be shown: tokens, passwords, keys, client secrets. */
export function secretValues(c: SourceCredentials | null): string[] {
  if (c === null) return [];
  return [c.token, c.password, c.key, c.accessToken, c.refreshToken, c.clientSecret]
    .filter((v): v is string => typeof v === "string" && v !== "");
}

/** Query parameter names that carry a secret (api_key with `query`). */
export function secretQueryParams(kind: AuthKind, c: SourceCredentials | null): string[] {
  return kind === "api_key" && c?.query ? [c.query] : [];
}

/**
 * Adds the auth header or query parameter of a static kind. For oauth2 the caller passes the
 * current access token (the token manager owns it).
 */
export function applyAuth(kind: AuthKind, c: SourceCredentials | null, oauthToken: string | null,
  headers: HeaderSet, query: QueryPair[]): void {
  if (c === null && kind !== "oauth2") return;
  switch (kind) {
    case "none": return;
    case "bearer":
      if (c?.token) headers.set("Authorization", `Bearer ${c.token}`);
      return;
    case "basic":
      if (c?.username || c?.password) {
        const pair = `${c.username ?? ""}:${c.password ?? ""}`;
        headers.set("Authorization", `Basic ${Buffer.from(pair, "utf8").toString("base64")}`);
      }
      return;
    case "api_key":
      if (!c?.key) return;
      if (c.query) query.push([c.query, c.key]);
      else headers.set(c.header || "X-API-Key", c.prefix ? `${c.prefix} ${c.key}` : c.key);
      return;
    case "oauth2":
      if (oauthToken) headers.set("Authorization", `Bearer ${oauthToken}`);
      return;
    default:
      assertNever(kind);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected auth kind ${String(value)}`);
}

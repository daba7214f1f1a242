// PostgREST configuration and wire calls for PostgREST-backed stores (LANGUAGE.md §27.2).
// Every call sends `apikey` and `Authorization: Bearer` (when a key is configured) and the schema
// profile header (when REQON_POSTGREST_SCHEMA is set). Failures are STORE_ERROR; the API key is
// redacted from every message, and no error keeps a reference to the request (its headers).
import got, { type Method } from "got";
import { ReqonError } from "../core/errors.ts";
import { isJsonContentType } from "../http/send.ts";
import { isFullUrl, redactText } from "../http/url.ts";

export interface PostgrestConfig {
  /** REQON_POSTGREST_URL without trailing slashes. */
  url: string;
  apiKey: string | null;
  schema: string | null;
}

/** The configuration from REQON_POSTGREST_* (looked up like `env()`); null when no URL is set. */
export function postgrestConfig(env: (name: string) => string | null): PostgrestConfig | null {
  const url = nonEmpty(env("REQON_POSTGREST_URL"));
  if (url === null) return null;
  const apiKey = nonEmpty(env("REQON_POSTGREST_API_KEY"));
  if (!isFullUrl(url) || !URL.canParse(url)) {
    const shown = apiKey === null ? url : redactText(url, [apiKey]);
    throw new ReqonError("CONFIG_ERROR", `REQON_POSTGREST_URL is not an http(s) URL: ${shown}`);
  }
  return { url: url.replace(/\/+$/, ""), apiKey, schema: nonEmpty(env("REQON_POSTGREST_SCHEMA")) };
}

function nonEmpty(value: string | null): string | null {
  return value === null || value.trim() === "" ? null : value;
}

export interface PostgrestCall {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Query string without `?` (already encoded), or "" for none. */
  query: string;
  body?: unknown;
  prefer?: string;
}

/** A PostgREST call that does not answer in time fails instead of holding the run forever. */
const TIMEOUT_MS = 30_000;

const client = got.extend({
  throwHttpErrors: false, retry: { limit: 0 }, followRedirect: false, responseType: "text",
  timeout: { request: TIMEOUT_MS },
});

/** Calls against one table (`<url>/<target>`) on behalf of one store. */
export class PostgrestTableClient {
  private readonly tableUrl: string;

  constructor(
    private readonly config: PostgrestConfig,
    private readonly store: string,
    target: string,
  ) {
    this.tableUrl = `${config.url}/${encodeURIComponent(target)}`;
  }

  /** The parsed JSON answer (null for an empty body); STORE_ERROR for anything but 2xx JSON. */
  async send(call: PostgrestCall): Promise<unknown> {
    const url = call.query === "" ? this.tableUrl : `${this.tableUrl}?${call.query}`;
    let status: number;
    let text: string;
    let contentType: string | undefined;
    try {
      const response = await client(url, {
        method: call.method as Method,
        headers: this.headers(call),
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      status = response.statusCode;
      text = response.body;
      contentType = response.headers["content-type"];
    } catch (error) {
      throw this.failure(call, url, `network error: ${(error as Error).message}`);
    }
    if (status < 200 || status >= 300) throw this.failure(call, url, `HTTP ${status}${errorDetail(text)}`, status);
    if (text.trim() === "") return null;
    if (!isJsonContentType(contentType)) throw this.failure(call, url, `answer is not JSON (${contentType ?? "no content type"})`);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.failure(call, url, `answer is not valid JSON: ${(error as Error).message}`);
    }
  }

  private headers(call: PostgrestCall): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json" };
    const { apiKey, schema } = this.config;
    if (apiKey !== null) {
      headers.apikey = apiKey;
      headers.authorization = `Bearer ${apiKey}`;
    }
    // PostgREST reads the schema for reads from Accept-Profile, for writes from Content-Profile.
    if (schema !== null) headers[call.method === "GET" ? "accept-profile" : "content-profile"] = schema;
    if (call.body !== undefined) headers["content-type"] = "application/json";
    if (call.prefer !== undefined) headers.prefer = call.prefer;
    return headers;
  }

  private failure(call: PostgrestCall, url: string, what: string, status?: number): ReqonError {
    const message = `store '${this.store}': PostgREST ${call.method} ${url} failed: ${what}`;
    const secrets = this.config.apiKey === null ? [] : [this.config.apiKey];
    return new ReqonError("STORE_ERROR", redactText(message, secrets), status === undefined ? {} : { status });
  }
}

/** PostgREST's error body `{ message, details, hint }`, or the start of a text body. */
function errorDetail(text: string): string {
  let detail = text.trim();
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed?.message === "string") detail = parsed.message;
  } catch {
    // not JSON: keep the text
  }
  if (detail === "") return "";
  return `: ${detail.length > 200 ? `${detail.slice(0, 200)}…` : detail}`;
}

// One HTTP attempt over got (LANGUAGE.md §8). got's own retry is off: retries are ours (§24.4).
// The timeout is our own timer, so it covers the whole attempt — redirects and body included.
import got, { type Method, type OptionsInit, type Response } from "got";
import type { Cancellation } from "../core/cancel.ts";
import { messageOf } from "../core/errors.ts";
import { PLAIN_HEADERS } from "./headers.ts";
import { nullNonFinite } from "../values/value-model.ts";

export interface WireRequest {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
  timeoutMs: number;
  /** The run's cancellation. */
  signal: Cancellation;
}

/** What one attempt produced, before any policy (retry, guard, breaker) is applied. */
export type AttemptOutcome =
  | { kind: "response"; status: number; headers: Record<string, string>; body: unknown; ms: number }
  /** 2xx with a JSON content type whose body does not parse. */
  | { kind: "bad-json"; status: number; headers: Record<string, string>; detail: string; ms: number }
  | { kind: "timeout"; ms: number }
  | { kind: "network"; detail: string; ms: number }
  | { kind: "cancelled" };

/** The headers most attempts send; got sends them unless a call says otherwise. */
const BASE_HEADERS: Readonly<Record<string, string>> = { accept: "application/json" };

/** Fixed options set once: got validates and merges every option given per call, so a plain GET
 *  passes none at all (measurable on a wide fan-out). */
const client = got.extend({
  throwHttpErrors: false, retry: { limit: 0 }, followRedirect: true, responseType: "buffer", headers: BASE_HEADERS,
});

/** What differs from the client's defaults: method, body, and headers added, changed or removed. */
function callOptions(request: WireRequest): OptionsInit | undefined {
  const isGet = request.method === "GET";
  // The shared headers of a request nothing changed (http-headers.ts) are BASE_HEADERS.
  if (isGet && request.headers === PLAIN_HEADERS) return undefined;
  let headers: Record<string, string | undefined> | undefined;
  let baseSeen = 0;
  for (const name of Object.keys(request.headers)) {
    const lower = name.toLowerCase();
    const value = request.headers[name];
    if (Object.hasOwn(BASE_HEADERS, lower)) baseSeen++;
    if (BASE_HEADERS[lower] !== value) (headers ??= {})[lower] = value;
  }
  if (baseSeen < Object.keys(BASE_HEADERS).length) {
    const given = new Set(Object.keys(request.headers).map((n) => n.toLowerCase()));
    for (const name of Object.keys(BASE_HEADERS)) if (!given.has(name)) (headers ??= {})[name] = undefined; // removed
  }
  if (isGet && headers === undefined) return undefined;
  const options: OptionsInit = {};
  if (!isGet) {
    options.method = request.method as Method;
    options.body = request.body;
  }
  if (headers !== undefined) options.headers = headers;
  return options;
}

/** Sends one attempt; never rejects (every ending is an outcome). Not async: one frame fewer per request. */
export function sendAttempt(request: WireRequest): Promise<AttemptOutcome> {
  const { signal } = request;
  if (signal.aborted) return Promise.resolve({ kind: "cancelled" });
  const started = performance.now();
  const options = callOptions(request);
  const pending = options === undefined ? client(request.url) : client(request.url, { ...options, isStream: false });
  // Cancelling got's promise destroys the request, body download included.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    pending.cancel();
  }, request.timeoutMs);
  const onAbort = (): void => pending.cancel();
  signal.on(onAbort);
  const settled = (): void => {
    clearTimeout(timer);
    signal.off(onAbort);
  };
  return pending.then(
    (response) => {
      settled();
      return responseOutcome(response, started);
    },
    (error: unknown): AttemptOutcome => {
      settled();
      if (signal.aborted) return { kind: "cancelled" };
      if (timedOut) return { kind: "timeout", ms: msSince(started) };
      return { kind: "network", detail: networkDetail(error), ms: msSince(started) };
    },
  );
}

/** A response as an outcome: the body parsed per its content type; a 2xx whose JSON does not parse is bad-json. */
function responseOutcome(response: Response, started: number): AttemptOutcome {
  const headers = responseHeaders(response.headers);
  const parsed = parseBody(response.rawBody, headers["content-type"]);
  const is2xx = response.statusCode >= 200 && response.statusCode < 300;
  if (parsed.ok || !is2xx) {
    const body = parsed.ok ? parsed.value : response.rawBody.toString("utf8");
    return { kind: "response", status: response.statusCode, headers, body, ms: msSince(started) };
  }
  return { kind: "bad-json", status: response.statusCode, headers, detail: parsed.detail, ms: msSince(started) };
}

export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === "application/json") return true; // what most APIs send, without a parse
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return media === "application/json" || media.endsWith("+json");
}

// Only a number with a three-digit exponent or 309+ digits can exceed the double range.
const MAY_OVERFLOW = /[eE]\+?0*[1-9]\d{2}|\d{309}/;

type Parsed = { ok: true; value: unknown } | { ok: false; detail: string };

/** JSON when the content type says so, text otherwise; an empty body is null. */
export function parseBody(raw: Buffer, contentType: string | undefined): Parsed {
  const text = raw.toString("utf8");
  if (text.length === 0) return { ok: true, value: null };
  if (!isJsonContentType(contentType)) return { ok: true, value: text };
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value: MAY_OVERFLOW.test(text) ? nullNonFinite(value) : value };
  } catch (error) {
    return { ok: false, detail: messageOf(error) };
  }
}

function msSince(started: number): number {
  return Math.round(performance.now() - started);
}

/**
 * Node gives header names in lower case, and repeated headers (set-cookie) as arrays, joined
 * here. Without such a header the response's own object is used as is (it is only read).
 */
function responseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  let plain = true;
  for (const name in headers) if (typeof headers[name] !== "string") plain = false;
  if (plain) return headers as Record<string, string>;
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function networkDetail(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || String(code ?? "request failed");
    return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
  }
  return String(error);
}

// URL building for HTTP steps (LANGUAGE.md §8) and redaction of secrets in shown URLs (§26).
import { ReqonError, evalError } from "../core/errors.ts";
import { str } from "../values/value-model.ts";


export function isFullUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

/** Validates a base URL at run start: non-empty and http(s) (§4). */
export function checkBaseUrl(source: string, base: unknown): string {
  if (typeof base !== "string" || base.trim() === "") {
    throw new ReqonError("CONFIG_ERROR", `source '${source}' has no base URL`);
  }
  if (!isFullUrl(base) || !URL.canParse(base)) {
    throw new ReqonError("CONFIG_ERROR", `base URL of source '${source}' is not an http(s) URL: ${base}`);
  }
  return base;
}

const SLASH = 47;

/**
 * Joins a base and a request path: trailing `/` of the base removed, exactly one `/` between,
 * the base's own path prefix kept. A full http(s) path is used as is. The path is not encoded.
 */
export function joinUrl(base: string | null, path: unknown): string {
  if (typeof path !== "string") throw evalError("request path must be a string");
  if (isFullUrl(path)) return path;
  if (base === null) {
    throw new ReqonError("CONFIG_ERROR", "the mission declares no source; give its base URL with --base default=URL");
  }
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === SLASH) end--;
  let start = 0;
  while (start < path.length && path.charCodeAt(start) === SLASH) start++;
  return `${base.slice(0, end)}/${path.slice(start)}`;
}

/** One query parameter, already in its final string form. */
export type QueryPair = [name: string, value: string];

/** Turns a `params` object into query pairs: null omitted, arrays repeat, objects as JSON text. */
export function paramsToPairs(params: unknown): QueryPair[] {
  if (params === null || params === undefined) return [];
  if (typeof params !== "object" || Array.isArray(params)) throw evalError("params must be an object");
  const pairs: QueryPair[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const element of value) if (element !== null && element !== undefined) pairs.push([name, str(element)]);
    } else {
      pairs.push([name, str(value)]);
    }
  }
  return pairs;
}

/** Appends URL-encoded pairs after any query already present in the URL. */
export function appendQuery(url: string, pairs: QueryPair[]): string {
  if (pairs.length === 0) return url;
  const encoded = pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join("&");
  const hashAt = url.indexOf("#");
  const head = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? "" : url.slice(hashAt);
  const separator = !head.includes("?") ? "?" : head.endsWith("?") || head.endsWith("&") ? "" : "&";
  return `${head}${separator}${encoded}${fragment}`;
}

export const REDACTED = "***";

/**
 * Hides secrets in a URL meant for events and messages: the values of the named query
 * parameters (api-key parameters) and any occurrence of a known secret value.
 */
export function redactUrl(url: string, secretParams: ReadonlySet<string>, secrets: Iterable<string>): string {
  if (secretParams.size === 0 && isEmpty(secrets)) return url; // a run without secrets: every request
  let shown = url;
  if (secretParams.size > 0) {
    shown = shown.replace(/([?&])([^=&#]+)=([^&#]*)/g, (whole, lead: string, name: string) =>
      secretParams.has(safeDecode(name)) ? `${lead}${name}=${REDACTED}` : whole);
  }
  return redactText(shown, secrets);
}

/** Replaces every occurrence of a secret (raw or URL-encoded) in a text. */
export function redactText(text: string, secrets: Iterable<string>): string {
  let shown = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue; // too short to replace without garbling ordinary text
    for (const form of new Set([secret, encodeURIComponent(secret)])) shown = shown.split(form).join(REDACTED);
  }
  return shown;
}

function isEmpty(values: Iterable<string>): boolean {
  return values instanceof Set ? values.size === 0 : Array.isArray(values) && values.length === 0;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

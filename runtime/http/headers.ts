// Request headers and body encoding (LANGUAGE.md §24.2).
import { evalError } from "../core/errors.ts";
import { str } from "../values/value-model.ts";

type Entries = Map<string, { name: string; value: string }>;

/**
 * Header set keyed by lower-case name; keeps the spelling of the last writer for sending. Starts
 * from shared defaults and copies them on the first change: most requests change nothing, and
 * then `toObject` hands out one shared frozen object (no allocation per request).
 */
export class HeaderSet {
  private entries: Entries;
  private shared: Readonly<Record<string, string>> | null;

  constructor(defaults: HeaderDefaults = EMPTY_DEFAULTS) {
    this.entries = defaults.entries;
    this.shared = defaults.object;
  }

  private own(): Entries {
    if (this.shared !== null) {
      this.entries = new Map(this.entries);
      this.shared = null;
    }
    return this.entries;
  }

  set(name: string, value: string): void {
    this.own().set(name.toLowerCase(), { name, value });
  }

  delete(name: string): void {
    if (this.entries.has(name.toLowerCase())) this.own().delete(name.toLowerCase());
  }

  get(name: string): string | undefined {
    return this.entries.get(name.toLowerCase())?.value;
  }

  /** Applies a `headers` option: values as strings, `null` removes the header. */
  applyOption(headers: unknown, where: "source" | "request"): void {
    if (headers === null || headers === undefined) return;
    if (typeof headers !== "object" || Array.isArray(headers)) throw evalError(`${where} headers must be an object`);
    for (const [name, value] of Object.entries(headers)) {
      if (value === null || value === undefined) this.delete(name);
      else this.set(name, str(value));
    }
  }

  /** The headers to send (treat as read-only: unchanged defaults are one shared object). */
  toObject(): Readonly<Record<string, string>> {
    if (this.shared !== null) return this.shared;
    return entriesObject(this.entries);
  }
}

/** A starting set shared by every request that begins with it. */
interface HeaderDefaults {
  entries: Entries;
  object: Readonly<Record<string, string>>;
}

function headerDefaults(pairs: [string, string][]): HeaderDefaults {
  const entries: Entries = new Map(pairs.map(([name, value]) => [name.toLowerCase(), { name, value }]));
  return { entries, object: Object.freeze(entriesObject(entries)) };
}

function entriesObject(entries: Entries): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of entries.values()) out[name] = value;
  return out;
}

const EMPTY_DEFAULTS = headerDefaults([]);
const GET_DEFAULTS = headerDefaults([["Accept", "application/json"]]);
const BODY_DEFAULTS = headerDefaults([["Accept", "application/json"], ["Content-Type", "application/json"]]);

/** Headers before auth: `Accept`, and `Content-Type` when the request has a body. */
export function defaultHeaders(hasBody: boolean): HeaderSet {
  return new HeaderSet(hasBody ? BODY_DEFAULTS : GET_DEFAULTS);
}

/** The headers a request without a body sends when nothing changes them. */
export const PLAIN_HEADERS = GET_DEFAULTS.object;

/** Encodes the body per the final Content-Type: string as is, form-encoded, else JSON. */
export function encodeBody(body: unknown, contentType: string | undefined): string {
  if (typeof body === "string") return body;
  const isForm = (contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
  if (isForm && body !== null && typeof body === "object" && !Array.isArray(body)) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) {
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) for (const element of value) form.append(name, str(element));
      else form.append(name, str(value));
    }
    return form.toString();
  }
  return JSON.stringify(body ?? null);
}

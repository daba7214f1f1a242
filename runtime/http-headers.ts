// Request headers and body encoding (LANGUAGE.md §24.2).
import { evalError } from "./errors.ts";
import { str } from "./value-model.ts";

/** Header set keyed by lower-case name; keeps the spelling of the last writer for sending. */
export class HeaderSet {
  private readonly entries = new Map<string, { name: string; value: string }>();

  set(name: string, value: string): void {
    this.entries.set(name.toLowerCase(), { name, value });
  }

  delete(name: string): void {
    this.entries.delete(name.toLowerCase());
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

  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { name, value } of this.entries.values()) out[name] = value;
    return out;
  }
}

/** Headers before auth: `Accept`, and `Content-Type` when the request has a body. */
export function defaultHeaders(hasBody: boolean): HeaderSet {
  const headers = new HeaderSet();
  headers.set("Accept", "application/json");
  if (hasBody) headers.set("Content-Type", "application/json");
  return headers;
}

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

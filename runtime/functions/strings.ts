// String built-ins (LANGUAGE.md §15.7, §20.1).
import { needArray, needNumber, needString } from "./args.ts";
import { argError, isObject, str } from "../values/value-model.ts";

/** Applies a string → string transformation, null-through. */
function onString(fnName: string, s: unknown, f: (s: string) => string): string | null {
  return s == null ? null : f(needString(fnName, s));
}

/** Clamps a substring index to [0, length]; fractions are truncated. */
function clampIndex(i: number, length: number): number {
  return Math.min(Math.max(Math.trunc(i), 0), length);
}

export const stringFunctions = {
  length(x: unknown): number {
    if (x == null) return 0;
    if (typeof x === "string" || Array.isArray(x)) return x.length;
    if (isObject(x)) return Object.keys(x).length;
    throw argError("length", "an array, string, object or null", x);
  },

  /** Array result when the first argument is an array, otherwise a string. */
  concat(...args: unknown[]): unknown {
    if (!Array.isArray(args[0])) {
      // Appended in place: this builds the path of every request in a fan-out (no arrays made).
      let text = "";
      for (const a of args) text += str(a);
      return text;
    }
    const out: unknown[] = [];
    for (const a of args) {
      // Element by element: `push(...a)` overflows the call stack for arrays of ~100k elements.
      if (Array.isArray(a)) for (const element of a) out.push(element);
      else if (a != null) out.push(a);
    }
    return out;
  },

  lowercase: (s: unknown) => onString("lowercase", s, (t) => t.toLowerCase()),
  uppercase: (s: unknown) => onString("uppercase", s, (t) => t.toUpperCase()),
  trim: (s: unknown) => onString("trim", s, (t) => t.trim()),
  trimStart: (s: unknown) => onString("trimStart", s, (t) => t.trimStart()),
  trimEnd: (s: unknown) => onString("trimEnd", s, (t) => t.trimEnd()),

  substring(s: unknown, start: unknown, end?: unknown): string | null {
    if (s == null || start == null) return null;
    const text = needString("substring", s);
    const from = clampIndex(needNumber("substring", start, "a number start"), text.length);
    const to =
      end == null ? text.length : clampIndex(needNumber("substring", end, "a number end"), text.length);
    return from >= to ? "" : text.slice(from, to);
  },

  split(s: unknown, sep: unknown): string[] | null {
    if (s == null || sep == null) return null;
    return needString("split", s).split(needString("split", sep, "a string separator"));
  },

  /** Elements converted as by concat; the separator defaults to ",". */
  join(arr: unknown, sep?: unknown): string | null {
    if (arr == null) return null;
    const items = needArray("join", arr);
    const separator = sep == null ? "," : needString("join", sep, "a string separator");
    return items.map(str).join(separator);
  },

  /** Every literal occurrence replaced; an empty `find` leaves the string unchanged. */
  replace(s: unknown, find: unknown, replacement: unknown): string | null {
    if (s == null || find == null || replacement == null) return null;
    const text = needString("replace", s);
    const needle = needString("replace", find, "a string to find");
    const substitute = needString("replace", replacement, "a string replacement");
    return needle === "" ? text : text.split(needle).join(substitute);
  },

  slugify: (s: unknown) =>
    onString("slugify", s, (t) =>
      t
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    ),
};

// Expression helpers called by generated code as `rt.get`, `rt.eq`, … (docs/DESIGN.md,
// "Expression lowering"). They implement Reqon semantics where JavaScript's differ:
// null-safe access, deep `==`, comparisons that never throw, `and`/`or` returning operands.
import { isDateString } from "./dates.ts";
import { evalError } from "../core/errors.ts";
import {
  deepEqual,
  field,
  isArray,
  isObject,
  keyString,
  numericString,
  truthy,
  typeName,
} from "./value-model.ts";

export { add, sub, mul, div, mod, neg, pos } from "./arithmetic.ts";
export {
  deepEqual,
  isArray,
  isObject,
  keyString,
  str,
  truthy,
  typeName,
} from "./value-model.ts";

// ---- access (§15.3, §19.6 `.length`) ----

/** `a.name`: a field of an object, `.length` of an array or string, otherwise null. */
export function get(a: unknown, name: string): unknown {
  if (isObject(a)) return field(a, name);
  if (name === "length" && (typeof a === "string" || Array.isArray(a))) return a.length;
  return null;
}

/** `a[i]`: integer position in an array, field name (converted) on an object, otherwise null. */
export function index(a: unknown, i: unknown): unknown {
  if (Array.isArray(a)) {
    if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= a.length) return null;
    return a[i] ?? null;
  }
  if (isObject(a)) {
    const name = keyString(i);
    return name === null ? null : field(a, name);
  }
  return null;
}

// ---- logic (§15.6) ----

export function and(a: unknown, b: () => unknown): unknown {
  return truthy(a) ? b() : a;
}

export function or(a: unknown, b: () => unknown): unknown {
  return truthy(a) ? a : b();
}

/** `a ?? b` (§35): `b` only when `a` is null (0, "" and false are kept). */
export function coalesce(a: unknown, b: () => unknown): unknown {
  return a == null ? b() : a;
}

/** An assumption of `validate … or` (§35): truthy → true; falsy or an error while evaluating → false. */
export function holds(test: () => unknown): boolean {
  try {
    return truthy(test());
  } catch {
    return false;
  }
}

export function not(a: unknown): boolean {
  return !truthy(a);
}

// ---- comparisons (§15.5): never throw; incomparable pairs are false ----

export function eq(a: unknown, b: unknown): boolean {
  return deepEqual(a, b);
}

export function ne(a: unknown, b: unknown): boolean {
  return !deepEqual(a, b);
}

/** -1 / 0 / 1, or null when the pair has no order (then every comparison is false). */
function order(a: unknown, b: unknown): number | null {
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  const x = typeof a === "string" ? numericString(a) : a;
  const y = typeof b === "string" ? numericString(b) : b;
  if (typeof x !== "number" || typeof y !== "number") return null;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function lt(a: unknown, b: unknown): boolean {
  const o = order(a, b);
  return o !== null && o < 0;
}

export function le(a: unknown, b: unknown): boolean {
  const o = order(a, b);
  return o !== null && o <= 0;
}

export function gt(a: unknown, b: unknown): boolean {
  const o = order(a, b);
  return o !== null && o > 0;
}

export function ge(a: unknown, b: unknown): boolean {
  const o = order(a, b);
  return o !== null && o >= 0;
}

// ---- string and membership operators (§19.2, §19.6) ----

export function contains(a: unknown, b: unknown): boolean {
  if (typeof a === "string") return typeof b === "string" && a.includes(b);
  if (Array.isArray(a)) return a.some((el) => deepEqual(el, b));
  return false;
}

export function startsWith(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.startsWith(b);
}

export function endsWith(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.endsWith(b);
}

/** `a in b`: array element, substring, or object key. */
export function isIn(a: unknown, b: unknown): boolean {
  if (Array.isArray(b)) return b.some((el) => deepEqual(el, a));
  if (typeof b === "string") return typeof a === "string" && b.includes(a);
  if (isObject(b)) {
    const name = keyString(a);
    return name !== null && Object.hasOwn(b, name);
  }
  return false;
}

/** `v is TYPE` (§19.2); the checker rejects unknown type words at compile time. */
export function isType(v: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof v === "string";
    case "number":
    case "decimal":
      return typeof v === "number" && Number.isFinite(v);
    case "int":
    case "integer":
      return Number.isInteger(v);
    case "boolean":
      return typeof v === "boolean";
    case "array":
      return isArray(v);
    case "object":
      return isObject(v);
    case "null":
      return v == null;
    case "date":
      return isDateString(v);
    case "any":
      return v != null;
    default:
      throw evalError(`unknown type '${type}'`);
  }
}

// ---- spread sources (§15.1, §12) ----

/** Source of `...e` in an object literal: null spreads nothing. */
export function fields(x: unknown): Record<string, unknown> {
  if (x == null) return {};
  if (isObject(x)) return x;
  throw evalError(`cannot spread ${typeName(x)} into an object (expected an object or null)`);
}

/** Source of `...e` in an array literal: null spreads nothing. */
export function elements(x: unknown): unknown[] {
  if (x == null) return [];
  if (Array.isArray(x)) return x;
  throw evalError(`cannot spread ${typeName(x)} into an array (expected an array or null)`);
}

// Arithmetic operators (LANGUAGE.md §15.5, §19.6). `+` concatenates when either side is a string;
// the others take numbers only, except `-` on date strings. Results are finite or null.
import { isoString, parseDateString } from "./dates.ts";
import { evalError } from "../core/errors.ts";
import { finite, str, typeName } from "./value-model.ts";

function operandError(op: string, a: unknown, b: unknown) {
  return evalError(`operator '${op}' expects numbers (got ${typeName(a)} and ${typeName(b)})`);
}

function numbers(op: string, a: unknown, b: unknown): [number, number] {
  if (typeof a === "number" && typeof b === "number") return [a, b];
  throw operandError(op, a, b);
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === "string" || typeof b === "string") return str(a) + str(b);
  if (typeof a === "number" && typeof b === "number") return finite(a + b);
  throw evalError(`operator '+' expects numbers or strings (got ${typeName(a)} and ${typeName(b)})`);
}

/** Numbers, or date arithmetic: date − ms → earlier date; date − date → milliseconds. */
export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") return finite(a - b);
  const from = typeof a === "string" ? parseDateString(a) : null;
  if (from !== null && typeof b === "number") return isoString(from - b);
  const to = typeof b === "string" ? parseDateString(b) : null;
  if (from !== null && to !== null) return finite(from - to);
  throw evalError(
    `operator '-' expects numbers or date strings (got ${typeName(a)} and ${typeName(b)})`,
  );
}

export function mul(a: unknown, b: unknown): number | null {
  const [x, y] = numbers("*", a, b);
  return finite(x * y);
}

export function div(a: unknown, b: unknown): number | null {
  const [x, y] = numbers("/", a, b);
  if (y === 0) throw evalError("division by zero");
  return finite(x / y);
}

/** Remainder with the sign of the dividend (JavaScript's `%`). */
export function mod(a: unknown, b: unknown): number | null {
  const [x, y] = numbers("%", a, b);
  if (y === 0) throw evalError("division by zero");
  return finite(x % y);
}

export function neg(a: unknown): number | null {
  if (typeof a === "number") return finite(-a);
  throw evalError(`operator '-' expects a number (got ${typeName(a)})`);
}

export function pos(a: unknown): number | null {
  if (typeof a === "number") return finite(a);
  throw evalError(`operator '+' expects a number (got ${typeName(a)})`);
}

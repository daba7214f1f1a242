// Ordering shared by sort, sortBy, min and max (LANGUAGE.md §20.2): numbers numerically, strings
// by UTF-16 code units, nulls last; a mix of numbers and strings, or any other type, is EVAL_ERROR.
import { evalError } from "../core/errors.ts";
import { typeName } from "./value-model.ts";

type Orderable = number | string;

/** Checks that the non-null values share one orderable type; returns them without nulls. */
export function orderables(fnName: string, values: unknown[]): Orderable[] {
  let kind: "number" | "string" | null = null;
  const present: Orderable[] = [];
  for (const v of values) {
    if (v == null) continue;
    if (typeof v !== "number" && typeof v !== "string") {
      throw evalError(`${fnName}() can only order numbers and strings (got ${typeName(v)})`);
    }
    const k = typeof v === "number" ? "number" : "string";
    if (kind !== null && kind !== k) {
      throw evalError(`${fnName}() cannot order a mix of numbers and strings`);
    }
    kind = k;
    present.push(v);
  }
  return present;
}

/** Ascending comparison of values already checked by `orderables`; null sorts last. */
export function compareOrderable(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  const x = a as Orderable;
  const y = b as Orderable;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Stable ascending sort of `items` by `keys[i]` (same length), with the checks above. */
export function stableSortBy<T>(fnName: string, items: T[], keys: unknown[]): T[] {
  orderables(fnName, keys);
  const positions = items.map((_, i) => i);
  positions.sort((i, j) => compareOrderable(keys[i], keys[j]) || i - j);
  return positions.map((i) => items[i]!);
}

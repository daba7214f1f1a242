// sum, avg, min, max (LANGUAGE.md §20.2). The optional second argument is a projection function
// when the source used an element expression; min/max also take plain values: min(x1, x2, …).
import { evalError } from "../core/errors.ts";
import { needArray, needFunction, type ElementFn } from "./args.ts";
import { compareOrderable, orderables } from "../values/ordering.ts";
import { finite, typeName } from "../values/value-model.ts";

/** The numbers of `a` (or of its projections), nulls skipped, other types rejected. */
function optionalFunction(fnName: string, f: unknown): ElementFn | undefined {
  return f == null ? undefined : needFunction(fnName, f);
}

function numbersOf(fnName: string, a: unknown[], project?: ElementFn): number[] {
  const out: number[] = [];
  for (const el of a) {
    const v = project ? project(el) : el;
    if (v == null) continue;
    if (typeof v !== "number") throw evalError(`${fnName}() expects numbers (got ${typeName(v)})`);
    out.push(v);
  }
  return out;
}

/** The values min/max range over, or null when the single source argument is null. */
function candidates(fnName: string, args: unknown[]): unknown[] | null {
  const [first, second] = args;
  if (args.length === 2 && typeof second === "function") {
    return first == null ? null : needArray(fnName, first).map((el) => (second as ElementFn)(el));
  }
  if (args.length === 1) {
    if (first == null) return null;
    return Array.isArray(first) ? first : [first];
  }
  return args;
}

function extreme(fnName: string, args: unknown[], wantLarger: boolean): unknown {
  const values = candidates(fnName, args);
  if (values === null) return null;
  const present = orderables(fnName, values);
  if (present.length === 0) return null;
  return present.reduce((best, v) => {
    const c = compareOrderable(v, best);
    return (wantLarger ? c > 0 : c < 0) ? v : best;
  });
}

export const aggregateFunctions = {
  sum(a: unknown, project?: ElementFn): number | null {
    if (a == null) return null;
    const values = numbersOf("sum", needArray("sum", a), optionalFunction("sum", project));
    return finite(values.reduce((total, v) => total + v, 0));
  },

  /** Mean of the non-null values; null when there are none. */
  avg(a: unknown, project?: ElementFn): number | null {
    if (a == null) return null;
    const values = numbersOf("avg", needArray("avg", a), optionalFunction("avg", project));
    if (values.length === 0) return null;
    return finite(values.reduce((total, v) => total + v, 0) / values.length);
  },

  min,
  max,
};

// Overloads give a lambda argument its parameter type in generated TypeScript.
function min(a: unknown, project: ElementFn): unknown;
function min(...values: unknown[]): unknown;
function min(...args: unknown[]): unknown {
  return extreme("min", args, false);
}

function max(a: unknown, project: ElementFn): unknown;
function max(...values: unknown[]): unknown;
function max(...args: unknown[]): unknown {
  return extreme("max", args, true);
}

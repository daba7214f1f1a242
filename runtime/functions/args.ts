// Argument checks for built-in functions. Callers handle null first (most functions return null
// for a null argument, §20); these reject a wrong non-null type with an EVAL_ERROR naming the
// function, e.g. "split() expects a string (got number)".
import { evalError } from "../core/errors.ts";
import { argError, isObject, type JsonObject } from "../values/value-model.ts";

/** An element expression (ƒ in §20) as lowered by the generator: `(el) => …`. */
export type ElementFn = (el: unknown) => unknown;

export function needString(fnName: string, v: unknown, what = "a string"): string {
  if (typeof v === "string") return v;
  throw argError(fnName, what, v);
}

export function needNumber(fnName: string, v: unknown, what = "a number"): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  throw argError(fnName, what, v);
}

export function needInteger(fnName: string, v: unknown, what = "an integer"): number {
  if (Number.isInteger(v)) return v as number;
  if (typeof v === "number") throw evalError(`${fnName}() expects ${what} (got ${v})`);
  throw argError(fnName, what, v);
}

export function needArray(fnName: string, v: unknown, what = "an array"): unknown[] {
  if (Array.isArray(v)) return v;
  throw argError(fnName, what, v);
}

export function needObject(fnName: string, v: unknown, what = "an object"): JsonObject {
  if (isObject(v)) return v;
  throw argError(fnName, what, v);
}

export function needFunction(fnName: string, v: unknown): ElementFn {
  if (typeof v === "function") return v as ElementFn;
  throw argError(fnName, "an element expression", v);
}

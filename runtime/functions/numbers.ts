// Number, conversion and miscellaneous built-ins (LANGUAGE.md §20.4, §20.5; `env` is `cx.env`).
import { randomUUID } from "node:crypto";
import { needInteger, needNumber } from "./args.ts";
import { finite, numericString, str, truthy } from "../values/value-model.ts";

/** n × 10^e computed on the decimal text, so 1.005 shifted by 2 is exactly 100.5. */
function shiftDecimal(n: number, e: number): number {
  const [mantissa, exponent = "0"] = String(n).split("e");
  return Number(`${mantissa}e${Number(exponent) + e}`);
}

/** Applies a number → number function, null-through, non-finite results → null. */
function onNumber(fnName: string, x: unknown, f: (n: number) => number): number | null {
  return x == null ? null : finite(f(needNumber(fnName, x)));
}

export const numberFunctions = {
  /** Half away from zero, to `digits` decimals (negative digits round to tens, hundreds, …). */
  round(x: unknown, digits?: unknown): number | null {
    if (x == null) return null;
    const n = needNumber("round", x);
    const d = digits == null ? 0 : needInteger("round", digits, "an integer digit count");
    const magnitude = shiftDecimal(Math.round(shiftDecimal(Math.abs(n), d)), -d);
    return finite(Math.sign(n) * magnitude);
  },

  floor: (x: unknown) => onNumber("floor", x, Math.floor),
  ceil: (x: unknown) => onNumber("ceil", x, Math.ceil),
  abs: (x: unknown) => onNumber("abs", x, Math.abs),
  sqrt: (x: unknown) => onNumber("sqrt", x, Math.sqrt),

  pow(b: unknown, e: unknown): number | null {
    if (b == null || e == null) return null;
    return finite(Math.pow(needNumber("pow", b), needNumber("pow", e, "a number exponent")));
  },

  /** Numbers as they are, numeric strings parsed, booleans 1/0; anything else null. */
  toNumber(x: unknown): number | null {
    if (typeof x === "number") return finite(x);
    if (typeof x === "string") return numericString(x);
    if (typeof x === "boolean") return x ? 1 : 0;
    return null;
  },

  /** toNumber, also reading a decimal comma in a string without a dot: "12,5" → 12.5 (§35). */
  parseDecimal(x: unknown): number | null {
    if (typeof x === "string" && !x.includes(".") && x.indexOf(",") === x.lastIndexOf(",")) {
      return numberFunctions.toNumber(x.replace(",", "."));
    }
    return numberFunctions.toNumber(x);
  },

  toString: (x: unknown): string => str(x),

  /** "true"/"false" in any case are read as booleans; everything else by truthiness. */
  toBoolean(x: unknown): boolean {
    if (typeof x === "string") {
      const word = x.toLowerCase();
      if (word === "true") return true;
      if (word === "false") return false;
    }
    return truthy(x);
  },

  toArray(x: unknown): unknown[] {
    if (x == null) return [];
    return Array.isArray(x) ? x : [x];
  },

  exists: (x: unknown): boolean => x != null,
  uuid: (): string => randomUUID(),
  generateId: (): string => randomUUID(),
};

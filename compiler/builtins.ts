// Built-in function signatures (LANGUAGE.md §15.7, §20). The checker validates calls against
// this table; the generator lowers element-expression parameters to JS functions; the runtime
// implements exactly these names in runtime/functions/ (a test keeps both in sync).

import type { Expr } from "./parse/ast.ts";

export interface BuiltinSignature {
  name: string;
  minArgs: number;
  /** `Infinity` for variadic functions (`concat`, `merge`, `min`, `max`). */
  maxArgs: number;
  /** 0-based indexes of parameters that always take an element expression (ƒ in §20). */
  elementParams: readonly number[];
  /**
   * `sum`/`avg`/`min`/`max`: the second argument is an element expression only when it is a
   * lambda or its text starts with `.` (§19.4); otherwise every argument is a plain value.
   */
  optionalProjection?: boolean;
  /** Parameter count the lambda of an element parameter must have (`reduce`: 2). */
  lambdaParams?: number;
}

function fn(name: string, minArgs: number, maxArgs = minArgs, extra: Partial<BuiltinSignature> = {}): BuiltinSignature {
  return { name, minArgs, maxArgs, elementParams: [], ...extra };
}

const projection = { optionalProjection: true } as const;
const elementAt1 = { elementParams: [1] } as const;

const SIGNATURES: BuiltinSignature[] = [
  // §15.7 / §20.1 strings
  fn("length", 1), fn("concat", 1, Infinity),
  fn("lowercase", 1), fn("uppercase", 1), fn("trim", 1), fn("trimStart", 1), fn("trimEnd", 1),
  fn("substring", 2, 3), fn("split", 2), fn("join", 1, 2), fn("replace", 3), fn("slugify", 1),
  // §20.2 arrays
  fn("first", 1), fn("last", 1), fn("includes", 2), fn("isEmpty", 1), fn("count", 1),
  fn("map", 2, 2, elementAt1), fn("filter", 2, 2, elementAt1),
  fn("find", 2, 2, elementAt1), fn("findIndex", 2, 2, elementAt1),
  fn("reduce", 3, 3, { elementParams: [1], lambdaParams: 2 }),
  fn("sum", 1, 2, projection), fn("avg", 1, 2, projection),
  fn("min", 1, Infinity, projection), fn("max", 1, Infinity, projection),
  fn("flatten", 1), fn("unique", 1), fn("sort", 1), fn("sortBy", 2, 2, elementAt1),
  // §20.3 objects
  fn("keys", 1), fn("values", 1), fn("entries", 1), fn("hasKey", 2), fn("pick", 2), fn("omit", 2),
  fn("merge", 1, Infinity),
  // §20.4 numbers and conversion
  fn("round", 1, 2), fn("floor", 1), fn("ceil", 1), fn("abs", 1), fn("sqrt", 1), fn("pow", 2),
  fn("toNumber", 1), fn("toString", 1), fn("toBoolean", 1), fn("toArray", 1),
  // §20.5 miscellaneous
  fn("env", 1), fn("exists", 1), fn("uuid", 0), fn("generateId", 0),
  // §20.6 dates and durations
  fn("now", 0), fn("parseDate", 1), fn("formatDate", 2),
  fn("year", 1), fn("month", 1), fn("day", 1), fn("hour", 1), fn("minute", 1), fn("dayOfWeek", 1),
  fn("addDays", 2), fn("subtractDays", 2), fn("addHours", 2), fn("addMonths", 2),
  fn("diffDays", 2), fn("isBefore", 2), fn("isAfter", 2),
  fn("days", 1), fn("hours", 1), fn("minutes", 1), fn("seconds", 1),
  // §35 compatibility with the original's missions
  fn("fromUnix", 1), fn("parseDecimal", 1),
];

export const BUILTINS: ReadonlyMap<string, BuiltinSignature> = new Map(SIGNATURES.map((s) => [s.name, s]));

export function builtin(name: string): BuiltinSignature | undefined {
  return BUILTINS.get(name);
}

/** What a call must pass: "2 argument(s)", "1 to 2 argument(s)", "at least 1 argument(s)". */
export function arityText(signature: BuiltinSignature): string {
  const { minArgs, maxArgs } = signature;
  if (maxArgs === Infinity) return `at least ${minArgs} argument(s)`;
  if (minArgs === maxArgs) return `${minArgs} argument(s)`;
  return `${minArgs} to ${maxArgs} argument(s)`;
}

/**
 * For a call with the given (effective) arguments — the piped value or method receiver
 * included as the first — which arguments are element expressions.
 */
export function elementArguments(signature: BuiltinSignature, args: readonly Expr[]): boolean[] {
  return args.map((arg, index) => {
    if (signature.elementParams.includes(index)) return true;
    if (signature.optionalProjection && index === 1 && args.length === 2) {
      return arg.kind === "Lambda" || startsWithDot(arg);
    }
    return false;
  });
}

/** True when the expression's text starts with a leading-dot path (`.price * 2`). */
export function startsWithDot(expr: Expr): boolean {
  switch (expr.kind) {
    case "SubjectPath":
      return true;
    case "Member":
    case "Index":
      return startsWithDot(expr.object);
    case "MethodCall":
      return startsWithDot(expr.receiver);
    case "Binary":
    case "Logical":
      return startsWithDot(expr.left);
    case "Conditional":
      return startsWithDot(expr.test);
    case "Pipe":
    case "Filter":
    case "IsType":
      return startsWithDot(expr.value);
    case "Holds":
      return startsWithDot(expr.test);
    default:
      return false;
  }
}

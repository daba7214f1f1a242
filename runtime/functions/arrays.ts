// Array built-ins (LANGUAGE.md §20.2). Element expressions (ƒ) arrive as JS functions.
import { needArray, needFunction, type ElementFn } from "./args.ts";
import { stableSortBy } from "../values/ordering.ts";
import { argError, deepEqual, isObject, truthy } from "../values/value-model.ts";
import { aggregateFunctions } from "./aggregates.ts";

export const arrayFunctions = {
  first(a: unknown): unknown {
    if (a == null) return null;
    return needArray("first", a)[0] ?? null;
  },

  last(a: unknown): unknown {
    if (a == null) return null;
    const items = needArray("last", a);
    return items[items.length - 1] ?? null;
  },

  /** Deep-equal membership in an array; substring test on a string. */
  includes(a: unknown, v: unknown): boolean | null {
    if (a == null) return null;
    if (typeof a === "string") return typeof v === "string" && a.includes(v);
    return needArray("includes", a, "an array or string").some((el) => deepEqual(el, v));
  },

  isEmpty(x: unknown): boolean {
    if (x == null || x === "") return true;
    if (Array.isArray(x)) return x.length === 0;
    if (isObject(x)) return Object.keys(x).length === 0;
    return false;
  },

  count(a: unknown): number | null {
    return a == null ? null : needArray("count", a).length;
  },

  map(a: unknown, f: ElementFn): unknown[] | null {
    if (a == null) return null;
    const items = needArray("map", a);
    const project = needFunction("map", f);
    return items.map((el) => project(el) ?? null);
  },

  filter(a: unknown, f: ElementFn): unknown[] | null {
    if (a == null) return null;
    const items = needArray("filter", a);
    const test = needFunction("filter", f);
    return items.filter((el) => truthy(test(el)));
  },

  find(a: unknown, f: ElementFn): unknown {
    if (a == null) return null;
    const items = needArray("find", a);
    const test = needFunction("find", f);
    return items.find((el) => truthy(test(el))) ?? null;
  },

  findIndex(a: unknown, f: ElementFn): number | null {
    if (a == null) return null;
    const items = needArray("findIndex", a);
    const test = needFunction("findIndex", f);
    return items.findIndex((el) => truthy(test(el)));
  },

  reduce(a: unknown, f: (acc: unknown, x: unknown) => unknown, init: unknown): unknown {
    if (a == null) return null;
    const items = needArray("reduce", a);
    if (typeof f !== "function") throw argError("reduce", "a two-parameter lambda", f);
    const step = f as (acc: unknown, x: unknown) => unknown;
    return items.reduce((acc: unknown, x) => step(acc, x) ?? null, init ?? null);
  },

  ...aggregateFunctions,

  /** One level of nesting removed; non-array elements are kept as they are. */
  flatten(a: unknown): unknown[] | null {
    if (a == null) return null;
    return needArray("flatten", a).flatMap((el) => (Array.isArray(el) ? el : [el]));
  },

  /** First occurrences kept, compared by deep equality. */
  unique(a: unknown): unknown[] | null {
    if (a == null) return null;
    const kept: unknown[] = [];
    for (const el of needArray("unique", a)) {
      if (!kept.some((k) => deepEqual(k, el))) kept.push(el);
    }
    return kept;
  },

  sort(a: unknown): unknown[] | null {
    if (a == null) return null;
    const items = needArray("sort", a);
    return stableSortBy("sort", items, items);
  },

  sortBy(a: unknown, f: ElementFn): unknown[] | null {
    if (a == null) return null;
    const items = needArray("sortBy", a);
    const key = needFunction("sortBy", f);
    return stableSortBy("sortBy", items, items.map((el) => key(el)));
  },
};

// Object built-ins (LANGUAGE.md §20.3). Field order is kept; `merge` is shallow, later wins.
import { needArray, needObject } from "./args.ts";
import { argError, isObject, keyString, type JsonObject } from "../values/value-model.ts";

/** Field names of `pick`/`omit`: an array of strings (numbers and booleans converted). */
function fieldNames(fnName: string, ks: unknown): Set<string> {
  const names = new Set<string>();
  for (const k of needArray(fnName, ks, "an array of field names")) {
    const name = keyString(k);
    if (name === null) throw argError(fnName, "field names as strings", k);
    names.add(name);
  }
  return names;
}

// Fields are defined, never assigned: data may hold a `__proto__` field (JSON.parse makes one),
// and assigning it would set the new object's prototype instead.
function copyWhere(o: JsonObject, keep: (name: string) => boolean): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keep(k)));
}

export const objectFunctions = {
  keys(o: unknown): string[] | null {
    return o == null ? null : Object.keys(needObject("keys", o));
  },

  values(o: unknown): unknown[] | null {
    return o == null ? null : Object.values(needObject("values", o)).map((v) => v ?? null);
  },

  entries(o: unknown): [string, unknown][] | null {
    if (o == null) return null;
    return Object.entries(needObject("entries", o)).map(([k, v]) => [k, v ?? null]);
  },

  /** True when the field exists, even with a null value. */
  hasKey(o: unknown, k: unknown): boolean | null {
    if (o == null || k == null) return null;
    const obj = needObject("hasKey", o);
    const name = keyString(k);
    if (name === null) throw argError("hasKey", "a string field name", k);
    return Object.hasOwn(obj, name);
  },

  pick(o: unknown, ks: unknown): JsonObject | null {
    if (o == null || ks == null) return null;
    const names = fieldNames("pick", ks);
    return copyWhere(needObject("pick", o), (k) => names.has(k));
  },

  omit(o: unknown, ks: unknown): JsonObject | null {
    if (o == null || ks == null) return null;
    const names = fieldNames("omit", ks);
    return copyWhere(needObject("omit", o), (k) => !names.has(k));
  },

  /** Shallow merge of the object arguments; null arguments are skipped. */
  merge(...objects: unknown[]): JsonObject {
    let out: JsonObject = {};
    for (const o of objects) {
      if (o == null) continue;
      if (!isObject(o)) throw argError("merge", "objects or null", o);
      out = { ...out, ...o }; // spread defines fields (Object.assign would set `__proto__`)
    }
    return out;
  },
};

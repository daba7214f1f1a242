// Helpers only generated code calls: expression semantics (`rt.get`, `rt.add`, …), the
// built-in functions (`rt.fn.length`, …) and the contract types of its context objects.
// Not a stable API: they change with the generator.
export * from "./values/values.ts";
export { fn } from "./functions/index.ts";
export { evalError } from "./core/errors.ts";
export type * from "./core/types.ts";

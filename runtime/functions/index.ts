// Built-in functions, called by generated code as `rt.fn.NAME(...)` (LANGUAGE.md §15.7, §20).
// One method per built-in name of compiler/builtins.ts, except `env`, which reads the run's
// environment and is lowered to `cx.env(name)`.
import { arrayFunctions } from "./arrays.ts";
import { dateFunctions } from "./dates.ts";
import { numberFunctions } from "./numbers.ts";
import { objectFunctions } from "./objects.ts";
import { stringFunctions } from "./strings.ts";

export type { ElementFn } from "./args.ts";

export const fn = Object.freeze({
  ...stringFunctions,
  ...arrayFunctions,
  ...objectFunctions,
  ...numberFunctions,
  ...dateFunctions,
});

/** Built-ins that are not methods of `fn` because the action context implements them. */
const CONTEXT_FUNCTIONS = ["env"];

/** Every built-in function name, sorted; kept equal to the compiler's table by a test. */
export const FUNCTION_NAMES: readonly string[] = Object.freeze(
  [...Object.keys(fn), ...CONTEXT_FUNCTIONS].sort(),
);

// Names written inside strings (`get "/users/{u.id}"`) have no Ident node, so the checker's
// resolution table cannot cover them; they resolve here with the rules of §16, against the
// variables the generator has bound so far.

import type { StepCx } from "./context.ts";
import { str } from "./js.ts";

export function resolveBareName(name: string, scx: StepCx): string {
  const variable = scx.scope.lookup(name);
  if (variable !== undefined) return variable;
  const stores = scx.gen.analysis.stores;
  if (!stores.has(name)) {
    if (name === "response") return "cx.response";
    if (name === "errors") return "cx.errors()";
    if (name === "source") return "cx.source";
  }
  // A declared, written or input store (§16 rules 3 and 6).
  return `cx.read(${str(name)})`;
}

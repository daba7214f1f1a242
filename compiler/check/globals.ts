// Bare names that are not variables (§16 rules 2–6), resolved once every written store is
// known: response/errors/source, stores, then errors for functions and declarations, else an
// input store (with `possible-typo` when a variable or store is within edit distance 2).

import { builtin } from "../builtins.ts";
import type { Resolution } from "./analysis.ts";
import type { GlobalRef, ResolveContext } from "./resolve-context.ts";
import { closestName } from "./typo.ts";


export function resolveGlobals(cx: ResolveContext): void {
  const { decls, facts, session } = cx;
  const knownStores = [...decls.stores.keys(), ...[...facts.writtenStores.keys()].filter((s) => !decls.stores.has(s))];
  const isStore = (name: string) => decls.stores.has(name) || facts.writtenStores.has(name);

  for (const ref of cx.globals) {
    const name = ref.ident.name;
    const resolution = resolveGlobal(ref, isStore, cx);
    if (!resolution) continue;
    facts.names.set(ref.ident, resolution);
    if (resolution.kind !== "store") continue;
    facts.storeReads.get(ref.action)?.push({ store: name, span: ref.ident.span });
    if (!isStore(name)) {
      const suggestion = closestName(name, [...ref.visible, ...knownStores]);
      if (suggestion) {
        session.report("possible-typo", ref.ident.span, { name, suggestion });
      }
    }
  }

  for (const binding of cx.bindings) {
    if (isStore(binding.name)) {
      const declared = decls.stores.get(binding.name)?.name ?? facts.writtenStores.get(binding.name);
      session.report("shadows-store", binding.span, { name: binding.name }, declared ? [{ message: `store '${binding.name}'`, span: declared.span }] : []);
    }
  }
  const errorsStore = decls.stores.get("errors")?.name ?? facts.writtenStores.get("errors");
  if (errorsStore) session.report("errors-shadowed", errorsStore.span);
}

/** Undefined when the name is an error (function or declaration used as a value). */
function resolveGlobal(ref: GlobalRef, isStore: (name: string) => boolean, cx: ResolveContext): Resolution | undefined {
  const name = ref.ident.name;
  const { decls, session } = cx;
  if (isStore(name)) return { kind: "store", store: name };
  if (name === "response" || name === "errors" || name === "source") return { kind: name };
  if (builtin(name)) {
    session.report("function-as-value", ref.ident.span, { name });
    return undefined;
  }
  const kind = decls.sources.has(name) ? "source" : decls.actions.has(name) ? "action" : decls.schemas.has(name) ? "schema" : undefined;
  if (kind) {
    const article = kind === "action" ? "an" : "a";
    session.report("not-a-value", ref.ident.span, { name, kind: `${article} ${kind}` });
    return undefined;
  }
  return { kind: "store", store: name };
}


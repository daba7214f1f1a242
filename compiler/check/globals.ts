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
        session.warning("possible-typo", `'${name}' is read as an input store; did you mean '${suggestion}'?`, ref.ident.span);
      }
    }
  }

  for (const binding of cx.bindings) {
    if (isStore(binding.name)) {
      session.warning("shadows-store", `variable '${binding.name}' shadows store '${binding.name}'`, binding.span);
    }
  }
  const errorsStore = decls.stores.get("errors")?.name ?? facts.writtenStores.get("errors");
  if (errorsStore) session.warning("errors-shadowed", "store 'errors' hides the built-in errors list", errorsStore.span);
}

/** Undefined when the name is an error (function or declaration used as a value). */
function resolveGlobal(ref: GlobalRef, isStore: (name: string) => boolean, cx: ResolveContext): Resolution | undefined {
  const name = ref.ident.name;
  const { decls, session } = cx;
  if (isStore(name)) return { kind: "store", store: name };
  if (name === "response" || name === "errors" || name === "source") return { kind: name };
  if (builtin(name)) {
    session.error("function-as-value", `'${name}' is a function; call it as ${name}()`, ref.ident.span);
    return undefined;
  }
  const kind = decls.sources.has(name) ? "source" : decls.actions.has(name) ? "action" : decls.schemas.has(name) ? "schema" : undefined;
  if (kind) {
    const article = kind === "action" ? "an" : "a";
    session.error("not-a-value", `'${name}' is ${article} ${kind} and cannot be used as a value`, ref.ident.span);
    return undefined;
  }
  return { kind: "store", store: name };
}


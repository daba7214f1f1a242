// Assembles the Analysis handed to the generator from the declarations and resolved names.

import type { Analysis, StoreInfo, StoreKind } from "./analysis.ts";
import type { Declarations } from "./declarations.ts";
import type { NameFacts } from "./resolve-context.ts";
import { sourceInfos } from "./source-options.ts";
import { literalNumber } from "./options.ts";

const DEFAULT_CONCURRENCY = 10;

export function buildAnalysis(
  decls: Declarations, facts: NameFacts, options: Analysis["options"], schedule: Analysis["schedule"],
): Analysis {
  const sources = sourceInfos([...decls.sources.values()]);
  return {
    file: decls.file,
    mission: decls.mission,
    options,
    schedule,
    sources,
    defaultSource: sources[0]!.name,
    actions: decls.actions,
    concurrency: new Map([...decls.actions].map(([name, action]) => {
      const entry = action.options.find((o) => o.name.name === "concurrency");
      return [name, (entry && literalNumber(entry.value)) || DEFAULT_CONCURRENCY];
    })),
    stores: storeTable(decls, facts),
    schemas: decls.schemas,
    names: facts.names,
    httpDeletes: facts.httpDeletes,
    httpDeleteBindings: facts.httpDeleteBindings,
    guarded: new Set(),
    retryTargets: new Map(),
    patternBindings: facts.patternBindings,
  };
}

/** Declared stores (file order), then written ones, then input stores (first use order). */
function storeTable(decls: Declarations, facts: NameFacts): Map<string, StoreInfo> {
  const stores = new Map<string, StoreInfo>();
  const add = (name: string, kind: StoreKind, target: string, declared: boolean, input: boolean) =>
    stores.set(name, { name, kind, target, declared, written: facts.writtenStores.has(name), input });
  for (const decl of decls.stores.values()) {
    add(decl.name.name, decl.storeKind.name as StoreKind, decl.target?.value || decl.name.name, true, false);
  }
  for (const name of facts.writtenStores.keys()) if (!stores.has(name)) add(name, "memory", name, false, false);
  for (const resolution of facts.names.values()) {
    if (resolution.kind === "store" && !stores.has(resolution.store)) add(resolution.store, "memory", resolution.store, false, true);
  }
  return stores;
}

// State shared by the name-resolution walk (stage 2) of one mission.

import type { DeleteStep, Ident, Name, Node, Span } from "../parse/ast.ts";
import type { Resolution } from "./analysis.ts";
import type { Declarations } from "./declarations.ts";
import type { Session } from "./session.ts";

/** A bare name that is not a variable: resolved once every written store is known. */
export interface GlobalRef {
  ident: Ident;
  action: string;
  /** Variables visible at the reference, innermost first (candidates for `possible-typo`). */
  visible: string[];
}

/** Where an action reads a store (for `parallel-read-write`). */
export interface StoreRead {
  store: string;
  span: Span;
}

export interface NameFacts {
  names: Map<Ident, Resolution>;
  httpDeletes: Set<DeleteStep>;
  /** For each `delete x[k]` that is an HTTP DELETE: the binding of `x`. */
  httpDeleteBindings: Map<DeleteStep, Node>;
  patternBindings: Set<Name>;
  /** Targets of store/queue/delete/clear steps, first occurrence order. */
  writtenStores: Map<string, Name>;
  /** Action name → its store reads. */
  storeReads: Map<string, StoreRead[]>;
}

export interface ResolveContext {
  session: Session;
  decls: Declarations;
  facts: NameFacts;
  /** The action being walked. */
  action: string;
  globals: GlobalRef[];
  /** Every variable binding name, for `shadows-store` once all stores are known. */
  bindings: Name[];
}

export function emptyFacts(): NameFacts {
  return {
    names: new Map(),
    httpDeletes: new Set(),
    httpDeleteBindings: new Map(),
    patternBindings: new Set(),
    writtenStores: new Map(),
    storeReads: new Map(),
  };
}

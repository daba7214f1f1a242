// Stage 1: the mission and its declarations — one mission, one pipeline, unique names,
// known store kinds. Produces the tables every later pass reads.

import type {
  ActionDecl, Declaration, File, Mission, Pipeline, SchemaDecl, SourceDecl, StoreDecl,
} from "../parse/ast.ts";
import { assertNever } from "../parse/ast.ts";
import type { StoreKind } from "./analysis.ts";
import type { Session } from "./session.ts";

export const STORE_KINDS: readonly StoreKind[] = ["memory", "file", "sql", "nosql", "postgrest"];

export interface Declarations {
  file: File;
  mission: Mission;
  /** The mission's single pipeline (undefined only when missing, which is an error). */
  pipeline?: Pipeline;
  /** Every declaration, top-level ones included, in file order. */
  all: Declaration[];
  actions: Map<string, ActionDecl>;
  sources: Map<string, SourceDecl>;
  stores: Map<string, StoreDecl>;
  schemas: Map<string, SchemaDecl>;
}

/** Returns undefined when the file has no mission at all (nothing else can be checked). */
export function collectDeclarations(file: File, session: Session): Declarations | undefined {
  const [mission, ...extra] = file.missions;
  if (!mission) {
    session.error("no-mission", "no mission in file", { start: 0, end: 0 });
    return undefined;
  }
  for (const other of extra) {
    session.error("multiple-missions", `a file may contain only one mission (found ${file.missions.length})`, other.name.span);
  }
  checkPipelineCount(mission, session);

  const all = [...file.topLevel, ...mission.declarations].sort((a, b) => a.span.start - b.span.start);
  const decls: Declarations = {
    file, mission, pipeline: mission.pipelines[0], all,
    actions: new Map(), sources: new Map(), stores: new Map(), schemas: new Map(),
  };
  for (const decl of all) register(decl, decls, session);
  return decls;
}

function checkPipelineCount(mission: Mission, session: Session): void {
  const name = mission.name.name;
  if (mission.pipelines.length === 0) {
    session.error("missing-pipeline", `mission '${name}' has no run pipeline`, mission.name.span);
  }
  for (const extra of mission.pipelines.slice(1)) {
    session.error("multiple-pipelines", `mission '${name}' has more than one run pipeline`, {
      start: extra.span.start,
      end: extra.span.start + "run".length,
    });
  }
}

function register(decl: Declaration, decls: Declarations, session: Session): void {
  const add = <T extends Declaration>(table: Map<string, T>, kindWord: string, node: T) => {
    const first = table.get(node.name.name);
    if (first) {
      session.error("duplicate-declaration", `duplicate ${kindWord} '${node.name.name}'`, node.name.span,
        [`'${node.name.name}' is first declared at ${session.where(first.name.span)}`]);
    } else {
      table.set(node.name.name, node);
    }
  };
  switch (decl.kind) {
    case "ActionDecl":
      return add(decls.actions, "action", decl);
    case "SourceDecl":
      return add(decls.sources, "source", decl);
    case "SchemaDecl":
      return add(decls.schemas, "schema", decl);
    case "StoreDecl":
      if (!STORE_KINDS.includes(decl.storeKind.name as StoreKind)) {
        session.error("unknown-store-kind", `unknown store kind '${decl.storeKind.name}'`, decl.storeKind.span);
      }
      return add(decls.stores, "store", decl);
    default:
      return assertNever(decl);
  }
}

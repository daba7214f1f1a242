// Stage 1: the mission and its declarations — one mission, one pipeline, unique names,
// known store kinds. Produces the tables every later pass reads.

import type {
  ActionDecl, Declaration, File, Mission, Pipeline, SchemaDecl, SourceDecl, StoreDecl,
} from "../parse/ast.ts";
import { assertNever } from "../parse/ast.ts";
import type { StoreKind } from "./analysis.ts";
import { keywordSpan, type Session } from "./session.ts";

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
    session.report("no-mission", { start: 0, end: 0 });
    return undefined;
  }
  for (const other of extra) {
    session.report("multiple-missions", other.name.span, { count: file.missions.length }, [{ message: "the first mission", span: mission.name.span }]);
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
    session.report("missing-pipeline", mission.name.span, { mission: name });
  }
  for (const extra of mission.pipelines.slice(1)) {
    const first = mission.pipelines[0]!;
    session.report("multiple-pipelines", keywordSpan(extra.span, "run"), { mission: name }, [
      { message: "the first pipeline", span: keywordSpan(first.span, "run") },
    ]);
  }
}

function register(decl: Declaration, decls: Declarations, session: Session): void {
  const add = <T extends Declaration>(table: Map<string, T>, kindWord: string, node: T) => {
    if (table.has(node.name.name)) {
      const first = table.get(node.name.name)!;
      session.report("duplicate-declaration", node.name.span, { kind: kindWord, name: node.name.name }, [
        { message: `'${node.name.name}' is first declared here`, span: first.name.span },
      ]);
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
        session.report("unknown-store-kind", decl.storeKind.span, { kind: decl.storeKind.name });
      }
      return add(decls.stores, "store", decl);
    default:
      return assertNever(decl);
  }
}

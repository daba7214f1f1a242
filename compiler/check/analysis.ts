// What the checker learns about a mission and hands to the generator.
// The generator never re-derives name resolution: it reads it from here.

import type {
  ActionDecl, DeleteStep, File, HttpStep, Ident, JumpStep, Mission, Name, Node, RetryStep,
  SchemaDecl, SourceDecl,
} from "../parse/ast.ts";
import type { ScheduleSpec } from "../../runtime/schedule/spec.ts";

export type StoreKind = "memory" | "file" | "sql" | "nosql" | "postgrest";
export type AuthKind = "none" | "bearer" | "basic" | "api_key" | "oauth2";

export interface StoreInfo {
  name: string;
  kind: StoreKind;
  /** Adapter target (defaults to the store name). */
  target: string;
  /** Declared with `store NAME: kind(...)`. */
  declared: boolean;
  /** Target of a `store … -> NAME` step or `queue NAME` somewhere in the mission. */
  written: boolean;
  /** Read as a value but neither declared nor written: must be supplied at run time (§9.2). */
  input: boolean;
}

export interface SourceInfo {
  name: string;
  auth: AuthKind;
  /** The declaration; undefined for the implicit `default` source of a mission without sources. */
  decl?: SourceDecl;
}

/**
 * How one bare identifier in an expression resolves (§16).
 * `variable.binding` is the node that introduced the binding — a `Name` (let, for variable,
 * pattern binding, lambda parameter, pagination parameter bound in `until`) or the `MapStep`
 * that rebinds a variable (§12 rule 4). The generator gives each binding node one JS name.
 */
export type Resolution =
  | { kind: "variable"; binding: Node }
  | { kind: "response" }
  | { kind: "errors" }
  | { kind: "source" }
  | { kind: "store"; store: string };

export interface Analysis {
  file: File;
  mission: Mission;
  options: { maxConcurrency: number | null; parallelMode: "all-settled" | "fail-fast" };
  /** The `schedule:` item and its options (§36.1); null when the mission has none. */
  schedule: ScheduleSpec | null;
  /** Declared sources in file order; the implicit `default` one when none is declared. */
  sources: SourceInfo[];
  /** Name of the source used by requests that do not name one. */
  defaultSource: string;
  actions: Map<string, ActionDecl>;
  /** Action name → its `concurrency` option (default 10). */
  concurrency: Map<string, number>;
  stores: Map<string, StoreInfo>;
  schemas: Map<string, SchemaDecl>;
  names: Map<Ident, Resolution>;
  /** `delete x[k]` where `x` is a variable in scope: an HTTP DELETE of the path `x[k]`. */
  httpDeletes: Set<DeleteStep>;
  /** For each step in `httpDeletes`: the binding node of its variable (as `variable.binding`). */
  httpDeleteBindings: Map<DeleteStep, Node>;
  /** HTTP steps directly followed by `match response { … }` (§24.6). */
  guarded: Set<HttpStep | DeleteStep>;
  /** `retry` and `jump … then retry` → the request they re-run (§23.1). */
  retryTargets: Map<RetryStep | JumpStep, HttpStep | DeleteStep>;
  /** Identifiers in patterns that bind (as opposed to naming a schema). */
  patternBindings: Set<Name>;
}

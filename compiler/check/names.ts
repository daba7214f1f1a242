// Stage 2: name resolution over every action body (§5 scopes, §12 map rebinding, §16, §17).
// Variables resolve during the walk; other bare names once all written stores are known.

import type {
  ActionDecl, Expr, HttpStep, Name, OptionEntry, OptionValue, Step,
} from "../parse/ast.ts";
import { assertNever } from "../parse/ast.ts";
import type { Declarations } from "./declarations.ts";
import { resolveArmTest, resolveExpr } from "./expressions.ts";
import { bindVariable } from "./bindings.ts";
import { isPagination, paginationOf } from "./pagination-object.ts";
import { resolveGlobals } from "./globals.ts";
import { interpolatedNames } from "./interpolation.ts";
import type { OptionTable } from "./option-tables.ts";
import { QUEUE_OPTIONS, REQUEST_OPTIONS, RETRY_DIRECTIVE_OPTIONS, STORE_STEP_OPTIONS } from "./option-tables.ts";
import type { NameFacts, ResolveContext } from "./resolve-context.ts";
import { emptyFacts } from "./resolve-context.ts";
import { Scope } from "./scope.ts";
import type { Session } from "./session.ts";
import { armSteps, blockEntries } from "./walk.ts";

export function resolveNames(decls: Declarations, session: Session): NameFacts {
  const cx: ResolveContext = { session, decls, facts: emptyFacts(), action: "", globals: [], bindings: [] };
  for (const action of decls.actions.values()) resolveAction(action, cx);
  resolveGlobals(cx);
  return cx.facts;
}

function resolveAction(action: ActionDecl, cx: ResolveContext): void {
  cx.action = action.name.name;
  cx.facts.storeReads.set(cx.action, []);
  resolveSteps(action.body.steps, new Scope(), cx);
}

/** Steps of one block, all in `scope` (a block's bindings live from their step to its end). */
function resolveSteps(steps: readonly Step[], scope: Scope, cx: ResolveContext): void {
  for (const step of steps) resolveStep(step, scope, cx);
}

function resolveStep(step: Step, scope: Scope, cx: ResolveContext): void {
  const expr = (e: Expr) => resolveExpr(e, scope, cx);
  switch (step.kind) {
    case "HttpStep":
      return resolveRequest(step, scope, cx);
    case "StoreStep":
      expr(step.value);
      resolveOptions(step.options, STORE_STEP_OPTIONS, scope, cx);
      return noteWrite(step.store, cx);
    case "ForStep": {
      expr(step.collection);
      const body = new Scope(scope);
      bindVariable(step.variable, body, cx);
      if (step.where) resolveExpr(step.where, body, cx);
      return resolveSteps(step.body.steps, body, cx);
    }
    case "MapStep": {
      expr(step.value);
      for (const entry of step.entries) expr(entry.value);
      // §35: `map EXPR -> name` without a block binds name as `let` would.
      if (step.bare) {
        if (/^[a-z]/.test(step.label.name)) bindVariable(step.label, scope, cx);
        return;
      }
      // §12 rule 4: `map x -> …` rebinds the variable x, from here to the end of this block.
      if (step.value.kind === "Ident" && scope.lookup(step.value.name)) scope.rebind(step.value.name, step);
      return;
    }
    case "MatchStep":
      if (step.target) expr(step.target);
      for (const arm of step.arms) {
        const armScope = new Scope(scope);
        resolveArmTest(arm.test, armScope, cx);
        if (arm.guard) resolveExpr(arm.guard, armScope, cx);
        resolveSteps(armSteps(arm.body), armScope, cx);
      }
      return;
    case "LetStep":
      expr(step.value);
      return bindVariable(step.name, scope, cx);
    case "ValidateStep":
      if (step.target) expr(step.target);
      for (const assume of step.assumes) expr(assume.test);
      return;
    case "DeleteStep": {
      // `delete x[k]` with x a variable in scope is an HTTP DELETE of the path x[k] (§27.4).
      const binding = scope.lookup(step.store.name);
      if (binding) {
        cx.facts.httpDeletes.add(step);
        cx.facts.httpDeleteBindings.set(step, binding);
      } else {
        noteWrite(step.store, cx);
      }
      return expr(step.key);
    }
    case "ClearStep":
      return noteWrite(step.store, cx);
    case "RunStep":
    case "JumpStep":
      return; // targets are checked with the pipeline (stage 1)
    case "AbortStep":
      if (step.message) expr(step.message);
      return;
    case "RetryStep":
      return resolveOptions(step.options, RETRY_DIRECTIVE_OPTIONS, scope, cx);
    case "QueueStep":
      resolveOptions(step.options, QUEUE_OPTIONS, scope, cx);
      return noteWrite(step.store, cx);
    case "CallStep":
    case "WaitStep":
    case "ContinueStep":
    case "SkipStep":
      return; // call/wait are reported as unsupported in stage 1
    default:
      return assertNever(step);
  }
}

function resolveRequest(step: HttpStep, scope: Scope, cx: ResolveContext): void {
  resolveExpr(step.path, scope, cx);
  if (step.path.kind === "StringLit") {
    for (const name of interpolatedNames(step.path)) resolveExpr(name, scope, cx);
  }
  const written = step.options.find((o) => o.name.name === "paginate")?.value;
  const paginate = written && paginationOf(written);
  // §24.3: `until` sees the pagination parameter P as a variable.
  const untilScope = new Scope(scope);
  if (isPagination(paginate)) untilScope.bind(paginate.param.name, paginate.param);
  for (const entry of step.options) {
    resolveOption(entry, REQUEST_OPTIONS, entry.name.name === "until" ? untilScope : scope, cx);
  }
}

function resolveOptions(entries: readonly OptionEntry[], table: OptionTable, scope: Scope, cx: ResolveContext): void {
  for (const entry of entries) resolveOption(entry, table, scope, cx);
}

/** Resolves an option value unless it is a word (`backoff: linear`, `source: Shop`). */
function resolveOption(entry: OptionEntry, table: OptionTable, scope: Scope, cx: ResolveContext): void {
  const spec = table.get(entry.name.name);
  if (!spec) return; // reported in stage 1
  switch (spec.kind) {
    case "word":
    case "sourceName":
    case "pagination":
      return;
    case "block":
      return resolveOptions(blockEntries(entry.value) ?? [], spec.table, scope, cx);
    case "since":
      if (entry.value.kind === "LastSync") {
        for (const option of entry.value.options) if (option.name.name === "param") resolveValue(option.value, scope, cx);
        return;
      }
      return resolveValue(entry.value, scope, cx);
    case "expr":
    case "literalPositiveInt":
    case "count":
    case "duration":
    case "bool":
      return resolveValue(entry.value, scope, cx);
    default:
      return assertNever(spec);
  }
}

/** An expression-valued option; an option block written there counts as an object literal. */
function resolveValue(value: OptionValue, scope: Scope, cx: ResolveContext): void {
  switch (value.kind) {
    case "OptionBlock":
      for (const entry of value.entries) resolveValue(entry.value, scope, cx);
      return;
    case "Pagination":
    case "LastSync":
      return;
    default:
      return resolveExpr(value, scope, cx);
  }
}

function noteWrite(store: Name, cx: ResolveContext): void {
  if (!cx.facts.writtenStores.has(store.name)) cx.facts.writtenStores.set(store.name, store);
}

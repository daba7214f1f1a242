// Static race warnings for parallel groups (§6): two siblings writing one store with keys
// that may collide, and a sibling reading a store another writes. Everything an action
// reaches through jump/run counts as that action's.

import type { ActionDecl, Expr, OptionEntry, Span, Step } from "../parse/ast.ts";
import type { Analysis } from "./analysis.ts";
import { jumpTargets } from "./pipeline.ts";
import type { StoreRead } from "./resolve-context.ts";
import type { Session } from "./session.ts";
import type { KeyShape } from "./store-keys.ts";
import { keyShape, provablyDistinct } from "./store-keys.ts";
import { armSteps, requestSource } from "./walk.ts";

interface StoreWrite {
  store: string;
  key: KeyShape;
  /** The source of the request that precedes the write, when statically known. */
  source?: string;
  span: Span;
}

interface ActionEffects {
  writes: StoreWrite[];
  reads: StoreRead[];
}

export function checkParallelRaces(analysis: Analysis, storeReads: ReadonlyMap<string, StoreRead[]>, session: Session): void {
  const direct = new Map<string, ActionEffects>();
  for (const action of analysis.actions.values()) {
    direct.set(action.name.name, { writes: actionWrites(action, analysis), reads: storeReads.get(action.name.name) ?? [] });
  }
  for (const stage of analysis.mission.pipelines[0]?.stages ?? []) {
    if (!stage.parallel) continue;
    const members = stage.actions.map((a) => a.name).filter((name, i, all) => all.indexOf(name) === i);
    const effects = members.map((name) => reachableEffects(name, analysis, direct));
    for (let i = 0; i < members.length; i++) {
      for (let j = 0; j < members.length; j++) {
        if (i === j) continue;
        if (i < j) reportKeyCollisions(members[i]!, effects[i]!, members[j]!, effects[j]!, session);
        reportReadWrite(members[j]!, effects[j]!, members[i]!, effects[i]!, session);
      }
    }
  }
}

function reportKeyCollisions(a: string, ea: ActionEffects, b: string, eb: ActionEffects, session: Session): void {
  const reported = new Set<string>();
  for (const wb of eb.writes) {
    if (reported.has(wb.store)) continue;
    const clash = ea.writes.find((wa) => wa.store === wb.store && !provablyDistinct(wa.key, wb.key, wa.source, wb.source));
    if (!clash) continue;
    reported.add(wb.store);
    session.report("parallel-key-collision", wb.span, { first: a, second: b, store: wb.store }, [
      { message: `'${a}' writes store '${wb.store}' here`, span: clash.span },
    ]);
  }
}

function reportReadWrite(reader: string, readerEffects: ActionEffects, writer: string, writerEffects: ActionEffects, session: Session): void {
  const reported = new Set<string>();
  for (const read of readerEffects.reads) {
    if (reported.has(read.store)) continue;
    const write = writerEffects.writes.find((w) => w.store === read.store);
    if (!write) continue;
    reported.add(read.store);
    session.report("parallel-read-write", read.span, { reader, store: read.store, writer }, [
      { message: `'${writer}' writes store '${read.store}' here`, span: write.span },
    ]);
  }
}

/** The effects of an action and of every action it reaches through jump/run. */
function reachableEffects(name: string, analysis: Analysis, direct: ReadonlyMap<string, ActionEffects>): ActionEffects {
  const result: ActionEffects = { writes: [], reads: [] };
  const seen = new Set<string>();
  const visit = (actionName: string) => {
    const action = analysis.actions.get(actionName);
    if (seen.has(actionName) || !action) return;
    seen.add(actionName);
    result.writes.push(...direct.get(actionName)!.writes);
    result.reads.push(...direct.get(actionName)!.reads);
    for (const target of jumpTargets(action)) visit(target.name);
  };
  visit(name);
  return result;
}

/** Store writes of one action body, each with the source of the request before it. */
function actionWrites(action: ActionDecl, analysis: Analysis): StoreWrite[] {
  const writes: StoreWrite[] = [];
  /** Walks one block; returns the source of its cell's most recent request afterwards. */
  const walk = (steps: readonly Step[], source: string | undefined): string | undefined => {
    let current = source;
    for (const step of steps) {
      const write = (store: string, span: Span, key?: Expr) =>
        writes.push({ store, span, key: keyShape(key, analysis.names), source: current });
      switch (step.kind) {
        case "HttpStep":
          current = requestSource(step, analysis.defaultSource);
          break;
        case "StoreStep":
          write(step.store.name, step.store.span, option(step.options, "key"));
          break;
        case "QueueStep":
          write(step.store.name, step.store.span, option(step.options, "key"));
          break;
        case "DeleteStep":
          if (!analysis.httpDeletes.has(step)) write(step.store.name, step.store.span, step.key);
          break;
        case "ClearStep":
          write(step.store.name, step.store.span);
          break;
        case "ForStep":
          walk(step.body.steps, current);
          break;
        case "MatchStep": {
          // Arms share the enclosing response cell (§5): a request in an arm changes `source`
          // after the match, so it stays known only when every way through agrees.
          const after = new Set([current, ...step.arms.map((arm) => walk(armSteps(arm.body), current))]);
          current = after.size === 1 ? current : undefined;
          break;
        }
        default:
          break;
      }
    }
    return current;
  };
  walk(action.body.steps, undefined);
  return writes;
}

function option(entries: readonly OptionEntry[], name: string): Expr | undefined {
  const value = entries.find((e) => e.name.name === name)?.value;
  if (!value || value.kind === "OptionBlock" || value.kind === "Pagination" || value.kind === "LastSync") return undefined;
  return value;
}


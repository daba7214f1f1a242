// The run pipeline (§6) and jump/run targets (§18, §23.3): known actions, no duplicates inside
// a group, no empty group, and a warning for actions that nothing ever starts.

import type { ActionDecl, Name } from "../parse/ast.ts";
import type { Declarations } from "./declarations.ts";
import type { Session } from "./session.ts";
import { forEachStep } from "./walk.ts";

export function checkPipeline(decls: Declarations, session: Session): void {
  const started = new Set<string>();
  for (const stage of decls.pipeline?.stages ?? []) {
    if (stage.parallel && stage.actions.length === 0) {
      session.report("empty-group", stage.span);
    }
    const inGroup = new Map<string, Name>();
    for (const action of stage.actions) {
      started.add(action.name);
      if (!decls.actions.has(action.name)) {
        session.report("unknown-action", action.span, { name: action.name });
      } else if (stage.parallel && inGroup.has(action.name)) {
        const first = inGroup.get(action.name)!;
        session.report("duplicate-in-group", action.span, { name: action.name }, [{ message: "listed first here", span: first.span }]);
      }
      if (!inGroup.has(action.name)) inGroup.set(action.name, action);
    }
  }
  for (const action of decls.actions.values()) {
    for (const target of jumpTargets(action)) {
      started.add(target.name);
      if (!decls.actions.has(target.name)) {
        session.report("unknown-action", target.span, { name: target.name });
      }
    }
  }
  // Without a pipeline (already an error) every action would be "never run": say nothing.
  if (!decls.pipeline) return;
  for (const action of decls.actions.values()) {
    if (!started.has(action.name.name)) {
      session.report("unused-action", action.name.span, { name: action.name.name });
    }
  }
}

/** Actions named by the `jump` and `run` steps of an action body. */
export function jumpTargets(action: ActionDecl): Name[] {
  const targets: Name[] = [];
  forEachStep(action.body.steps, ({ step }) => {
    if (step.kind === "JumpStep" || step.kind === "RunStep") targets.push(step.action);
  });
  return targets;
}

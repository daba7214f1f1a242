// Guarded requests (§24.6): an HTTP step (a request, or `delete x[k]` on a variable) whose very
// next step in the same block is a target-form match on exactly `response` (the built-in, not a
// store named so).

import type { Analysis } from "./analysis.ts";
import { forEachStep } from "./walk.ts";

export function findGuardedRequests(analysis: Analysis): void {
  for (const action of analysis.actions.values()) {
    forEachStep(action.body.steps, ({ step, siblings, index }) => {
      const next = siblings[index + 1];
      const isRequest = step.kind === "HttpStep" || (step.kind === "DeleteStep" && analysis.httpDeletes.has(step));
      if (!isRequest || next?.kind !== "MatchStep" || next.target?.kind !== "Ident") return;
      if (analysis.names.get(next.target)?.kind === "response") analysis.guarded.add(step);
    });
  }
}

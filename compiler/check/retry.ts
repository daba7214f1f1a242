// `retry` and `jump … then retry` (§23.1, §23.3): only inside an arm of a match step M, and
// M must be preceded in its block by an HTTP request H — the step the retry re-runs.

import type { DeleteStep, HttpStep, JumpStep, MatchStep, RetryStep, Step } from "../parse/ast.ts";
import type { Analysis } from "./analysis.ts";
import type { Session } from "./session.ts";
import { keywordSpan } from "./session.ts";
import { armSteps } from "./walk.ts";

interface EnclosingMatch {
  match: MatchStep;
  siblings: readonly Step[];
  index: number;
}

export function checkRetries(analysis: Analysis, session: Session): void {
  for (const action of analysis.actions.values()) walk(action.body.steps, undefined, analysis, session);
}

function walk(steps: readonly Step[], enclosing: EnclosingMatch | undefined, analysis: Analysis, session: Session): void {
  steps.forEach((step, index) => {
    switch (step.kind) {
      case "MatchStep": {
        const here = { match: step, siblings: steps, index };
        for (const arm of step.arms) walk(armSteps(arm.body), here, analysis, session);
        return;
      }
      case "ForStep":
        return walk(step.body.steps, enclosing, analysis, session);
      case "RetryStep":
        return checkRetry(step, keywordSpan(step.span, "retry"), enclosing, analysis, session);
      case "JumpStep":
        if (step.then === "retry") checkRetry(step, step.span, enclosing, analysis, session);
        return;
      default:
        return;
    }
  });
}

function checkRetry(
  step: RetryStep | JumpStep,
  span: { start: number; end: number },
  enclosing: EnclosingMatch | undefined,
  analysis: Analysis,
  session: Session,
): void {
  if (!enclosing) {
    session.report("retry-outside-match", span);
    return;
  }
  const target = precedingRequest(enclosing, analysis);
  if (target) analysis.retryTargets.set(step, target);
  else session.report("retry-without-request", span);
}

/** The nearest HTTP step before the match in its block (`call` is unsupported, so not here). */
function precedingRequest({ siblings, index }: EnclosingMatch, analysis: Analysis): HttpStep | DeleteStep | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const step = siblings[i]!;
    if (step.kind === "HttpStep") return step;
    if (step.kind === "DeleteStep" && analysis.httpDeletes.has(step)) return step;
  }
  return undefined;
}

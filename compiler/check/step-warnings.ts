// Warnings about single steps: match-without-default (§13), unreachable-step (after `abort`),
// empty-validate (§28), store-without-key (§10).

import type { MatchArm, MatchStep, StoreStep } from "../parse/ast.ts";
import type { Analysis } from "./analysis.ts";
import type { Session } from "./session.ts";
import { keywordSpan } from "./session.ts";
import { forEachStep } from "./walk.ts";

export function checkStepWarnings(analysis: Analysis, session: Session): void {
  for (const action of analysis.actions.values()) {
    forEachStep(action.body.steps, ({ step, siblings, index }) => {
      const next = siblings[index + 1];
      if (step.kind === "AbortStep" && next && !siblings.slice(0, index).some((s) => s.kind === "AbortStep")) {
        session.report("unreachable-step", next.span, {}, [{ message: "the abort", span: keywordSpan(step.span, "abort") }]);
      }
      if (step.kind === "MatchStep" && !hasDefaultArm(step, analysis)) {
        session.report("match-without-default", keywordSpan(step.span, "match"));
      }
      if (step.kind === "ValidateStep" && step.assumes.length === 0) {
        session.report("empty-validate", keywordSpan(step.span, "validate"));
      }
      if (step.kind === "StoreStep" && getsSequenceKeys(step)) {
        session.report("store-without-key", step.store.span, { store: step.store.name });
      }
    });
  }
}

/** `_`, or (target form) a bare binding pattern, without a guard. */
export function hasDefaultArm(match: MatchStep, analysis: Analysis): boolean {
  return match.arms.some((arm) => !arm.guard && alwaysMatches(arm, analysis));
}

function alwaysMatches(arm: MatchArm, analysis: Analysis): boolean {
  if (arm.test.kind === "Wildcard") return true;
  return arm.test.kind === "BindPattern" && analysis.patternBindings.has(arm.test.name);
}

/** An object literal with no `id` entry and no spread, stored without `key:`. */
function getsSequenceKeys(step: StoreStep): boolean {
  if (step.value.kind !== "ObjectLit") return false;
  if (step.options.some((o) => o.name.name === "key")) return false;
  return step.value.entries.every((entry) => entry.kind === "Property" && entry.key !== "id");
}

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
        session.warning("unreachable-step", "this step can never run (it follows an `abort` in the same block)", next.span);
      }
      if (step.kind === "MatchStep" && !hasDefaultArm(step, analysis)) {
        session.warning("match-without-default", "match has no default arm; an unmatched value is a runtime error", keywordSpan(step.span, "match"));
      }
      if (step.kind === "ValidateStep" && step.assumes.length === 0) {
        session.warning("empty-validate", "validate has no assume", keywordSpan(step.span, "validate"));
      }
      if (step.kind === "StoreStep" && getsSequenceKeys(step)) {
        session.warning("store-without-key", `records stored into '${step.store.name}' get sequence keys; add \`key:\` to make re-runs idempotent`, step.store.span);
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

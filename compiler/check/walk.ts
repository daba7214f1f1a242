// Step traversal and step facts shared by the passes and the generator: every step of an action
// with the block it sits in, option block entries, the source a request uses.

import type { HttpStep, MatchArm, OptionEntry, OptionValue, Step } from "../parse/ast.ts";

/** Where a step sits: its block's steps and its index there. */
export interface StepSite {
  step: Step;
  siblings: readonly Step[];
  index: number;
}

/** The steps of an arm body: a block's steps, or the single step written after `->`. */
export function armSteps(body: MatchArm["body"]): readonly Step[] {
  return body.kind === "Block" ? body.steps : [body];
}

/** The nested step lists directly inside a step (loop body, match arm bodies). */
export function nestedStepLists(step: Step): (readonly Step[])[] {
  switch (step.kind) {
    case "ForStep":
      return [step.body.steps];
    case "MatchStep":
      return step.arms.map((arm) => armSteps(arm.body));
    default:
      return [];
  }
}

/** Visits every step of `steps` and of the blocks nested in them, parents first. */
export function forEachStep(steps: readonly Step[], visit: (site: StepSite) => void): void {
  steps.forEach((step, index) => {
    visit({ step, siblings: steps, index });
    for (const nested of nestedStepLists(step)) forEachStep(nested, visit);
  });
}

/** Entries of an option block value; an object literal written where a block is expected counts too. */
export function blockEntries(value: OptionValue): OptionEntry[] | undefined {
  if (value.kind === "OptionBlock") return value.entries;
  if (value.kind === "ObjectLit") {
    const entries: OptionEntry[] = [];
    for (const entry of value.entries) {
      if (entry.kind !== "Property") return undefined;
      entries.push({
        kind: "OptionEntry",
        span: entry.span,
        name: { kind: "Name", name: entry.key, span: entry.keySpan },
        value: entry.value,
      });
    }
    return entries;
  }
  return undefined;
}

/** The source a request uses: `get Source "/p"`, else its `source:` option, else the default. */
export function requestSource(step: HttpStep, defaultSource: string): string {
  if (step.source !== undefined) return step.source.name;
  const named = step.options.find((o) => o.name.name === "source")?.value;
  if (named?.kind === "Ident") return named.name;
  if (named?.kind === "StringLit") return named.value;
  return defaultSource;
}

/**
 * `get … { body: { … } }` (also `delete`) without `params` (§35): the object literal is sent as
 * query parameters. The checker warns `get-body-as-params`; the generator sends it so.
 */
export function bodySentAsParams(step: HttpStep): boolean {
  if (step.method !== "GET" && step.method !== "DELETE") return false;
  const body = step.options.find((o) => o.name.name === "body");
  return body?.value.kind === "ObjectLit" && !step.options.some((o) => o.name.name === "params");
}

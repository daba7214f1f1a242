// `retry` (§23.1): the statements from the target request H through the last match M that
// retries it run inside a labelled loop over attempts; `retry` waits, then `continue`s it.
//
//   let cutoff: unknown = null;            // lets between H and M stay visible after the loop
//   retry: for (let attempt = 1; ; attempt++) {
//     …H … M…   (an arm: await cx.retry(attempt, { … }); continue retry;)
//     break retry;
//   }
//
// A `retry` inside a `for` body within the arm sits in a callback, where `continue` cannot
// reach the loop: it throws a per-loop signal object instead, which the loop catches.

import type { JumpStep, Node, OptionEntry, RetryStep, Step } from "../parse/ast.ts";
import { GeneratorError, position, ty, type GenContext, type StepCx } from "./context.ts";
import { emitRetryOptions } from "./requests.ts";
import { emitStep, emitSteps } from "./steps.ts";

/** If steps[i] is a retry target, the index of the last step of this block that retries it. */
export function retryRangeEnd(steps: Step[], i: number, gen: GenContext): number | null {
  const target = steps[i]!;
  let end: number | null = null;
  for (let j = i + 1; j < steps.length; j++) {
    if (retriesTarget(steps[j]!, target, gen)) end = j;
  }
  return end;
}

/** Does `step` hold a retry of `target` (only inside a loop body, when `inLoop` is asked)? */
function retriesTarget(step: Step, target: Node, gen: GenContext, inLoop = false, wantLoop = false): boolean {
  switch (step.kind) {
    case "RetryStep":
    case "JumpStep":
      return gen.analysis.retryTargets.get(step) === target && (inLoop || !wantLoop);
    case "MatchStep":
      return step.arms.some((arm) =>
        arm.body.kind === "Block"
          ? arm.body.steps.some((s) => retriesTarget(s, target, gen, inLoop, wantLoop))
          : retriesTarget(arm.body, target, gen, inLoop, wantLoop),
      );
    case "ForStep":
      return step.body.steps.some((s) => retriesTarget(s, target, gen, true, wantLoop));
    default:
      return false;
  }
}

export function emitRetryLoop(range: Step[], scx: StepCx): void {
  const w = scx.gen.writer;
  const request = range[0]!;
  for (const step of range.slice(1)) {
    const hoist = hoistedBinding(step, scx.gen);
    if (hoist === null) continue;
    const js = scx.fn.names.allocate(hoist.name);
    scx.gen.hoisted.set(hoist.node, js);
    w.writeLine(`let ${js}${ty(scx.gen, ": unknown")} = null;`);
  }
  const label = scx.fn.names.allocate("retry");
  const attempt = scx.fn.names.allocate("attempt");
  const fromLoop = range.some((step) => retriesTarget(step, request, scx.gen, false, true));
  const signal = fromLoop ? scx.fn.names.allocate("retrySignal") : undefined;
  if (signal !== undefined) w.writeLine(`const ${signal} = { retry: true };`);
  scx.gen.retryLoops.set(request, { label, attempt, signal });
  scx.fn.labels.add(label);
  const body = (): void => {
    emitStep(request, scx);
    emitSteps(range.slice(1), scx);
  };
  w.write(`${label}: for (let ${attempt} = 1; ; ${attempt}++) `).inlineBlock(() => {
    if (signal === undefined) body();
    else {
      w.write("try ").inlineBlock(body).write(" catch (thrown) ").inlineBlock(() => {
        w.writeLine(`if (thrown === ${signal}) continue ${label};`);
        w.writeLine("throw thrown;");
      }).newLine();
    }
    w.writeLine(`break ${label};`);
  }).newLine();
  scx.fn.labels.delete(label);
}

/** Bindings made directly in the retried range must outlive the loop: declared before it. */
function hoistedBinding(step: Step, gen: GenContext): { node: Node; name: string } | null {
  if (step.kind === "LetStep") return { node: step.name, name: step.name.name };
  if (step.kind === "MapStep" && step.bare) return /^[a-z]/.test(step.label.name) ? { node: step.label, name: step.label.name } : null;
  if (step.kind !== "MapStep" || step.value.kind !== "Ident") return null;
  const rebinds = gen.analysis.names.get(step.value)?.kind === "variable";
  return rebinds ? { node: step, name: step.value.name } : null;
}

/** `retry { … }` or `jump A then retry`: wait out the back-off, then run the request again. */
export function emitRetry(step: RetryStep | JumpStep, options: OptionEntry[] | undefined, scx: StepCx): void {
  const target = scx.gen.analysis.retryTargets.get(step);
  const loop = target && scx.gen.retryLoops.get(target);
  const direct = loop !== undefined && scx.fn.labels.has(loop.label);
  if (loop === undefined || (!direct && loop.signal === undefined)) {
    throw new GeneratorError(`'retry' at ${position(scx.gen, step.span)} has no enclosing retried request`);
  }
  const opts = options !== undefined && options.length > 0 ? `, ${emitRetryOptions(options, scx)}` : "";
  scx.gen.writer.writeLine(`await cx.retry(${loop.attempt}${opts});`);
  scx.gen.writer.writeLine(direct ? `continue ${loop.label};` : `throw ${loop.signal};`);
}


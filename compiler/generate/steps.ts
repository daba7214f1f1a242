// Steps → statements. Each step starts with `cx.step("LINE:COL"); // <its first source line>`,
// then one emitter per step kind. Blocks are JS blocks, so `let` → block-scoped `const`.

import { assertNever } from "../parse/ast.ts";
import type { ForStep, MapStep, Step } from "../parse/ast.ts";
import { GeneratorError, bindName, exprCx, firstLine, position, type StepCx } from "./context.ts";
import { emitExpr, objectEntryParts } from "./expressions.ts";
import { arrowBody, specLiteral, str } from "./js.ts";
import { writeObject } from "./layout.ts";
import { emitMatchStep } from "./match-steps.ts";
import { emitQueue, emitStore, emitValidate } from "./data-steps.ts";
import { emitHttpDelete, emitHttpRequest } from "./requests.ts";
import { emitRetry, emitRetryLoop, retryRangeEnd } from "./retry.ts";

/** The steps of one block, in order; a retried request and its match become a retry loop. */
export function emitSteps(steps: Step[], scx: StepCx): void {
  for (let i = 0; i < steps.length; i++) {
    const end = retryRangeEnd(steps, i, scx.gen);
    if (end === null) {
      emitStep(steps[i]!, scx);
      continue;
    }
    emitRetryLoop(steps.slice(i, end + 1), scx);
    i = end;
  }
}

export function emitStep(step: Step, scx: StepCx): void {
  const w = scx.gen.writer;
  w.writeLine(`cx.step(${str(position(scx.gen, step.span))}); // ${firstLine(scx.gen, step.span)}`);
  switch (step.kind) {
    case "HttpStep":
      writeObject(w, "await cx.request(", emitHttpRequest(step, scx), ");");
      return;
    case "StoreStep":
      writeObject(w, "await cx.store(", emitStore(step, scx), ");");
      return;
    case "ForStep":
      emitFor(step, scx);
      return;
    case "MapStep":
      emitMap(step, scx);
      return;
    case "MatchStep":
      emitMatchStep(step, scx);
      return;
    case "LetStep": {
      const value = emitExpr(step.value, exprCx(scx));
      const hoisted = scx.gen.hoisted.has(step.name);
      const js = bindName(scx, step.name, step.name.name);
      w.writeLine(hoisted ? `${js} = ${value};` : `const ${js} = ${value};`);
      return;
    }
    case "ValidateStep":
      emitValidate(step, scx);
      return;
    case "DeleteStep":
      if (scx.gen.analysis.httpDeletes.has(step)) writeObject(w, "await cx.request(", emitHttpDelete(step, scx), ");");
      else w.writeLine(`await cx.deleteKey(${str(step.store.name)}, ${emitExpr(step.key, exprCx(scx))});`);
      return;
    case "ClearStep":
      w.writeLine(`await cx.clear(${str(step.store.name)});`);
      return;
    case "RunStep":
      w.writeLine(`await cx.jump(${str(step.action.name)});`);
      return;
    case "JumpStep":
      w.writeLine(`await cx.jump(${str(step.action.name)});`);
      if (step.then === "retry") emitRetry(step, undefined, scx);
      return;
    case "AbortStep":
      w.writeLine(step.message ? `throw cx.abort(${emitExpr(step.message, exprCx(scx))});` : "throw cx.abort();");
      return;
    case "ContinueStep":
      return; // `continue` does nothing (§14); the step marker above is its only trace
    case "SkipStep":
      w.writeLine("return;");
      return;
    case "RetryStep":
      emitRetry(step, step.options, scx);
      return;
    case "QueueStep":
      writeObject(w, "await cx.queue(", emitQueue(step, scx), ");");
      w.writeLine("return;");
      return;
    case "CallStep":
    case "WaitStep":
      throw new GeneratorError(`${step.kind} is not supported yet`);
    default:
      assertNever(step);
  }
}

function emitFor(step: ForStep, scx: StepCx): void {
  const collection = emitExpr(step.collection, exprCx(scx));
  const scope = scx.scope.child();
  const inner: StepCx = { gen: scx.gen, fn: { names: scx.fn.names, labels: new Set() }, scope, matchTarget: null };
  const variable = bindName(inner, step.variable, step.variable.name);
  const spec = specLiteral([
    ["parallel", step.parallel ? "true" : undefined],
    ["where", step.where && `(${variable}) => ${arrowBody(emitExpr(step.where, exprCx(inner, variable)))}`],
  ]);
  scx.gen.writer
    .write(`await cx.forEach(${collection}, ${spec}, async (cx, ${variable}) => `)
    .inlineBlock(() => emitSteps(step.body.steps, inner))
    .write(");")
    .newLine();
}

/** `map X -> L { … }`: entries read X as the subject; `response` (and a variable X) get the result. */
/** `map EXPR -> name` without a block (§35): response is EXPR; a lower-case name is bound to it. */
function emitBareMap(step: MapStep, scx: StepCx): void {
  const w = scx.gen.writer;
  w.writeLine(`cx.response = ${emitExpr(step.value, exprCx(scx))};`);
  if (!/^[a-z]/.test(step.label.name)) return;
  const hoisted = scx.gen.hoisted.has(step.label);
  const js = bindName(scx, step.label, step.label.name);
  w.writeLine(hoisted ? `${js} = cx.response;` : `const ${js} = cx.response;`);
}

function emitMap(step: MapStep, scx: StepCx): void {
  const w = scx.gen.writer;
  if (step.bare) return emitBareMap(step, scx);
  const resolution = step.value.kind === "Ident" ? scx.gen.analysis.names.get(step.value) : undefined;
  let subject: string;
  if (resolution?.kind === "variable" || resolution?.kind === "response") {
    subject = emitExpr(step.value, exprCx(scx));
  } else {
    subject = scx.fn.names.allocate("mapped");
    w.writeLine(`const ${subject} = ${emitExpr(step.value, exprCx(scx))};`);
  }
  const record = objectEntryParts(step.entries, exprCx(scx, subject));
  if (resolution?.kind !== "variable") {
    writeObject(w, "cx.response = ", record, ";");
    return;
  }
  // §12 rule 4: the variable is rebound to the mapped record for the rest of this block.
  const hoisted = scx.gen.hoisted.has(step);
  const js = bindName(scx, step, (step.value as { name: string }).name);
  writeObject(w, hoisted ? `${js} = ` : `const ${js} = `, record, ";");
  w.writeLine(`cx.response = ${js};`);
}


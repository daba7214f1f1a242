// Steps that write or check records: `store` (§10), `queue` (§23.2) and `validate` (§28).

import { QUEUE_OPTIONS, STORE_STEP_OPTIONS } from "../check/option-tables.ts";
import type { OptionEntry, QueueStep, StoreStep, ValidateStep } from "../parse/ast.ts";
import { GeneratorError, exprCx, type StepCx } from "./context.ts";
import { emitExpr } from "./expressions.ts";
import { arrowBody, specParts, str } from "./js.ts";
import { emitOptionValue } from "./requests.ts";

export function emitStore(step: StoreStep, scx: StepCx): string[] {
  const options = new Map(step.options.map((o) => [o.name.name, o.value]));
  for (const name of options.keys()) {
    if (!STORE_STEP_OPTIONS.has(name)) throw new GeneratorError(`unknown store option ${str(name)}`);
  }
  const merge = ["upsert", "partial"].some((name) => {
    const v = options.get(name);
    return v?.kind === "BoolLit" && v.value;
  });
  return specParts([
    ["store", str(step.store.name)],
    ["value", emitExpr(step.value, exprCx(scx))],
    ["key", keyFunction(step.options, scx)],
    ["mode", merge ? str("merge") : undefined],
  ]);
}

/** `key: K` → `(r) => K` with the record as the subject (store and queue). */
function keyFunction(options: OptionEntry[], scx: StepCx): string | undefined {
  const key = options.find((o) => o.name.name === "key");
  if (key === undefined) return undefined;
  const value = key.value;
  if (value.kind === "OptionBlock" || value.kind === "Pagination" || value.kind === "LastSync") {
    throw new GeneratorError("'key' must be an expression");
  }
  const r = scx.fn.names.allocate("r");
  return `(${r}) => ${arrowBody(emitExpr(value, exprCx(scx, r)))}`;
}

export function emitValidate(step: ValidateStep, scx: StepCx): void {
  const w = scx.gen.writer;
  const target = step.target ? emitExpr(step.target, exprCx(scx)) : "cx.response";
  if (step.assumes.length === 0) {
    w.writeLine(`cx.validate(${target}, []);`);
    return;
  }
  const s = scx.fn.names.allocate("s");
  w.writeLine(`cx.validate(${target}, [`);
  w.indent(() => {
    for (const assume of step.assumes) {
      const test = emitExpr(assume.test, exprCx(scx, s));
      const { line, file } = scx.gen.sources.locate(assume.span.start);
      const inFile = file.label === undefined ? "" : ` file: ${str(file.label)},`;
      w.writeLine(`{ constraint: ${str(assume.text)}, line: ${line},${inFile} test: (${s}) => ${arrowBody(test)} },`);
    }
  });
  w.writeLine("]);");
}

/** `queue S { item, key }`: item defaults to the match target, else `response` (§23.2). */
export function emitQueue(step: QueueStep, scx: StepCx): string[] {
  for (const o of step.options) {
    if (!QUEUE_OPTIONS.has(o.name.name)) throw new GeneratorError(`unknown queue option ${str(o.name.name)}`);
  }
  const item = step.options.find((o) => o.name.name === "item");
  return specParts([
    ["store", str(step.store.name)],
    ["item", item ? emitOptionValue("item", item.value, scx) : (scx.matchTarget ?? "cx.response")],
    ["key", keyFunction(step.options, scx)],
  ]);
}

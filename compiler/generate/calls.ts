// Built-in function calls: `f(a, b)` → `rt.fn.f(a, b)`, with element-expression parameters
// (§19.4) lowered to JS functions and the store/env forms routed through the context.

import { builtin, elementArguments } from "../builtins.ts";
import type { Expr, Lambda } from "../parse/ast.ts";
import { GeneratorError, bindName, ty, type ExprCx } from "./context.ts";
import { emitExpr, storeNameOf } from "./expressions.ts";
import { arrowBody, str } from "./js.ts";

export function emitCall(name: string, args: Expr[], cx: ExprCx): string {
  if (name === "length" && args.length === 1) {
    const store = storeNameOf(args[0]!, cx);
    if (store !== null) return `cx.count(${str(store)})`;
  }
  if (name === "env") return `cx.env(${args.map((a) => emitExpr(a, cx)).join(", ")})`;
  const signature = builtin(name);
  if (signature === undefined) throw new GeneratorError(`unknown function ${str(name)}`);
  const elements = elementArguments(signature, args);
  const lowered = args.map((arg, i) => (elements[i] ? emitElementFunction(arg, cx) : emitExpr(arg, cx)));
  return `rt.fn.${name}(${lowered.join(", ")})`;
}

/** `x => body` keeps its parameters; any other expression becomes `(el) => …` over the element. */
function emitElementFunction(arg: Expr, cx: ExprCx): string {
  if (arg.kind === "Lambda") return emitLambda(arg, cx);
  const el = cx.fn.names.allocate("el");
  return `(${el}${ty(cx.gen, ": unknown")}) => ${arrowBody(emitExpr(arg, { ...cx, subject: el }))}`;
}

function emitLambda(lambda: Lambda, cx: ExprCx): string {
  const scope = cx.scope.child();
  const params = lambda.params.map((p) => bindName({ ...cx, scope }, p, p.name));
  const subject = params[0] ?? cx.subject;
  const body = emitExpr(lambda.body, { ...cx, scope, subject });
  return `(${params.map((p) => `${p}${ty(cx.gen, ": unknown")}`).join(", ")}) => ${arrowBody(body)}`;
}

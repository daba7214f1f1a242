// Expression lowering (docs/DESIGN.md "Expression lowering"): every Reqon expression becomes a
// single JS expression over the `rt` helpers. Strings from the mission go through `str`.

import { assertNever } from "../parse/ast.ts";
import type { ArrayLit, Binary, Expr, Ident, ObjectEntry } from "../parse/ast.ts";
import { emitCall } from "./calls.ts";
import { GeneratorError, ty, type ExprCx } from "./context.ts";
import { arrowBody, num, propKey, str } from "./js.ts";
import { emitMatchExpr } from "./patterns.ts";

const BINARY_HELPERS: Record<Binary["op"], string> = {
  "+": "rt.add", "-": "rt.sub", "*": "rt.mul", "/": "rt.div", "%": "rt.mod",
  "==": "rt.eq", "!=": "rt.ne", "<": "rt.lt", "<=": "rt.le", ">": "rt.gt", ">=": "rt.ge",
  contains: "rt.contains", startsWith: "rt.startsWith", endsWith: "rt.endsWith", in: "rt.isIn",
};

const UNARY_HELPERS = { "-": "rt.neg", "+": "rt.pos", not: "rt.not" } as const;

export function emitExpr(e: Expr, cx: ExprCx): string {
  switch (e.kind) {
    case "NullLit":
      return "null";
    case "BoolLit":
      return e.value ? "true" : "false";
    case "NumberLit":
      return num(e.value);
    case "StringLit":
      return str(e.value);
    case "ArrayLit":
      return emitArray(e, cx);
    case "ObjectLit":
      return emitObjectEntries(e.entries, cx);
    case "Ident":
      return emitIdent(e, cx);
    case "SubjectPath":
      return `rt.get(${cx.subject}, ${str(e.field)})`;
    case "Member":
      return `rt.get(${emitExpr(e.object, cx)}, ${str(e.field)})`;
    case "Index": {
      const store = storeNameOf(e.object, cx);
      if (store !== null) return `cx.lookup(${str(store)}, ${emitExpr(e.index, cx)})`;
      return `rt.index(${emitExpr(e.object, cx)}, ${emitExpr(e.index, cx)})`;
    }
    case "Call":
      return emitCall(e.callee.name, e.args, cx);
    case "MethodCall":
      return emitCall(e.callee.name, [e.receiver, ...e.args], cx);
    case "Pipe":
      return emitCall(e.callee.name, [e.value, ...e.args], cx);
    case "Unary":
      if (e.op === "-" && e.operand.kind === "NumberLit") return num(-e.operand.value);
      return `${UNARY_HELPERS[e.op]}(${emitExpr(e.operand, cx)})`;
    case "Binary":
      return `${BINARY_HELPERS[e.op]}(${emitExpr(e.left, cx)}, ${emitExpr(e.right, cx)})`;
    case "Logical":
      return `rt.${e.op === "??" ? "coalesce" : e.op}(${emitExpr(e.left, cx)}, () => ${arrowBody(emitExpr(e.right, cx))})`;
    case "Conditional":
    case "IfExpr":
      return `(${emitTest(e.test, cx)} ? ${emitExpr(e.then, cx)} : ${emitExpr(e.else, cx)})`;
    case "MatchExpr":
      return emitMatchExpr(e, cx);
    case "Filter":
      return emitCall("filter", [e.value, e.test], cx);
    case "IsType":
      return `rt.isType(${emitExpr(e.value, cx)}, ${str(e.type.name)})`;
    case "Holds":
      return `rt.holds(() => ${arrowBody(emitExpr(e.test, cx))})`;
    case "Lambda":
      throw new GeneratorError("a lambda outside a function argument");
    default:
      return assertNever(e);
  }
}

function emitIdent(e: Ident, cx: ExprCx): string {
  const resolution = cx.gen.analysis.names.get(e);
  if (resolution === undefined) throw new GeneratorError(`name ${str(e.name)} was not resolved`);
  switch (resolution.kind) {
    case "variable": {
      const js = cx.gen.bindings.get(resolution.binding);
      if (js === undefined) throw new GeneratorError(`variable ${str(e.name)} used before its binding`);
      return js;
    }
    case "response":
      return "cx.response";
    case "errors":
      return "cx.errors()";
    case "source":
      return "cx.source";
    case "store":
      return `cx.read(${str(resolution.store)})`;
    default:
      return assertNever(resolution);
  }
}

/** The store a bare identifier names, or null (for `S[k]` and `length(S)`). */
export function storeNameOf(e: Expr, cx: ExprCx): string | null {
  if (e.kind !== "Ident") return null;
  const resolution = cx.gen.analysis.names.get(e);
  return resolution?.kind === "store" ? resolution.store : null;
}

function emitArray(e: ArrayLit, cx: ExprCx): string {
  const items = e.items.map((item) =>
    item.kind === "Spread" ? `...rt.elements(${emitExpr(item.value, cx)})` : emitExpr(item, cx),
  );
  return `[${items.join(", ")}]`;
}

/** Object literal and map entries, in order (later entries override earlier ones, as in JS). */
export function emitObjectEntries(entries: ObjectEntry[], cx: ExprCx): string {
  const parts = objectEntryParts(entries, cx);
  return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
}

export function objectEntryParts(entries: ObjectEntry[], cx: ExprCx): string[] {
  const seen = new Set<string>();
  return entries.map((entry) => {
    if (entry.kind === "Spread") return `...rt.fields(${emitExpr(entry.value, cx)})`;
    // A repeated key is legal in Reqon (later wins, as in JS) but a TypeScript error in a
    // literal; a computed key of type string keeps the JS meaning and passes the compiler.
    const key = seen.has(entry.key) ? `[${str(entry.key)}${ty(cx.gen, " as string")}]` : propKey(entry.key);
    seen.add(entry.key);
    return `${key}: ${emitExpr(entry.value, cx)}`;
  });
}

/** Operators that already yield a boolean need no `rt.truthy` around them in a condition. */
const BOOLEAN_BINARY = new Set<Binary["op"]>([
  "==", "!=", "<", "<=", ">", ">=", "contains", "startsWith", "endsWith", "in",
]);

/** An expression used as a JS condition (Reqon truthiness, §15.6). */
export function emitTest(e: Expr, cx: ExprCx): string {
  const value = emitExpr(e, cx);
  const isBoolean =
    (e.kind === "Binary" && BOOLEAN_BINARY.has(e.op)) ||
    (e.kind === "Unary" && e.op === "not") ||
    e.kind === "IsType" ||
    e.kind === "BoolLit";
  return isBoolean ? value : `rt.truthy(${value})`;
}

// Static shape of store keys, for `parallel-key-collision` (§6): literal keys, literal
// prefixes of concat(...)/`+` keys, and keys that start with the built-in `source`.

import type { Expr } from "../parse/ast.ts";
import type { Analysis } from "./analysis.ts";

export type KeyShape =
  | { kind: "text"; text: string; exact: boolean }
  | { kind: "source" }
  | { kind: "unknown" };

const UNKNOWN: KeyShape = { kind: "unknown" };

export function keyShape(expr: Expr | undefined, names: Analysis["names"]): KeyShape {
  if (!expr) return UNKNOWN;
  switch (expr.kind) {
    case "StringLit":
      return { kind: "text", text: expr.value, exact: true };
    case "NumberLit":
      return { kind: "text", text: String(expr.value), exact: true };
    case "BoolLit":
      return { kind: "text", text: String(expr.value), exact: true };
    case "Ident":
      return names.get(expr)?.kind === "source" ? { kind: "source" } : UNKNOWN;
    case "Call":
      return expr.callee.name === "concat" ? joinShapes(expr.args, names) : UNKNOWN;
    case "Binary":
      // `+` concatenates only when a string is involved: require a string on the left.
      if (expr.op !== "+" || !isStringy(expr.left)) return UNKNOWN;
      return joinShapes([expr.left, expr.right], names);
    default:
      return UNKNOWN;
  }
}

function isStringy(expr: Expr): boolean {
  if (expr.kind === "StringLit") return true;
  if (expr.kind === "Call") return expr.callee.name === "concat" && expr.args[0] !== undefined && isStringy(expr.args[0]);
  if (expr.kind === "Binary") return expr.op === "+" && isStringy(expr.left);
  return expr.kind === "Ident"; // `source + "-"`: `source` is a string
}

/** The shape of the concatenation of `parts`: exact while all parts are literal. */
function joinShapes(parts: readonly Expr[], names: Analysis["names"]): KeyShape {
  const [first, ...rest] = parts;
  const head = keyShape(first, names);
  if (head.kind !== "text" || !head.exact) return head.kind === "text" ? { ...head, exact: false } : head;
  let text = head.text;
  for (const part of rest) {
    const shape = keyShape(part, names);
    if (shape.kind !== "text") return { kind: "text", text, exact: false };
    text += shape.text;
    if (!shape.exact) return { kind: "text", text, exact: false };
  }
  return { kind: "text", text, exact: true };
}

/** Keys that can never be equal (§6 "provably distinct"). */
export function provablyDistinct(a: KeyShape, b: KeyShape, sourceA?: string, sourceB?: string): boolean {
  if (a.kind === "source" && b.kind === "source") {
    return sourceA !== undefined && sourceB !== undefined && sourceA !== sourceB;
  }
  if (a.kind !== "text" || b.kind !== "text") return false;
  if (a.exact && b.exact) return a.text !== b.text;
  if (a.exact) return !a.text.startsWith(b.text);
  if (b.exact) return !b.text.startsWith(a.text);
  return !a.text.startsWith(b.text) && !b.text.startsWith(a.text);
}

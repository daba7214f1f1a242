// Constant expressions (§4): literals, operators, if/match and env() — what source options may use.

import type { Expr, MatchExprArm, OptionValue, Pattern } from "../parse/ast.ts";
import { assertNever } from "../parse/ast.ts";

/** The first node that makes `value` non-constant, or undefined when it is constant. */
export function firstNonConstant(value: OptionValue | Pattern): { span: { start: number; end: number } } | undefined {
  switch (value.kind) {
    case "NullLit":
    case "BoolLit":
    case "NumberLit":
    case "StringLit":
    case "Wildcard":
    case "LiteralPattern":
    case "BindPattern":
    case "ArrayPattern":
    case "ObjectPattern":
      return undefined;
    case "ArrayLit":
      return firstOf(value.items.map((item) => (item.kind === "Spread" ? item.value : item)));
    case "ObjectLit":
      return firstOf(value.entries.map((entry) => entry.value));
    case "OptionBlock":
      return firstOf(value.entries.map((entry) => entry.value));
    case "Unary":
      return firstNonConstant(value.operand);
    case "Binary":
    case "Logical":
      return firstOf([value.left, value.right]);
    case "Conditional":
    case "IfExpr":
      return firstOf([value.test, value.then, value.else]);
    case "MatchExpr":
      return firstOf([...(value.target ? [value.target] : []), ...value.arms.flatMap(armParts)]);
    case "Member":
      return firstNonConstant(value.object);
    case "Index":
      return firstOf([value.object, value.index]);
    case "IsType":
      return firstNonConstant(value.value);
    case "Holds":
      return firstNonConstant(value.test);
    case "Call":
      return value.callee.name === "env" ? firstOf(value.args) : value;
    case "Ident":
    case "SubjectPath":
    case "MethodCall":
    case "Pipe":
    case "Filter":
    case "Lambda":
    case "Pagination":
    case "LastSync":
      return value;
    default:
      return assertNever(value);
  }
}

function armParts(arm: MatchExprArm): (Expr | Pattern)[] {
  return [arm.test, ...(arm.guard ? [arm.guard] : []), arm.value];
}

function firstOf(values: readonly (OptionValue | Pattern)[]) {
  for (const value of values) {
    const found = firstNonConstant(value);
    if (found) return found;
  }
  return undefined;
}

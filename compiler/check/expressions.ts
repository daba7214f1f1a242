// Resolves the names inside expressions (§16, §19): variables now, other bare names later
// (see globals.ts); checks calls against the built-in table and `is` types.

import type { BuiltinSignature } from "../builtins.ts";
import { arityText, builtin, elementArguments } from "../builtins.ts";
import type { Expr, Ident, MatchExprArm, Name, Pattern } from "../parse/ast.ts";
import { assertNever } from "../parse/ast.ts";
import { bindPattern, bindVariable, isPattern } from "./bindings.ts";
import type { ResolveContext } from "./resolve-context.ts";
import { Scope } from "./scope.ts";

/** Types accepted by `e is TYPE` (§19.2). */
export const IS_TYPES = new Set([
  "string", "number", "int", "integer", "decimal", "boolean", "array", "object", "null", "date", "any",
]);

export function resolveExpr(expr: Expr, scope: Scope, cx: ResolveContext): void {
  const visit = (e: Expr) => resolveExpr(e, scope, cx);
  switch (expr.kind) {
    case "NullLit":
    case "BoolLit":
    case "NumberLit":
    case "StringLit":
    case "SubjectPath":
      return;
    case "ArrayLit":
      for (const item of expr.items) visit(item.kind === "Spread" ? item.value : item);
      return;
    case "ObjectLit":
      for (const entry of expr.entries) visit(entry.value);
      return;
    case "Ident":
      return resolveIdent(expr, scope, cx);
    case "Member":
      return visit(expr.object);
    case "Index":
      visit(expr.object);
      return visit(expr.index);
    case "Call":
      return resolveCall(expr.callee, expr.args, scope, cx);
    case "MethodCall":
      return resolveCall(expr.callee, [expr.receiver, ...expr.args], scope, cx);
    case "Pipe":
      return resolveCall(expr.callee, [expr.value, ...expr.args], scope, cx);
    case "Unary":
      return visit(expr.operand);
    case "Binary":
    case "Logical":
      visit(expr.left);
      return visit(expr.right);
    case "Conditional":
    case "IfExpr":
      visit(expr.test);
      visit(expr.then);
      return visit(expr.else);
    case "MatchExpr":
      if (expr.target) visit(expr.target);
      for (const arm of expr.arms) resolveMatchExprArm(arm, scope, cx);
      return;
    case "Filter":
      visit(expr.value);
      return visit(expr.test);
    case "IsType":
      visit(expr.value);
      if (!IS_TYPES.has(expr.type.name)) {
        cx.session.report("unknown-type", expr.type.span, { name: expr.type.name });
      }
      return;
    case "Holds":
      return visit(expr.test);
    case "Lambda": {
      const lambdaScope = new Scope(scope);
      for (const param of expr.params) bindVariable(param, lambdaScope, cx);
      return resolveExpr(expr.body, lambdaScope, cx);
    }
    default:
      return assertNever(expr);
  }
}

function resolveIdent(ident: Ident, scope: Scope, cx: ResolveContext): void {
  const binding = scope.lookup(ident.name);
  if (binding) {
    cx.facts.names.set(ident, { kind: "variable", binding });
  } else {
    cx.globals.push({ ident, action: cx.action, visible: scope.visibleNames() });
  }
}

/** A built-in call; `args` are the effective arguments (piped value / receiver first). */
function resolveCall(callee: Name, args: readonly Expr[], scope: Scope, cx: ResolveContext): void {
  const signature = builtin(callee.name);
  if (!signature) {
    cx.session.report("unknown-function", callee.span, { name: callee.name });
  } else if (args.length < signature.minArgs || args.length > signature.maxArgs) {
    cx.session.report("wrong-arity", callee.span, { name: callee.name, expected: arityText(signature), got: args.length });
  } else {
    checkLambdaParams(callee, signature, args, cx);
  }
  for (const arg of args) resolveExpr(arg, scope, cx);
}

/** A lambda given for an element parameter takes one parameter (`reduce`: two, §20.2). */
function checkLambdaParams(callee: Name, signature: BuiltinSignature, args: readonly Expr[], cx: ResolveContext): void {
  const expected = signature.lambdaParams ?? 1;
  elementArguments(signature, args).forEach((isElement, index) => {
    const arg = args[index]!;
    if (!isElement || arg.kind !== "Lambda" || arg.params.length === expected) return;
    cx.session.report("wrong-arity", arg.span, { name: callee.name, expected: `a lambda with ${expected} parameter(s)`, got: arg.params.length });
  });
}

function resolveMatchExprArm(arm: MatchExprArm, scope: Scope, cx: ResolveContext): void {
  const armScope = new Scope(scope);
  resolveArmTest(arm.test, armScope, cx);
  if (arm.guard) resolveExpr(arm.guard, armScope, cx);
  resolveExpr(arm.value, armScope, cx);
}

/** A match arm's test: a pattern (target form) binds; an expression (condition form) is resolved. */
export function resolveArmTest(test: Expr | Pattern, armScope: Scope, cx: ResolveContext): void {
  if (isPattern(test)) bindPattern(test, armScope, cx);
  else resolveExpr(test, armScope, cx);
}

// toAst actions for expressions (§15, §19) and patterns (§22.3). Left-associative levels are
// written as iterations in the grammar and folded left here, so spans run from the leftmost
// operand to the end of the last one.
import type * as ohm from "ohm-js";
import type {
  ArrayPattern, BinaryOp, Expr, LiteralPattern, MatchExprArm, Name, ObjectEntry, ObjectPattern,
  Pattern, Span,
} from "./ast.ts";
import { decodeString, each, listItems, nameOf, numberValue, optional, spanFromTo, spanOf, stringLit } from "./to-ast-util.ts";

type N = ohm.Node;
const ast = (n: N) => n.toAst() as Expr;

/** Folds `first (op next)*` into left-nested nodes built by `make`. */
function foldLeft(first: N, ops: N, rests: N, make: (left: Expr, op: string, right: Expr, span: Span) => Expr): Expr {
  let left = ast(first);
  ops.children.forEach((op: N, i: number) => {
    const right = ast(rests.children[i]);
    left = make(left, op.sourceString, right, spanFromTo(left.span, right.span));
  });
  return left;
}

/** A postfix / pipe / comparison tail: applied to the expression built so far. */
type Tail = (left: Expr) => Expr;
function applyTails(first: N, tails: N): Expr {
  let expr = ast(first);
  for (const tail of each<Tail>(tails)) expr = tail(expr);
  return expr;
}

const tailSpan = (left: Expr, tail: N): Span => ({ start: left.span.start, end: tail.source.endIdx });

/** Wraps `operand` in the prefix operators of `ops` (`not not x`, `- -x`); each spans to the end of `node`. */
function prefixed(node: N, ops: N, operand: Expr, opOf: (op: N) => "not" | "-" | "+"): Expr {
  let expr = operand;
  for (let i = ops.children.length - 1; i >= 0; i--) {
    const op = ops.children[i];
    expr = { kind: "Unary", op: opOf(op), operand: expr, span: { start: op.source.startIdx, end: node.source.endIdx } };
  }
  return expr;
}
const argsOf = (optArgs: N): Expr[] => optional<Expr[]>(optArgs) ?? [];

export const expressionActions: ohm.ActionDict<unknown> = {
  Expr(first, _where, rests) {
    return foldLeft(first, _where, rests, (value, _op, test, span) => ({ kind: "Filter", value, test, span }));
  },
  Pipe: applyTails,
  PipeCall(_bar, callee, args): Tail {
    return (value) => ({ kind: "Pipe", value, callee: nameOf(callee), args: argsOf(args), span: tailSpan(value, this) });
  },
  Ternary(test, _q, thenIter, _colon, elseIter) {
    if (thenIter.children.length === 0) return ast(test);
    return { kind: "Conditional", test: ast(test), then: ast(thenIter.children[0]), else: ast(elseIter.children[0]), span: spanOf(this) };
  },
  Or(first, ops, rests) {
    return foldLeft(first, ops, rests, (left, _op, right, span) => ({ kind: "Logical", op: "or", left, right, span }));
  },
  And(first, ops, rests) {
    return foldLeft(first, ops, rests, (left, _op, right, span) => ({ kind: "Logical", op: "and", left, right, span }));
  },
  Not(nots, operand) {
    return prefixed(this, nots, ast(operand), () => "not");
  },
  Cmp: applyTails,
  CmpTail(op, right): Tail {
    if (op.ctorName === "kwIs") {
      return (value) => ({ kind: "IsType", value, type: right.toAst() as Name, span: tailSpan(value, this) });
    }
    return (left) => ({ kind: "Binary", op: op.sourceString as BinaryOp, left, right: ast(right), span: tailSpan(left, this) });
  },
  Coalesce(left, _op, rightIter) {
    if (rightIter.children.length === 0) return ast(left);
    return { kind: "Logical", op: "??", left: ast(left), right: ast(rightIter.children[0]), span: spanOf(this) };
  },
  Add(first, ops, rests) {
    return foldLeft(first, ops, rests, (left, op, right, span) => ({ kind: "Binary", op: op as BinaryOp, left, right, span }));
  },
  Mul(first, ops, rests) {
    return foldLeft(first, ops, rests, (left, op, right, span) => ({ kind: "Binary", op: op as BinaryOp, left, right, span }));
  },
  Unary(signs, operand) {
    return prefixed(this, signs, ast(operand), (sign) => sign.sourceString as "-" | "+");
  },
  Postfix: applyTails,
  PostfixOp(open, inner, args): Tail {
    if (open.sourceString === "[") {
      return (object) => ({ kind: "Index", object, index: ast(inner), span: tailSpan(object, this) });
    }
    if (args.children.length > 0) {
      const callArgs = args.children[0].toAst() as Expr[];
      // `S.get(k)` on a store (§35) is `S[k]`: a bare name's `.get` with one argument is an index.
      if (inner.sourceString === "get" && callArgs.length === 1 && callArgs[0]!.kind !== "Lambda") {
        return (receiver) => receiver.kind === "Ident"
          ? { kind: "Index", object: receiver, index: callArgs[0]!, span: tailSpan(receiver, this) }
          : { kind: "MethodCall", receiver, callee: nameOf(inner), args: callArgs, span: tailSpan(receiver, this) };
      }
      return (receiver) => ({ kind: "MethodCall", receiver, callee: nameOf(inner), args: args.children[0].toAst() as Expr[], span: tailSpan(receiver, this) });
    }
    return (object) => ({ kind: "Member", object, field: inner.sourceString, fieldSpan: spanOf(inner), span: tailSpan(object, this) });
  },
  Reference(name, args) {
    if (args.children.length > 0) return { kind: "Call", callee: nameOf(name), args: args.children[0].toAst() as Expr[], span: spanOf(this) };
    return { kind: "Ident", name: name.sourceString, span: spanOf(this) };
  },
  Paren(_lp, expr, _rp) {
    return ast(expr);
  },
  subjectPath(_dot, field) {
    return { kind: "SubjectPath", field: field.sourceString, span: spanOf(this) };
  },
  IfExpr(_if, test, _then, then, _else, otherwise) {
    return { kind: "IfExpr", test: ast(test), then: ast(then), else: ast(otherwise), span: spanOf(this) };
  },
  MatchExpr_cond(_match, _lb, arms, _commas, _rb) {
    return { kind: "MatchExpr", arms: each<MatchExprArm>(arms), span: spanOf(this) };
  },
  MatchExpr_target(_match, target, _lb, arms, _commas, _rb) {
    return { kind: "MatchExpr", target: ast(target), arms: each<MatchExprArm>(arms), span: spanOf(this) };
  },
  CondExprArm(test, _arrow, value): MatchExprArm {
    return { kind: "MatchExprArm", test: test.toAst() as Expr, value: ast(value), span: spanOf(this) };
  },
  PatternExprArm(pattern, guard, _arrow, value): MatchExprArm {
    return { kind: "MatchExprArm", test: pattern.toAst() as Pattern, guard: optional<Expr>(guard), value: ast(value), span: spanOf(this) };
  },
  ArrayLit(_lb, items, _comma, _rb) {
    return { kind: "ArrayLit", items: listItems(items), span: spanOf(this) };
  },
  ObjectLit(_lb, entries, _comma, _rb) {
    return { kind: "ObjectLit", entries: listItems<ObjectEntry>(entries), span: spanOf(this) };
  },
  Entry_property(key, _colon, value) {
    const { key: name, keySpan } = key.toAst() as { key: string; keySpan: Span };
    return { kind: "Property", key: name, keySpan, value: ast(value), span: spanOf(this) };
  },
  Spread(_dots, value) {
    return { kind: "Spread", value: ast(value), span: spanOf(this) };
  },
  CallArgs(_lp, args, _comma, _rp) {
    return listItems<Expr>(args);
  },
  Lambda_single(param, _arrow, body) {
    return { kind: "Lambda", params: [nameOf(param)], body: ast(body), span: spanOf(this) };
  },
  Lambda_params(_lp, params, _rp, _arrow, body) {
    return { kind: "Lambda", params: params.asIteration().children.map(nameOf), body: ast(body), span: spanOf(this) };
  },
  Literal(token) {
    const span = spanOf(this);
    switch (token.ctorName) {
      case "number": return token.toAst();
      case "string": return stringLit(token);
      case "kwTrue": return { kind: "BoolLit", value: true, span };
      case "kwFalse": return { kind: "BoolLit", value: false, span };
      default: return { kind: "NullLit", span };
    }
  },
  number(_int, _intRest, _dot, _frac, _fracRest) {
    return { kind: "NumberLit", value: numberValue(this.sourceString), integer: !this.sourceString.includes("."), span: spanOf(this) };
  },
  string(_open, _escapes, _chars, _close) {
    return stringLit(this);
  },
  typeWord(_word) {
    return nameOf(this);
  },
  propertyKey(key) {
    const value = key.ctorName === "string" ? decodeString(key.sourceString) : key.sourceString;
    return { key: value, keySpan: spanOf(key) };
  },

  // ---------------------------------------------------------------- patterns
  wildcard(_underscore) {
    return { kind: "Wildcard", span: spanOf(this) };
  },
  Pattern_negative(_minus, num): LiteralPattern {
    return { kind: "LiteralPattern", value: -numberValue(num.sourceString), span: spanOf(this) };
  },
  Pattern_literal(literal): LiteralPattern {
    const lit = literal.toAst() as Expr;
    const value = lit.kind === "NullLit" ? null : (lit as { value: string | number | boolean }).value;
    return { kind: "LiteralPattern", value, span: spanOf(this) };
  },
  Pattern_bind(name) {
    return { kind: "BindPattern", name: nameOf(name), span: spanOf(this) };
  },
  Pattern_array(_lb, elements, _comma, _rb): ArrayPattern {
    return { kind: "ArrayPattern", elements: listItems<Pattern>(elements), span: spanOf(this) };
  },
  Pattern_object(_lb, fields, _comma, _rb): ObjectPattern {
    return { kind: "ObjectPattern", fields: listItems(fields), span: spanOf(this) };
  },
  PatternField(key, _colon, pattern) {
    const { key: name, keySpan } = key.toAst() as { key: string; keySpan: Span };
    return { key: name, keySpan, pattern: pattern.toAst() as Pattern };
  },
};

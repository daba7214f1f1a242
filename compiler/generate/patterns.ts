// Patterns of the target form of `match` (§22.3) as plain JS tests over the target, and match
// expressions (§19.5) as ternary chains. A pattern binding is a pure path from the target
// (`rt.get(t, "error")`), so guards and arm values can use that path directly.

import { assertNever } from "../parse/ast.ts";
import type { Expr, MatchExpr, Name, Pattern } from "../parse/ast.ts";
import { GeneratorError, ty, type ExprCx, type GenContext } from "./context.ts";
import { emitExpr, emitTest } from "./expressions.ts";
import { arrowBody, num, str } from "./js.ts";

export interface PatternPlan {
  /** Conditions that all hold when the pattern matches (empty: always matches). */
  tests: string[];
  /** Names the pattern binds, each with the JS path of its value. */
  bindings: { node: Name; value: string }[];
}

export function planPattern(pattern: Pattern, value: string, gen: GenContext): PatternPlan {
  const plan: PatternPlan = { tests: [], bindings: [] };
  addPattern(plan, pattern, value, gen);
  return plan;
}

function addPattern(plan: PatternPlan, pattern: Pattern, value: string, gen: GenContext): void {
  switch (pattern.kind) {
    case "Wildcard":
      return;
    case "LiteralPattern":
      plan.tests.push(pattern.value === null ? `${value} == null` : `rt.eq(${value}, ${literal(pattern.value)})`);
      return;
    case "BindPattern": {
      const schema = schemaNamed(pattern, gen);
      if (schema === null) plan.bindings.push({ node: pattern.name, value });
      else plan.tests.push(`cx.conforms(${value}, ${str(schema)})`);
      return;
    }
    case "ArrayPattern":
      addArrayPattern(plan, pattern.elements, value, gen);
      return;
    case "ObjectPattern":
      plan.tests.push(`rt.isObject(${value})`);
      for (const field of pattern.fields) {
        const fieldValue = `rt.get(${value}, ${str(field.key)})`;
        const sub = field.pattern;
        // The null-field rule: `{ f: null }` also accepts an absent field; any other pattern
        // needs the field present and non-null.
        if (sub.kind === "LiteralPattern" && sub.value === null) {
          plan.tests.push(`${fieldValue} == null`);
          continue;
        }
        if (acceptsNull(sub, gen)) plan.tests.push(`${fieldValue} != null`);
        addPattern(plan, sub, fieldValue, gen);
      }
      return;
    default:
      assertNever(pattern);
  }
}

function addArrayPattern(plan: PatternPlan, elements: Pattern[], value: string, gen: GenContext): void {
  plan.tests.push(`rt.isArray(${value})`);
  const only = elements.length === 1 ? elements[0]! : null;
  const schema = only?.kind === "BindPattern" ? schemaNamed(only, gen) : null;
  if (schema !== null) {
    plan.tests.push(`rt.elements(${value}).every((el) => cx.conforms(el, ${str(schema)}))`);
    return;
  }
  plan.tests.push(`rt.elements(${value}).length === ${elements.length}`);
  elements.forEach((element, i) => addPattern(plan, element, `rt.index(${value}, ${i})`, gen));
}

/** Patterns that by themselves would match null (so a listed field needs a non-null test). */
function acceptsNull(pattern: Pattern, gen: GenContext): boolean {
  if (pattern.kind === "Wildcard") return true;
  return pattern.kind === "BindPattern" && schemaNamed(pattern, gen) === null;
}

/** The schema a bare identifier pattern tests for, or null when it binds a variable. */
function schemaNamed(pattern: Pattern & { kind: "BindPattern" }, gen: GenContext): string | null {
  if (gen.analysis.patternBindings.has(pattern.name)) return null;
  if (gen.analysis.schemas.has(pattern.name.name)) return pattern.name.name;
  throw new GeneratorError(`pattern ${str(pattern.name.name)} is neither a binding nor a schema`);
}

function literal(value: string | number | boolean): string {
  if (typeof value === "string") return str(value);
  return typeof value === "number" ? num(value) : String(value);
}

/** A match expression: `((t: unknown) => test ? value : … : null)(target)`, or a plain chain. */
export function emitMatchExpr(e: MatchExpr, cx: ExprCx): string {
  if (e.target === undefined) {
    const chain = e.arms.map((arm) => {
      const value = emitExpr(arm.value, cx);
      if (arm.test.kind === "Wildcard") return { test: null, value };
      return { test: emitTest(arm.test as Expr, cx), value };
    });
    return `(${ternaryChain(chain)})`;
  }
  const t = cx.fn.names.allocate("v");
  const chain = e.arms.map((arm) => {
    const plan = planPattern(arm.test as Pattern, t, cx.gen);
    for (const b of plan.bindings) cx.gen.bindings.set(b.node, b.value);
    const tests = [...plan.tests];
    if (arm.guard !== undefined) tests.push(emitTest(arm.guard, { ...cx, subject: t }));
    return { test: tests.length === 0 ? null : tests.join(" && "), value: emitExpr(arm.value, cx) };
  });
  return `((${t}${ty(cx.gen, ": unknown")}) => ${arrowBody(ternaryChain(chain))})(${emitExpr(e.target, cx)})`;
}

/** `a ? x : b ? y : null`; an arm without a test ends the chain. */
function ternaryChain(arms: { test: string | null; value: string }[]): string {
  let out = "";
  for (const arm of arms) {
    if (arm.test === null) return out + arm.value;
    out += `${arm.test} ? ${arm.value} : `;
  }
  return `${out}null`;
}

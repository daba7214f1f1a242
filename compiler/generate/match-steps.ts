// `match` steps as if / else-if chains. Condition form (§13): truthy tests. Target form (§22):
// the target is evaluated once into a const, patterns become tests over it, bindings become
// consts at the top of the arm (the guard reads the same paths directly).

import type { Block, Expr, MatchArm, MatchStep, Pattern, Step } from "../parse/ast.ts";
import { exprCx, type StepCx } from "./context.ts";
import { emitExpr, emitTest } from "./expressions.ts";
import { planPattern, type PatternPlan } from "./patterns.ts";
import { emitStep, emitSteps } from "./steps.ts";

interface LoweredArm {
  /** null: the arm always matches (it ends the chain). */
  test: string | null;
  body: (armCx: StepCx) => void;
}

export function emitMatchStep(step: MatchStep, scx: StepCx): void {
  const arms = step.target === undefined ? conditionArms(step.arms, scx) : targetArms(step.target, step.arms, scx);
  writeChain(arms, scx);
}

function conditionArms(arms: MatchArm[], scx: StepCx): LoweredArm[] {
  return arms.map((arm) => ({
    test: arm.test.kind === "Wildcard" ? null : emitTest(arm.test as Expr, exprCx(scx)),
    body: (armCx) => emitArmBody(arm.body, { ...armCx, matchTarget: null }),
  }));
}

function targetArms(targetExpr: Expr, arms: MatchArm[], scx: StepCx): LoweredArm[] {
  const target = matchTarget(targetExpr, scx);
  return arms.map((arm) => {
    const plan = planPattern(arm.test as Pattern, target, scx.gen);
    // The guard sees the bindings as paths into the target; the body gets named consts.
    for (const b of plan.bindings) scx.gen.bindings.set(b.node, b.value);
    const tests = [...plan.tests];
    if (arm.guard !== undefined) tests.push(emitTest(arm.guard, exprCx(scx, target)));
    return {
      test: tests.length === 0 ? null : tests.join(" && "),
      body: (armCx) => {
        bindPatternNames(plan, { ...armCx, matchTarget: target });
        emitArmBody(arm.body, { ...armCx, matchTarget: target });
      },
    };
  });
}

/** A variable target is already an immutable name; anything else is evaluated once. */
function matchTarget(targetExpr: Expr, scx: StepCx): string {
  const value = emitExpr(targetExpr, exprCx(scx));
  const resolution = targetExpr.kind === "Ident" ? scx.gen.analysis.names.get(targetExpr) : undefined;
  if (resolution?.kind === "variable" && !scx.gen.hoisted.has(resolution.binding)) return value;
  const name = scx.fn.names.allocate("target");
  scx.gen.writer.writeLine(`const ${name} = ${value};`);
  return name;
}

function bindPatternNames(plan: PatternPlan, armCx: StepCx): void {
  for (const b of plan.bindings) {
    if (/^[A-Za-z_$][\w$]*$/.test(b.value)) {
      // A whole-target binding just names the target const.
      armCx.gen.bindings.set(b.node, b.value);
      armCx.scope.set(b.node.name, b.value);
      continue;
    }
    const js = armCx.fn.names.allocate(b.node.name);
    armCx.gen.writer.writeLine(`const ${js} = ${b.value};`);
    armCx.gen.bindings.set(b.node, js);
    armCx.scope.set(b.node.name, js);
  }
}

function emitArmBody(body: Block | Step, armCx: StepCx): void {
  if (body.kind === "Block") emitSteps(body.steps, armCx);
  else emitStep(body, armCx);
}

/** `if (a) { … } else if (b) { … } else { … }`; without an always-matching arm, the final
 *  `else` throws NO_MATCH. Each arm is its own block scope. */
function writeChain(arms: LoweredArm[], scx: StepCx): void {
  const w = scx.gen.writer;
  const armCx = (): StepCx => ({ ...scx, scope: scx.scope.child() });
  let first = true;
  for (const arm of arms) {
    if (arm.test === null) {
      w.write(first ? "" : " else ").inlineBlock(() => arm.body(armCx())).newLine();
      return;
    }
    w.write(first ? `if (${arm.test}) ` : ` else if (${arm.test}) `).inlineBlock(() => arm.body(armCx()));
    first = false;
  }
  w.write(first ? "" : " else ").inlineBlock(() => w.writeLine("throw cx.noMatch();")).newLine();
}

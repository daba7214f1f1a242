// toAst actions for blocks and steps (§5, §8–§14, §17–§18, §22–§23, §28, tier-3 call/wait).
import type * as ohm from "ohm-js";
import type {
  Assume, Block, Expr, HttpMethod, MatchArm, Name, ObjectEntry, OptionEntry, Span, Step,
} from "./ast.ts";
import { each, nameOf, optional, spanOf } from "./to-ast-util.ts";

type N = ohm.Node;
const ast = (n: N) => n.toAst() as Expr;
const optionsOf = (optOptions: N): OptionEntry[] => optional<OptionEntry[]>(optOptions) ?? [];

export function blockOf(node: N, steps: N): Block {
  return { kind: "Block", steps: each<Step>(steps), span: spanOf(node) };
}

const keywordSpan = (node: N): Span => spanOf(node);

/**
 * A validate step; with `or { steps }` (§35) it is the match it is defined as:
 * `match X { _ where not (a1 and a2 …) -> { steps }, _ -> continue }`, an assumption that raises
 * an error counting as false (Holds).
 */
function validateStep(target: Expr | undefined, assumes: Assume[], orBlock: Block | undefined, subject: Expr, span: Span): Step {
  if (!orBlock) return target ? { kind: "ValidateStep", target, assumes, span } : { kind: "ValidateStep", assumes, span };
  const holds = assumes.map((a): Expr => ({ kind: "Holds", test: a.test, span: a.span }));
  const all = holds.length === 0
    ? ({ kind: "BoolLit", value: true, span } as Expr)
    : holds.reduce((left, right): Expr => ({ kind: "Logical", op: "and", left, right, span: { start: left.span.start, end: right.span.end } }));
  const wildcard = { kind: "Wildcard" as const, span: subject.span };
  return {
    kind: "MatchStep", target: subject, span,
    arms: [
      { kind: "MatchArm", test: wildcard, guard: { kind: "Unary", op: "not", operand: all, span: all.span }, body: orBlock, span: orBlock.span },
      { kind: "MatchArm", test: { ...wildcard }, body: { kind: "ContinueStep", span: orBlock.span }, span: orBlock.span },
    ],
  };
}

export const stepActions: ohm.ActionDict<unknown> = {
  Block(_lb, steps, _commas, _rb) {
    return blockOf(this, steps);
  },
  HttpStep_from(method, path, _from, source, options): Step {
    const step: Step = {
      kind: "HttpStep", method: method.sourceString.toUpperCase() as HttpMethod, path: ast(path),
      source: nameOf(source), options: optionsOf(options), span: spanOf(this),
    };
    if (options.children.length > 0) step.optionsSpan = spanOf(options.children[0]);
    return step;
  },
  HttpStep_plain(method, source, path, options): Step {
    const span = spanOf(this);
    const verb = method.sourceString.toUpperCase() as HttpMethod;
    const target = ast(path);
    // `delete S[k]` is written like an HTTP DELETE of the path `S[k]`; the checker decides
    // which it is (DeleteStep docs in ast.ts), so hand it over as a DeleteStep.
    if (verb === "DELETE" && source.children.length === 0 && options.children.length === 0
      && target.kind === "Index" && target.object.kind === "Ident") {
      const store: Name = { kind: "Name", name: target.object.name, span: target.object.span };
      return { kind: "DeleteStep", store, key: target.index, span };
    }
    const step: Step = { kind: "HttpStep", method: verb, path: target, options: optionsOf(options), span };
    if (source.children.length > 0) step.source = source.children[0].toAst() as Name;
    if (options.children.length > 0) step.optionsSpan = spanOf(options.children[0]);
    return step;
  },
  sourceName(_name) {
    return nameOf(this);
  },
  HttpSource_known(name) {
    return nameOf(name);
  },
  HttpSource_unknown(name, _path) {
    return nameOf(name);
  },
  CallStep(_call, source, _dot, operation, options): Step {
    return { kind: "CallStep", source: nameOf(source), operation: nameOf(operation), options: optionsOf(options), span: spanOf(this) };
  },
  StoreStep(_store, value, _arrow, store, options): Step {
    return { kind: "StoreStep", value: ast(value), store: nameOf(store), options: optionsOf(options), span: spanOf(this) };
  },
  ForStep(_for, variable, _in, collection, _where, where, parallel, body): Step {
    const step: Step = {
      kind: "ForStep", variable: nameOf(variable), collection: ast(collection),
      parallel: parallel.children.length > 0, body: body.toAst() as Block, span: spanOf(this),
    };
    if (where.children.length > 0) step.where = ast(where.children[0]);
    return step;
  },
  MapStep(_map, value, _arrow, label, _lb, entries, _commas, _rb): Step {
    const bare = _lb.children.length === 0;
    const list = bare ? [] : each<ObjectEntry>(entries.children[0]!);
    const step: Step = { kind: "MapStep", value: ast(value), label: nameOf(label), entries: list, span: spanOf(this) };
    if (bare) step.bare = true;
    return step;
  },
  MatchStep_cond(_match, _lb, arms, _commas, _rb): Step {
    return { kind: "MatchStep", arms: each<MatchArm>(arms), span: spanOf(this) };
  },
  MatchStep_target(_match, target, _lb, arms, _commas, _rb): Step {
    return { kind: "MatchStep", target: ast(target), arms: each<MatchArm>(arms), span: spanOf(this) };
  },
  CondArm(test, _arrow, body): MatchArm {
    return { kind: "MatchArm", test: test.toAst() as Expr, body: body.toAst() as Block | Step, span: spanOf(this) };
  },
  PatternArm(pattern, guard, _arrow, body): MatchArm {
    const arm: MatchArm = { kind: "MatchArm", test: pattern.toAst() as MatchArm["test"], body: body.toAst() as Block | Step, span: spanOf(this) };
    const test = optional<Expr>(guard);
    if (test) arm.guard = test;
    return arm;
  },
  Guard(_where, test) {
    return ast(test);
  },
  LetStep(_let, name, _eq, value): Step {
    return { kind: "LetStep", name: nameOf(name), value: ast(value), span: spanOf(this) };
  },
  ValidateStep_bare(validate, _lb, assumes, _commas, _rb, orBlock): Step {
    const response: Expr = { kind: "Ident", name: "response", span: keywordSpan(validate) };
    return validateStep(undefined, each<Assume>(assumes), optional<Block>(orBlock), response, spanOf(this));
  },
  ValidateStep_target(_validate, target, _lb, assumes, _commas, _rb, orBlock): Step {
    const value = ast(target);
    return validateStep(value, each<Assume>(assumes), optional<Block>(orBlock), value, spanOf(this));
  },
  ValidateOr(_or, block) {
    return block.toAst();
  },
  Assume(_assume, test): Assume {
    return { kind: "Assume", test: ast(test), text: test.sourceString, span: spanOf(this) };
  },
  AbortStep_message(_abort, message): Step {
    return { kind: "AbortStep", message: ast(message), span: spanOf(this) };
  },
  AbortStep_bare(_abort): Step {
    return { kind: "AbortStep", span: spanOf(this) };
  },
  ContinueStep(_continue): Step {
    return { kind: "ContinueStep", span: spanOf(this) };
  },
  SkipStep(_skip): Step {
    return { kind: "SkipStep", span: spanOf(this) };
  },
  RetryStep(_retry, options): Step {
    return { kind: "RetryStep", options: optionsOf(options), span: spanOf(this) };
  },
  QueueStep(_queue, store, options): Step {
    return { kind: "QueueStep", store: nameOf(store), options: optionsOf(options), span: spanOf(this) };
  },
  JumpStep(_jump, action, _then, then): Step {
    const step: Step = { kind: "JumpStep", action: nameOf(action), span: spanOf(this) };
    if (then.children.length > 0) step.then = then.children[0].sourceString as "retry" | "continue";
    return step;
  },
  RunStep(_run, action): Step {
    return { kind: "RunStep", action: nameOf(action), span: spanOf(this) };
  },
  ClearStep(_clear, store): Step {
    return { kind: "ClearStep", store: nameOf(store), span: spanOf(this) };
  },
  WaitStep(_wait, options): Step {
    return { kind: "WaitStep", options: options.toAst() as OptionEntry[], span: spanOf(this) };
  },
};

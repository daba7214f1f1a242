// Introducing variables (§16, §17, §22.3): reserved names, duplicates in one block, pattern
// bindings versus schema tests.

import type { Name, Pattern } from "../parse/ast.ts";
import { assertNever } from "../parse/ast.ts";
import type { ResolveContext } from "./resolve-context.ts";
import type { Scope } from "./scope.ts";

const RESERVED_BINDINGS = new Set(["response", "errors", "_"]);

/** Binds `name` in `scope`, reporting reserved names and duplicates in the same block. */
export function bindVariable(name: Name, scope: Scope, cx: ResolveContext): void {
  if (RESERVED_BINDINGS.has(name.name)) {
    cx.session.report("reserved-name", name.span, { name: name.name });
    return;
  }
  if (scope.isBoundHere(name.name)) {
    const first = scope.lookup(name.name);
    cx.session.report("duplicate-binding", name.span, { name: name.name }, first ? [{ message: "bound first here", span: first.span }] : []);
  }
  scope.bind(name.name, name);
  cx.bindings.push(name);
}

/** Binds the variables of a pattern; identifiers naming a schema are tests, not bindings. */
export function bindPattern(pattern: Pattern, scope: Scope, cx: ResolveContext): void {
  switch (pattern.kind) {
    case "Wildcard":
    case "LiteralPattern":
      return;
    case "BindPattern": {
      const { name } = pattern;
      if (cx.decls.schemas.has(name.name)) return;
      if (/^[A-Z]/.test(name.name)) {
        cx.session.report("pattern-binds-capitalised", name.span, { name: name.name });
      }
      cx.facts.patternBindings.add(name);
      bindVariable(name, scope, cx);
      return;
    }
    case "ArrayPattern":
      for (const element of pattern.elements) bindPattern(element, scope, cx);
      return;
    case "ObjectPattern":
      for (const field of pattern.fields) bindPattern(field.pattern, scope, cx);
      return;
    default:
      assertNever(pattern);
  }
}

const PATTERN_KINDS = new Set(["Wildcard", "LiteralPattern", "BindPattern", "ArrayPattern", "ObjectPattern"]);

export function isPattern(node: { kind: string }): node is Pattern {
  return PATTERN_KINDS.has(node.kind);
}

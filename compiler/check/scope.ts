// Lexical scopes for name resolution (§5, §16, §17): action body, loop iteration, match arm,
// lambda, `until`. Each maps names to the node that bound them.

import type { Node } from "../parse/ast.ts";

export class Scope {
  private readonly variables = new Map<string, Node>();
  /** Names introduced by let/for/pattern in this block: a second `let` of one is a duplicate. */
  private readonly boundHere = new Set<string>();

  constructor(readonly parent?: Scope) {}

  lookup(name: string): Node | undefined {
    return this.variables.get(name) ?? this.parent?.lookup(name);
  }

  isBoundHere(name: string): boolean {
    return this.boundHere.has(name);
  }

  /** A new binding (let, loop variable, pattern, lambda parameter). */
  bind(name: string, binding: Node): void {
    this.variables.set(name, binding);
    this.boundHere.add(name);
  }

  /** `map x -> …` rebinding (§12 rule 4): shadows in this block only, never a duplicate. */
  rebind(name: string, binding: Node): void {
    this.variables.set(name, binding);
  }

  /** Every variable name visible here, innermost first. */
  visibleNames(): string[] {
    const names: string[] = [];
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      for (const name of scope.variables.keys()) if (!names.includes(name)) names.push(name);
    }
    return names;
  }
}

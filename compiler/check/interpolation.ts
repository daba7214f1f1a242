// Path interpolation (§24.1): `get "/users/{u.id}"` names `u` inside a string literal. The
// checker resolves such names like bare identifiers (so an unknown one is an input store),
// through synthetic Ident nodes that span the name inside the string.

import type { Ident, StringLit } from "../parse/ast.ts";

const INTERPOLATION = /\{([A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*)*\}/g;

export function interpolatedNames(path: StringLit): Ident[] {
  return [...path.value.matchAll(INTERPOLATION)].map((m) => {
    // +1 for the opening quote; exact unless the string has escapes before the name.
    const start = Math.min(path.span.start + 1 + m.index + 1, path.span.end);
    const name = m[1]!;
    return { kind: "Ident", name, span: { start, end: Math.min(start + name.length, path.span.end) } };
  });
}

// Helpers for the checker's unit tests: compile through `check`, find AST nodes by text.
import { compile, lineCol, type Note } from "../compiler/index.ts";
import type { Analysis } from "../compiler/check/analysis.ts";
import type { Ident, Node } from "../compiler/parse/ast.ts";

export function checkSource(source: string) {
  const result = compile(source, { file: "m.reqon", stopAfter: "check" });
  const syntax = result.diagnostics.find((d) => d.code === "syntax" || d.code === "unterminated-string");
  if (syntax) throw new Error(`test mission does not parse: ${syntax.message}`);
  return {
    ...result,
    /** `code@line:col` of every diagnostic, in order. */
    codes: result.diagnostics.map((d) => {
      const { line, col } = lineCol(source, d.span.start);
      return `${d.code}@${line}:${col}`;
    }),
  };
}

/** `message@line:col` of located notes (`message` alone when a note points nowhere). */
export function notesAt(source: string, notes: readonly Note[]): string[] {
  return notes.map((note) => {
    if (!note.span) return note.message;
    const { line, col } = lineCol(source, note.span.start);
    return `${note.message}@${line}:${col}`;
  });
}

/** The Analysis of a mission that must check without errors. */
export function analyzed(source: string): Analysis {
  const result = checkSource(source);
  if (!result.analysis) throw new Error(`unexpected errors: ${result.codes.join(", ")}`);
  return result.analysis;
}

/** Every AST node of `kind` (depth-first, in source order). */
export function nodesOfKind<T extends Node>(root: unknown, kind: string): T[] {
  const found: T[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if ((value as { kind?: string }).kind === kind) found.push(value as T);
    for (const child of Object.values(value)) visit(child);
  };
  visit(root);
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** Identifier expressions named `name`, in source order. */
export function identsNamed(analysis: Analysis, name: string): Ident[] {
  return nodesOfKind<Ident>(analysis.file, "Ident").filter((i) => i.name === name);
}

/** Offset of the `nth` occurrence of `needle` in `source`. */
export function offsetOf(source: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = source.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' #${nth} not in source`);
  }
  return at;
}

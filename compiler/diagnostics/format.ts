// The one diagnostics printer (LANGUAGE.md §30.1), in text and in the JSON form of
// `check --json`. Spans are offsets into a SourceSet (one file, or a mission folder's files one
// after another) until here; file, line, column and the code frame are computed only when shown.

import { SourceSet } from "../source-set.ts";
import type { Diagnostic, Note } from "./types.ts";

export { LineIndex, lineCol, type LineCol } from "./line-index.ts";

/** A note as printed and in `check --json`: with `file`, `line` and `col` when it points somewhere. */
export interface LocatedNote {
  message: string;
  file?: string;
  line?: number;
  col?: number;
}

/** One diagnostic as `reqonc check --json` prints it (§30.1): 1-based positions, end exclusive. */
export interface LocatedDiagnostic {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  severity: Diagnostic["severity"];
  code: Diagnostic["code"];
  message: string;
  notes: LocatedNote[];
}

/** Diagnostics in source order (stable for equal offsets; a folder's root file first). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.span.start - b.span.start);
}

export function locateDiagnostic(diagnostic: Diagnostic, set: SourceSet): LocatedDiagnostic {
  const start = set.locate(diagnostic.span.start);
  // A span never crosses into the next file; clamp the end into the start's file all the same.
  const end = start.file.lines.lineCol(diagnostic.span.end - start.file.base);
  return {
    file: start.file.path,
    line: start.line,
    col: start.col,
    endLine: end.line,
    endCol: end.col,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    notes: diagnostic.notes.map((note) => locateNote(note, set)),
  };
}

function locateNote(note: Note, set: SourceSet): LocatedNote {
  if (!note.span) return { message: note.message };
  const { file, line, col } = set.locate(note.span.start);
  return { message: note.message, file: file.path, line, col };
}

/** Every diagnostic in source order, located: the `check --json` array. */
export function locateSetDiagnostics(diagnostics: readonly Diagnostic[], set: SourceSet): LocatedDiagnostic[] {
  return sortDiagnostics(diagnostics).map((d) => locateDiagnostic(d, set));
}

/** `locateSetDiagnostics` for a single file. */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], source: string, file: string): LocatedDiagnostic[] {
  return locateSetDiagnostics(diagnostics, SourceSet.single(file, source));
}

/** One diagnostic: header line ending in the code, two-line code frame, then its notes. No trailing newline. */
function formatLocated(diagnostic: Diagnostic, set: SourceSet): string {
  const located = locateDiagnostic(diagnostic, set);
  const { line, col } = located;
  const lineText = set.fileAt(diagnostic.span.start).lines.lineText(line);
  const lineNo = String(line);
  const before = lineText.slice(0, col - 1).replace(/[^\t]/g, " ");
  // Carets cover the span but stop at the end of the line; always at least one.
  const spanLength = diagnostic.span.end - diagnostic.span.start;
  const caretCount = Math.max(1, Math.min(spanLength, lineText.length - (col - 1)));
  return [
    `${located.file}:${line}:${col}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`,
    ` ${lineNo} | ${lineText}`,
    ` ${" ".repeat(lineNo.length)} | ${before}${"^".repeat(caretCount)}`,
    ...located.notes.map((note) => `  = note: ${note.file === undefined ? "" : `${note.file}:${note.line}:${note.col}: `}${note.message}`),
  ].join("\n");
}

/** One diagnostic of a single-file source, without a trailing newline. */
export function formatDiagnostic(diagnostic: Diagnostic, source: string, file: string): string {
  return formatLocated(diagnostic, SourceSet.single(file, source));
}

/**
 * All diagnostics of a set in source order (root file first, then part files in file order),
 * each against its own file, separated by a blank line. The text ends with a newline (empty
 * string when there is nothing to print), ready for `process.stderr.write`.
 */
export function formatSetDiagnostics(diagnostics: readonly Diagnostic[], set: SourceSet): string {
  if (diagnostics.length === 0) return "";
  return sortDiagnostics(diagnostics).map((d) => formatLocated(d, set)).join("\n\n") + "\n";
}

/** `formatSetDiagnostics` for a single file. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], source: string, file: string): string {
  return formatSetDiagnostics(diagnostics, SourceSet.single(file, source));
}

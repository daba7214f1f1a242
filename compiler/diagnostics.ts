// The one diagnostics printer (LANGUAGE.md §30.1). Spans are offsets until here; line, column
// and the code frame are computed only when a diagnostic is shown.

import type { Diagnostic } from "./diagnostics-types.ts";

export interface LineCol {
  /** 1-based line number. */
  line: number;
  /** 1-based column; a tab counts as one column. */
  col: number;
}

/** Line starts of a source, for many line/column lookups (the generator makes one per step). */
export class LineIndex {
  private readonly starts = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** Line and column of `offset` (clamped into the source). */
  lineCol(offset: number): LineCol {
    const at = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - this.starts[lo]! + 1 };
  }

  /** The text of 1-based line `line`, without its line break (a trailing `\r` is dropped too). */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return "";
    const next = this.starts[line];
    const text = this.source.slice(start, next === undefined ? this.source.length : next - 1);
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  }
}

/** Line and column of `offset` (clamped into the source), for a one-off lookup. */
export function lineCol(source: string, offset: number): LineCol {
  return new LineIndex(source).lineCol(offset);
}

/** Diagnostics in source order (stable for equal offsets). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.span.start - b.span.start);
}

/**
 * One diagnostic: header line, two-line code frame, then its notes. No trailing newline. Pass the
 * source's LineIndex when formatting several.
 */
export function formatDiagnostic(diagnostic: Diagnostic, source: string, file: string, lines = new LineIndex(source)): string {
  const { line, col } = lines.lineCol(diagnostic.span.start);
  const lineText = lines.lineText(line);
  const lineNo = String(line);
  const before = lineText.slice(0, col - 1).replace(/[^\t]/g, " ");
  // Carets cover the span but stop at the end of the line; always at least one.
  const spanLength = diagnostic.span.end - diagnostic.span.start;
  const caretCount = Math.max(1, Math.min(spanLength, lineText.length - (col - 1)));
  return [
    `${file}:${line}:${col}: ${diagnostic.severity}: ${diagnostic.message}`,
    ` ${lineNo} | ${lineText}`,
    ` ${" ".repeat(lineNo.length)} | ${before}${"^".repeat(caretCount)}`,
    ...diagnostic.notes.map((note) => `  = note: ${note}`),
  ].join("\n");
}

/**
 * All diagnostics in source order, separated by a blank line. The text ends with a newline
 * (empty string when there is nothing to print), ready for `process.stderr.write`.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], source: string, file: string): string {
  if (diagnostics.length === 0) return "";
  const lines = new LineIndex(source);
  return sortDiagnostics(diagnostics).map((d) => formatDiagnostic(d, source, file, lines)).join("\n\n") + "\n";
}

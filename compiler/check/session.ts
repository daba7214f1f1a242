// A check session collects diagnostics from the passes; passes never throw on user errors.

import type { Diagnostic, Severity } from "../diagnostics-types.ts";
import { lineCol } from "../diagnostics.ts";
import type { Span } from "../parse/ast.ts";

export class Session {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly source: string) {}

  error(code: string, message: string, span: Span, notes: string[] = []): void {
    this.report("error", code, message, span, notes);
  }

  warning(code: string, message: string, span: Span, notes: string[] = []): void {
    this.report("warning", code, message, span, notes);
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  /** `LINE:COL` of an offset, for notes that point at another place. */
  where(span: Span): string {
    const { line, col } = lineCol(this.source, span.start);
    return `${line}:${col}`;
  }

  private report(severity: Severity, code: string, message: string, span: Span, notes: string[]): void {
    this.diagnostics.push({ code, severity, message, span: { start: span.start, end: span.end }, notes });
  }
}

/** The span of a keyword that starts a node (`match`, `retry`): used to keep carets short. */
export function keywordSpan(span: Span, keyword: string): Span {
  return { start: span.start, end: Math.min(span.end, span.start + keyword.length) };
}

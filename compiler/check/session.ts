// A check session collects diagnostics from the passes; passes never throw on user errors.

import type { Diagnostic, Severity } from "../diagnostics-types.ts";
import type { Span } from "../parse/ast.ts";
import type { SourceSet } from "../source-set.ts";

export class Session {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly sources: SourceSet) {}

  error(code: string, message: string, span: Span, notes: string[] = []): void {
    this.report("error", code, message, span, notes);
  }

  warning(code: string, message: string, span: Span, notes: string[] = []): void {
    this.report("warning", code, message, span, notes);
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  /** `LINE:COL` of an offset (`FILE:LINE:COL` in a mission folder), for notes that point at another place. */
  where(span: Span): string {
    return this.sources.where(span.start);
  }

  private report(severity: Severity, code: string, message: string, span: Span, notes: string[]): void {
    this.diagnostics.push({ code, severity, message, span: { start: span.start, end: span.end }, notes });
  }
}

/** The span of a keyword that starts a node (`match`, `retry`): used to keep carets short. */
export function keywordSpan(span: Span, keyword: string): Span {
  return { start: span.start, end: Math.min(span.end, span.start + keyword.length) };
}

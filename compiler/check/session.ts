// A check session collects diagnostics from the passes; passes never throw on user errors.

import type { Code } from "../diagnostics/catalogue.ts";
import { diagnostic, type DiagnosticArgs } from "../diagnostics/make.ts";
import type { Diagnostic } from "../diagnostics/types.ts";
import type { Span } from "../parse/ast.ts";

export class Session {
  readonly diagnostics: Diagnostic[] = [];

  /** Reports catalogue entry `code` at `span`; the entry decides severity and wording. */
  report<C extends Code>(code: C, span: Span, ...rest: DiagnosticArgs<C>): void {
    this.diagnostics.push(diagnostic(code, span, ...rest));
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }
}

/** The span of a keyword that starts a node (`match`, `retry`): used to keep carets short. */
export function keywordSpan(span: Span, keyword: string): Span {
  return { start: span.start, end: Math.min(span.end, span.start + keyword.length) };
}

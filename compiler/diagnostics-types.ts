import type { Span } from "./parse/ast.ts";

export type Severity = "error" | "warning";

/** A diagnostic is data; line/column and the code frame are computed only when printed. */
export interface Diagnostic {
  /** Stable kebab-case code from LANGUAGE.md §32 (e.g. `unknown-action`). */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  notes: string[];
}

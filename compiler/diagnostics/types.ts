import type { Span } from "../parse/ast.ts";
import type { Code } from "./catalogue.ts";

export type Severity = "error" | "warning";

/** A remark under a diagnostic; with a span it points at another place (`= note: FILE:L:C: …`). */
export interface Note {
  message: string;
  /** The place the note is about (an offset like the diagnostic's, so in any file of a folder). */
  span?: Span;
}

/** A diagnostic is data; line/column and the code frame are computed only when printed. */
export interface Diagnostic {
  /** Stable kebab-case code from the catalogue (LANGUAGE.md §32), e.g. `unknown-action`. */
  code: Code;
  severity: Severity;
  message: string;
  span: Span;
  notes: Note[];
}

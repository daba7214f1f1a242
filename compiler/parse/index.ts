// parse(source) → { file?, diagnostics }: the parse phase of reqonc.
// 1. prescan: unterminated strings (own diagnostic) and the declared source names;
// 2. match with the grammar derived for those names (grammar.ts);
// 3. toAst, or one `syntax` diagnostic from Ohm's rightmost failure.
import { diagnostic } from "../diagnostics/make.ts";
import type { Diagnostic } from "../diagnostics/types.ts";
import type { File } from "./ast.ts";
import { parserFor } from "./grammar.ts";
import { declaredSourceNames, prescan } from "./prescan.ts";
import { syntaxDiagnostic } from "./syntax-error.ts";

export interface ParseResult {
  file?: File;
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /**
   * Source names declared elsewhere (a part file of a mission folder uses the root file's
   * sources, §33): `get NAME …` parses with them as well as the file's own.
   */
  sourceNames?: readonly string[];
}

export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const scan = prescan(source);
  if (scan.unterminatedString) {
    return { diagnostics: [diagnostic("unterminated-string", scan.unterminatedString)] };
  }
  const own = declaredSourceNames(scan.blanked);
  const names = options.sourceNames ? [...new Set([...own, ...options.sourceNames])].sort() : own;
  const { grammar, semantics } = parserFor(names);
  const match = grammar.match(source);
  if (match.failed()) return { diagnostics: [syntaxDiagnostic(source, match)] };
  return { file: semantics(match).toAst() as File, diagnostics: [] };
}

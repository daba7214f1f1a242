// compile(source, { file, stopAfter }): parse → check → generate, stopping early on errors
// or when asked. The one entry point the CLI, tests and bundles use.

import { check } from "./check/index.ts";
import type { Analysis } from "./check/analysis.ts";
import { applyOverrides, type WarningOverrides } from "./diagnostics/overrides.ts";
import type { Diagnostic } from "./diagnostics/types.ts";
import { sortDiagnostics } from "./diagnostics/format.ts";
import { generate } from "./generate/index.ts";
import type { File } from "./parse/ast.ts";
import { parse } from "./parse/index.ts";
import { mergeFolder, type MissionFolder } from "./folder.ts";
import type { SourceSet } from "./source-set.ts";

export {
  formatDiagnostic, formatDiagnostics, formatSetDiagnostics, lineCol, locateDiagnostics, locateSetDiagnostics,
} from "./diagnostics/format.ts";
export type { LocatedDiagnostic, LocatedNote } from "./diagnostics/format.ts";
export { CATALOGUE, entryOf, isCode } from "./diagnostics/catalogue.ts";
export type { CatalogueEntry, Code, WarningCode } from "./diagnostics/catalogue.ts";
export { diagnostic } from "./diagnostics/make.ts";
export { parseWarnOverride } from "./diagnostics/overrides.ts";
export type { WarningLevel, WarningOverrides } from "./diagnostics/overrides.ts";
export type { Diagnostic, Note } from "./diagnostics/types.ts";
export type { Analysis } from "./check/analysis.ts";
export { SourceSet } from "./source-set.ts";
export type { FolderFile, MissionFolder } from "./folder.ts";
export { declaredPartNames } from "./part-names.ts";

export interface CompileOptions {
  /** The file name as given (diagnostics and generated-code comments use it). */
  file: string;
  /** Last phase to run; default: all of them. */
  stopAfter?: "parse" | "check" | "generate";
  /** Also emit the module as plain JavaScript (`js`), e.g. to import it without a transpiler. */
  emitJs?: boolean;
  /** Emit the TypeScript module (`ts`); default true. False with `emitJs` generates only the JS. */
  emitTs?: boolean;
  /** sha256 (hex) of the source text(s), embedded for execution state's missionHash (§37). */
  sourceHash?: string;
  /** `--warn CODE=LEVEL` (§30.1): warnings silenced or promoted to errors (which stop generation). */
  warn?: WarningOverrides;
}

export interface CompileResult {
  file?: File;
  analysis?: Analysis;
  /** Errors and warnings of every phase that ran, in source order. */
  diagnostics: Diagnostic[];
  /** The generated TypeScript module (when generation ran without errors and `emitTs` is not false). */
  ts?: string;
  /** The same module without type syntax (with `emitJs`). */
  js?: string;
}

export function compile(source: string, options: CompileOptions): CompileResult {
  const parsed = parse(source);
  return checkAndGenerate(parsed.file, source, parsed.diagnostics, options);
}

/**
 * Compiles a mission folder (§33) into one module. `options.file` names the root file in
 * generated code (runtime errors in it read `FILE:LINE:COL`); part files name themselves.
 * Print the diagnostics with `formatSetDiagnostics(result.diagnostics, result.sources)`.
 */
export function compileFolder(folder: MissionFolder, options: CompileOptions): CompileResult & { sources: SourceSet } {
  const merged = mergeFolder(folder);
  const result = checkAndGenerate(merged.file, merged.sources, merged.diagnostics, options, merged.placement);
  return { ...result, sources: merged.sources };
}

/** `placement`: errors that do not stop the checker (misplaced declarations) but stop generation. */
function checkAndGenerate(file: File | undefined, source: string | SourceSet, parseDiagnostics: Diagnostic[],
  options: CompileOptions, placement: Diagnostic[] = []): CompileResult {
  const result: CompileResult = { file, diagnostics: sortDiagnostics(parseDiagnostics) };
  if (!file || options.stopAfter === "parse" || hasErrors(result.diagnostics)) return result;

  const checked = check(file);
  result.diagnostics = sortDiagnostics(applyOverrides([...result.diagnostics, ...placement, ...checked.diagnostics], options.warn));
  // A warning promoted by --warn is an error like any other: no analysis, no code.
  result.analysis = hasErrors(result.diagnostics) ? undefined : checked.analysis;
  if (!result.analysis || options.stopAfter === "check") return result;

  const { sourceHash } = options;
  if (options.emitTs !== false) result.ts = generate(result.analysis, { file: options.file, source, sourceHash });
  if (options.emitJs) result.js = generate(result.analysis, { file: options.file, source, sourceHash, types: false });
  return result;
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

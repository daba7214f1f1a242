// Compiles a mission file and prints its diagnostics on stderr (§30.1). Any error ends the
// command with exit 2; warnings are printed and the command goes on.
import type { CompileResult } from "../compiler/index.ts";
import { loadCompiler } from "./compiler-loader.ts";
import { CliExit, EXIT_USAGE } from "./exit.ts";
import type { MissionFile } from "./mission-file.ts";

/** Parses and checks only: what `reqonc check` needs. */
export function checkMission(file: MissionFile): void {
  compileReporting(file, "check");
}

export interface GeneratedMission {
  missionName: string;
  /** The generated TypeScript module (§31). */
  ts: string;
  /** The same module as plain JavaScript. */
  js: string;
}

/** The generated TypeScript module of the mission, for `command` (emit, build, run, demo). */
export function generateMission(file: MissionFile, command: string): GeneratedMission {
  const result = compileReporting(file, command);
  if (result.ts === undefined || result.js === undefined || result.analysis === undefined) {
    throw new Error(`the compiler produced no code for '${file.path}'`);
  }
  return { ts: result.ts, js: result.js, missionName: result.analysis.mission.name.name };
}

function compileReporting(file: MissionFile, command: string): CompileResult {
  const { compile, formatDiagnostics } = loadCompiler(command);
  const result = compile(file.source, command === "check" ? { file: file.path, stopAfter: "check" } : { file: file.path, emitJs: true });
  process.stderr.write(formatDiagnostics(result.diagnostics, file.source, file.path));
  if (result.diagnostics.some((d) => d.severity === "error")) throw new CliExit(EXIT_USAGE);
  return result;
}

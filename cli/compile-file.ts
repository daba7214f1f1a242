// Compiles a mission file and prints its diagnostics on stderr (§30.1). Any error ends the
// command with exit 2; warnings are printed and the command goes on.
import { createHash } from "node:crypto";
import type { Analysis, CompileResult } from "../compiler/index.ts";
import { loadCompiler } from "./compiler-loader.ts";
import { CliExit, EXIT_USAGE } from "./exit.ts";
import type { MissionFile } from "./mission-file.ts";
import { addPartFileHints } from "./part-file-hints.ts";

/** Parses and checks only: what `reqonc check` needs. The analysis is there when there is no error. */
export function checkMission(file: MissionFile): Analysis | undefined {
  return compileReporting(file, "check").analysis;
}

export interface GeneratedMission {
  missionName: string;
  /** What the checker learnt (the daemon reads the schedule from it). */
  analysis: Analysis;
  /** The generated TypeScript module (§31); only for the commands that write or print it. */
  ts?: string;
  /** The same module as plain JavaScript; only for the commands that write or run it. */
  js?: string;
}

/** What each command does with the generated module: the generator runs once per output. */
type GeneratingCommand = "emit" | "build" | "run" | "demo" | "daemon";
const OUTPUTS: Record<GeneratingCommand, { ts: boolean; js: boolean }> = {
  emit: { ts: true, js: false },
  build: { ts: true, js: true },
  run: { ts: false, js: true },
  demo: { ts: false, js: true },
  daemon: { ts: false, js: true },
};

/** The generated module of the mission in the forms `command` uses (emit, build, run, demo). */
export function generateMission(file: MissionFile, command: GeneratingCommand): GeneratedMission {
  const result = compileReporting(file, command);
  if (result.analysis === undefined) throw new Error(`the compiler produced no code for '${file.path}'`);
  return { ts: result.ts, js: result.js, missionName: result.analysis.mission.name.name, analysis: result.analysis };
}

/** The generated module in one form; the command asked for it, so it is there. */
export function outputOf(mission: GeneratedMission, form: "ts" | "js"): string {
  const text = mission[form];
  if (text === undefined) throw new Error(`the compiler produced no ${form} module`);
  return text;
}

/** missionHash of execution state (§37): sha256 of the source text (of a folder: every file's path and text). */
function sourceHash(file: MissionFile): string {
  const hash = createHash("sha256");
  if (!file.folder) return hash.update(file.source).digest("hex");
  for (const f of [file.folder.root, ...file.folder.parts]) hash.update(`${f.relative}\0${f.text.length}\0${f.text}`);
  return hash.digest("hex");
}

function compileReporting(file: MissionFile, command: GeneratingCommand | "check"): CompileResult {
  const compiler = loadCompiler(command);
  const options = command === "check"
    ? { file: file.path, stopAfter: "check" as const }
    : { file: file.path, emitTs: OUTPUTS[command].ts, emitJs: OUTPUTS[command].js, sourceHash: sourceHash(file) };
  let result: CompileResult;
  if (file.folder) {
    // Generated code names the root file relative to the folder, as part files name themselves.
    const folderResult = compiler.compileFolder(file.folder, { ...options, file: file.folder.root.relative });
    result = folderResult;
    process.stderr.write(compiler.formatSetDiagnostics(result.diagnostics, folderResult.sources));
  } else {
    result = compiler.compile(file.source, options);
    addPartFileHints(file.path, file.source, result.diagnostics, compiler.declaredPartNames);
    process.stderr.write(compiler.formatDiagnostics(result.diagnostics, file.source, file.path));
  }
  if (result.diagnostics.some((d) => d.severity === "error")) throw new CliExit(EXIT_USAGE);
  return result;
}

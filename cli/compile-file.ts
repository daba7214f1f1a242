// Compiles a mission file or folder and prints its diagnostics on stderr (§30.1), or with
// `check --json` as one JSON array on stdout. Any error ends the command with exit 2; warnings
// are printed and the command goes on. `--warn` overrides apply before either.
import { createHash } from "node:crypto";
import type { Analysis, CompileResult, SourceSet, WarningCode, WarningLevel, WarningOverrides } from "../compiler/index.ts";
import { loadCompiler } from "./compiler-loader.ts";
import { CliExit, EXIT_USAGE, usageError } from "./exit.ts";
import type { MissionFile } from "./mission-file.ts";
import { addPartFileHints } from "./part-file-hints.ts";
import type { WarnFlags } from "./warn-flag.ts";

export interface DiagnosticFlags extends WarnFlags {
  /** `check --json`: the diagnostics as JSON on stdout instead of text on stderr. */
  json?: boolean;
}

/** Parses and checks only: what `reqonc check` needs. The analysis is there when there is no error. */
export function checkMission(file: MissionFile, flags: DiagnosticFlags): Analysis | undefined {
  return compileReporting(file, "check", flags).analysis;
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
export function generateMission(file: MissionFile, command: GeneratingCommand, flags: WarnFlags): GeneratedMission {
  // Only `check` prints diagnostics as JSON; `run --json` is the run's result.
  const result = compileReporting(file, command, { warn: flags.warn });
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

function compileReporting(file: MissionFile, command: GeneratingCommand | "check", flags: DiagnosticFlags): CompileResult {
  const compiler = loadCompiler(command);
  const warn = warningOverrides(command, flags);
  const options = command === "check"
    ? { file: file.path, stopAfter: "check" as const, warn }
    : { file: file.path, emitTs: OUTPUTS[command].ts, emitJs: OUTPUTS[command].js, sourceHash: sourceHash(file), warn };
  let result: CompileResult;
  let sources: SourceSet;
  if (file.folder) {
    // Generated code names the root file relative to the folder, as part files name themselves.
    const folderResult = compiler.compileFolder(file.folder, { ...options, file: file.folder.root.relative });
    result = folderResult;
    sources = folderResult.sources;
  } else {
    result = compiler.compile(file.source, options);
    addPartFileHints(file.path, file.source, result.diagnostics, compiler.declaredPartNames);
    sources = compiler.SourceSet.single(file.path, file.source);
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(compiler.locateSetDiagnostics(result.diagnostics, sources), null, 2)}\n`);
  } else {
    process.stderr.write(compiler.formatSetDiagnostics(result.diagnostics, sources));
  }
  if (result.diagnostics.some((d) => d.severity === "error")) throw new CliExit(EXIT_USAGE);
  return result;
}

/** The --warn overrides, checked against the catalogue: a bad one is a usage error. */
function warningOverrides(command: string, flags: WarnFlags): WarningOverrides {
  const overrides = new Map<WarningCode, WarningLevel>();
  if (!flags.warn?.length) return overrides;
  const { parseWarnOverride } = loadCompiler(command);
  for (const text of flags.warn) {
    const parsed = parseWarnOverride(text);
    if ("problem" in parsed) throw usageError(parsed.problem);
    overrides.set(parsed.code, parsed.level);
  }
  return overrides;
}

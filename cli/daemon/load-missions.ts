// Everything the daemon runs is compiled before anything runs (§36.2): every mission must have a
// schedule (`no-schedule`) and mission names must be unique across the daemon; any error → exit 2
// after all of them are listed.
import type { Analysis, Diagnostic } from "../../compiler/index.ts";
import type { ScheduleSpec } from "../../runtime/schedule/spec.ts";
import { generateMission, outputOf } from "../compile-file.ts";
import { loadCompiler, type CompilerModule } from "../compiler-loader.ts";
import { CliExit, EXIT_USAGE, isCliExit } from "../exit.ts";
import { loadMissionModule, prepareMissionLoading } from "../load-mission.ts";
import { readMissionFile, type MissionFile } from "../mission-file.ts";
import type { MissionModule } from "../run-main.ts";

export interface LoadedMission {
  name: string;
  path: string;
  schedule: ScheduleSpec;
  module: MissionModule;
  /** sha256 of the source text(s) (§37 missionHash). */
  source: string;
}

export async function loadScheduledMissions(paths: readonly string[], stderr: NodeJS.WritableStream): Promise<LoadedMission[]> {
  prepareMissionLoading();
  let failed = false;
  const compiled: { file: MissionFile; analysis: Analysis; js: string }[] = [];
  for (const path of paths) {
    try {
      const file = readMissionFile(path);
      const generated = generateMission(file, "daemon", {});
      compiled.push({ file, analysis: generated.analysis, js: outputOf(generated, "js") });
    } catch (e) {
      if (!isCliExit(e) || e.exitCode !== EXIT_USAGE) throw e;
      if (e.message !== "") stderr.write(`reqonc: ${e.message}\n`);
      failed = true; // diagnostics are printed; go on so that every file's errors are listed
    }
  }
  const seen = new Map<string, string>();
  for (const { file, analysis } of compiled) {
    const name = analysis.mission.name;
    if (analysis.schedule === null) {
      report(file, stderr, (c) => c.diagnostic("no-schedule", name.span, { mission: name.name }));
      failed = true;
    }
    const other = seen.get(name.name);
    if (other !== undefined) {
      report(file, stderr, (c) => c.diagnostic("duplicate-declaration", name.span, { kind: "mission", name: name.name }, [`also in ${other}`]));
      failed = true;
    }
    seen.set(name.name, file.path);
  }
  if (failed) throw new CliExit(EXIT_USAGE);
  const loaded: LoadedMission[] = [];
  for (const { file, analysis, js } of compiled) {
    loaded.push({
      name: analysis.mission.name.name, path: file.path, schedule: analysis.schedule!,
      module: await loadMissionModule(js), source: file.source,
    });
  }
  return loaded;
}

function report(file: MissionFile, stderr: NodeJS.WritableStream, make: (compiler: CompilerModule) => Diagnostic): void {
  const compiler = loadCompiler("daemon");
  stderr.write(compiler.formatDiagnostics([make(compiler)], file.source, file.path));
}

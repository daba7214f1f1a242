// `reqonc run FILE [options]` (§30.3): compile in memory, load, run, print.
import { generateMission, outputOf } from "./compile-file.ts";
import { loadMissionModule, prepareMissionLoading } from "./load-mission.ts";
import { readMissionFile } from "./mission-file.ts";
import type { RunFlags } from "./run-flags.ts";
import { runCompiledMission } from "./run-main.ts";
import type { WarnFlags } from "./warn-flag.ts";

export async function runCommand(path: string, flags: RunFlags & WarnFlags): Promise<number> {
  const file = readMissionFile(path);
  prepareMissionLoading();
  const js = outputOf(generateMission(file, "run", flags), "js");
  const module = await loadMissionModule(js);
  return runCompiledMission(module, flags);
}

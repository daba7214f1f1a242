// --auth, --env and --base for the daemon's missions (§36.2 "the common options"): read once,
// then given to each mission as far as it concerns it — a --base SOURCE=URL goes to the missions
// that have SOURCE, and only a name no loaded mission knows is a usage error.
import type { RunOptions } from "../../runtime/core/types.ts";
import { usageError } from "../exit.ts";
import type { RunFlags } from "../run-flags.ts";
import { prepareRunOptions } from "../run-options.ts";
import { splitAssignment } from "../run-flags.ts";
import type { LoadedMission } from "./load-missions.ts";

export interface DaemonFlags {
  auth?: string;
  env?: string;
  base?: string[];
  dataDir?: string;
  once?: boolean;
  json?: boolean;
  grace?: string;
  redis?: string;
}

export function missionRunOptions(flags: DaemonFlags, missions: readonly LoadedMission[], stderr: NodeJS.WritableStream): Map<string, RunOptions> {
  const bases = (flags.base ?? []).map((spec) => {
    const assignment = splitAssignment(spec);
    if (!assignment) throw usageError(`--base: expected SOURCE=URL, got '${spec}'`);
    const owners = missions.filter((m) => m.module.mission.sources.some((s) => s.name === assignment.name));
    if (owners.length === 0) throw usageError(`--base: no loaded mission has a source '${assignment.name}'`);
    return { spec, owners };
  });
  const warningCounts = new Map<string, number>();
  const options = new Map<string, RunOptions>();
  for (const mission of missions) {
    const runFlags: RunFlags = {
      auth: flags.auth, env: flags.env,
      base: bases.filter((b) => b.owners.includes(mission)).map((b) => b.spec),
    };
    const prepared = prepareRunOptions(runFlags, mission.module.mission);
    // "not a source of mission M" is worth saying only when no loaded mission has that source.
    for (const w of prepared.warnings) {
      const key = w.replace(/ of mission '[^']*'/, " of any loaded mission");
      warningCounts.set(key, (warningCounts.get(key) ?? 0) + 1);
    }
    if (flags.dataDir !== undefined) prepared.options.dataDir = flags.dataDir;
    options.set(mission.name, prepared.options);
  }
  for (const [warning, count] of warningCounts) {
    if (count === missions.length) stderr.write(`reqonc: warning: ${warning}\n`);
  }
  return options;
}

export function graceSeconds(text: string | undefined): number {
  if (text === undefined) return 30;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0) throw usageError(`--grace: expected a number of seconds ≥ 0, got '${text}'`);
  return n;
}

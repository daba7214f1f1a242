// `reqonc runs [--data-dir DIR] [--mission NAME] [--json]` (LANGUAGE.md §37): the recorded
// executions, newest first — id, mission, status, start, duration, resumed-from; with --json one
// array of { id, mission, status, startedAt, endedAt, resumedFrom } on stdout.
import { resolveDataDir } from "../runtime/stores/store-set.ts";
import { listStates, type ExecutionState } from "../runtime/state/state-file.ts";
import { EXIT_SUCCEEDED } from "./exit.ts";

export interface RunsFlags {
  dataDir?: string;
  mission?: string;
  json?: boolean;
}

export async function runsCommand(flags: RunsFlags): Promise<number> {
  const dataDir = resolveDataDir(flags.dataDir, (name) => process.env[name] ?? null);
  const states = (await listStates(dataDir)).filter((s) => flags.mission === undefined || s.mission === flags.mission);
  if (flags.json) {
    const list = states.map(({ id, mission, status, startedAt, endedAt, resumedFrom }) => ({ id, mission, status, startedAt, endedAt, resumedFrom }));
    process.stdout.write(JSON.stringify(list, null, 2) + "\n");
  } else if (states.length === 0) {
    process.stderr.write(`reqonc: no executions recorded in ${dataDir}\n`);
  } else {
    process.stdout.write(table(states));
  }
  return EXIT_SUCCEEDED;
}

function table(states: ExecutionState[]): string {
  const rows = [["ID", "MISSION", "STATUS", "STARTED", "DURATION", "RESUMED FROM"],
    ...states.map((s) => [s.id, s.mission, s.status, s.startedAt, duration(s), s.resumedFrom ?? "-"])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n") + "\n";
}

function duration(state: ExecutionState): string {
  if (state.endedAt === null) return "-";
  const ms = Date.parse(state.endedAt) - Date.parse(state.startedAt);
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

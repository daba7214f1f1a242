// `reqonc check FILE [--json] [--warn CODE=LEVEL]` (§30.1): diagnostics on stderr and nothing on
// stdout, or with --json one JSON array of them on stdout. With `--schedule` (§36.1), stdout gets
// each scheduled mission's next five run times.
import { checkMission } from "./compile-file.ts";
import { EXIT_SUCCEEDED } from "./exit.ts";
import { readMissionFile } from "./mission-file.ts";
import type { WarnFlags } from "./warn-flag.ts";

export interface CheckFlags extends WarnFlags {
  json?: boolean;
  schedule?: boolean;
}

export async function checkCommand(path: string, flags: CheckFlags = {}): Promise<number> {
  const analysis = checkMission(readMissionFile(path), flags);
  // With --json stdout holds the JSON array only.
  if (flags.schedule && !flags.json && analysis !== undefined) {
    const { printSchedules } = await import("./schedule-listing.ts");
    printSchedules([analysis], new Date(), process.stdout);
  }
  return EXIT_SUCCEEDED;
}

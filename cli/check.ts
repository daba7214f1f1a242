// `reqonc check FILE` (§30.1): diagnostics on stderr, nothing on stdout. With `--schedule`
// (§36.1), stdout gets each scheduled mission's next five run times.
import { checkMission } from "./compile-file.ts";
import { EXIT_SUCCEEDED } from "./exit.ts";
import { readMissionFile } from "./mission-file.ts";

export interface CheckFlags {
  schedule?: boolean;
}

export async function checkCommand(path: string, flags: CheckFlags = {}): Promise<number> {
  const analysis = checkMission(readMissionFile(path));
  if (flags.schedule && analysis !== undefined) {
    const { printSchedules } = await import("./schedule-listing.ts");
    printSchedules([analysis], new Date(), process.stdout);
  }
  return EXIT_SUCCEEDED;
}

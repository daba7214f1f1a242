// `reqonc check FILE` (§30.1): diagnostics on stderr, nothing on stdout.
import { checkMission } from "./compile-file.ts";
import { EXIT_SUCCEEDED } from "./exit.ts";
import { readMissionFile } from "./mission-file.ts";

export function checkCommand(path: string): number {
  checkMission(readMissionFile(path));
  return EXIT_SUCCEEDED;
}

// `reqonc emit FILE`: the generated TypeScript module on stdout (diagnostics on stderr).
import { generateMission, outputOf } from "./compile-file.ts";
import { EXIT_SUCCEEDED } from "./exit.ts";
import { readMissionFile } from "./mission-file.ts";
import type { WarnFlags } from "./warn-flag.ts";

export function emitCommand(path: string, flags: WarnFlags): number {
  process.stdout.write(outputOf(generateMission(readMissionFile(path), "emit", flags), "ts"));
  return EXIT_SUCCEEDED;
}

// `reqonc emit FILE`: the generated TypeScript module on stdout (diagnostics on stderr).
import { generateMission, outputOf } from "./compile-file.ts";
import { EXIT_SUCCEEDED } from "./exit.ts";
import { readMissionFile } from "./mission-file.ts";

export function emitCommand(path: string): number {
  process.stdout.write(outputOf(generateMission(readMissionFile(path), "emit"), "ts"));
  return EXIT_SUCCEEDED;
}

// Reading the FILE argument of check/emit/build/run: only `.reqon` and `.vague` files (§30).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { usageError } from "./exit.ts";

export interface MissionFile {
  /** The path as given on the command line (diagnostics print it unchanged, §30.1). */
  path: string;
  /** File name without `.reqon`/`.vague`: the output name of `reqonc build`. */
  stem: string;
  source: string;
}

const MISSION_EXTENSION = /\.(reqon|vague)$/;

export function readMissionFile(path: string): MissionFile {
  const name = basename(path);
  if (!MISSION_EXTENSION.test(name)) {
    throw usageError(`'${path}' is not a mission file (expected a .reqon or .vague file)`);
  }
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (e) {
    throw usageError(`cannot read '${path}' (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  return { path, stem: name.replace(MISSION_EXTENSION, ""), source };
}

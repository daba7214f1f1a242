// Reading the FILE argument of check/emit/build/run: only `.reqon` and `.vague` files (§30).
import { readFileSync, statSync } from "node:fs";
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
  if (isDirectory(path)) {
    // Multi-file missions (a folder with mission.reqon) are a tier-3 feature (LANGUAGE.md Part III).
    throw usageError(`'${path}' is a folder: multi-file missions are not supported yet (code unsupported); give the .reqon file`);
  }
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

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

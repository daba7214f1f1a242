// Reading the FILE argument of check/emit/build/run: `.reqon` and `.vague` files (§30), or a
// mission folder (§33).
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { MissionFolder } from "../compiler/index.ts";
import { usageError } from "./exit.ts";
import { readMissionFolder } from "./mission-folder.ts";

export interface MissionFile {
  /** The path as given on the command line (diagnostics print it unchanged, §30.1). */
  path: string;
  /** File name without `.reqon`/`.vague`, or the folder's name: the output name of `reqonc build`. */
  stem: string;
  /** The file's text (a folder's root file). */
  source: string;
  /** Set when PATH is a mission folder: its files, compiled together. */
  folder?: MissionFolder;
}

const MISSION_EXTENSION = /\.(reqon|vague)$/;

export function readMissionFile(path: string): MissionFile {
  const name = basename(path);
  if (isDirectory(path)) {
    const { folder, stem } = readMissionFolder(path);
    return { path, stem, source: folder.root.text, folder };
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

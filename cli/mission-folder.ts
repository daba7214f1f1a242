// Reading a mission folder (§33): the root file `mission.reqon` (or `mission.vague`) and every
// other file with its extension below the folder, skipping folders named `.…` and
// `node_modules`, in byte order of the path relative to the folder.
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { FolderFile, MissionFolder } from "../compiler/index.ts";
import { usageError } from "./exit.ts";

const ROOT_NAMES = ["mission.reqon", "mission.vague"] as const;

export function readMissionFolder(path: string): { folder: MissionFolder; stem: string } {
  const shown = path.replace(/(?<=.)[\\/]+$/, "");
  const roots = ROOT_NAMES.filter((name) => isFile(join(path, name)));
  if (roots.length === 0) {
    throw usageError(`'${path}' is a folder without mission.reqon or mission.vague (a mission folder needs one of them)`);
  }
  const rootName = roots[0]!;
  const extension = rootName.slice(rootName.lastIndexOf("."));
  const read = (relative: string): FolderFile => ({
    path: `${shown}/${relative}`,
    relative,
    text: readText(join(path, relative), `${shown}/${relative}`),
  });
  const parts = partPaths(path, extension).filter((relative) => relative !== rootName).map(read);
  return {
    folder: {
      path: shown,
      root: read(rootName),
      ...(roots.length > 1 ? { otherRoot: read(roots[1]!) } : {}),
      parts,
    },
    stem: basename(resolve(path)),
  };
}

/** Paths relative to `dir` (`/`-separated) of the files ending in `extension`, in byte order. */
function partPaths(dir: string, extension: string): string[] {
  const found: string[] = [];
  const pending = [""];
  while (pending.length > 0) {
    const relativeDir = pending.pop()!;
    for (const entry of listDir(join(dir, relativeDir), relativeDir)) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const relative = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      // Symbolic links to folders are not followed (they could loop); links to files are read.
      if (entry.isDirectory()) pending.push(relative);
      else if (entry.name.endsWith(extension) && (entry.isFile() || (entry.isSymbolicLink() && isFile(join(dir, relative))))) {
        found.push(relative);
      }
    }
  }
  return found.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function listDir(dir: string, shown: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw usageError(`cannot read folder '${shown || "."}' (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
}

function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw usageError(`cannot read '${shown}' (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

// The PATH arguments of `reqonc daemon` (§36.2): a mission file, a mission folder (§33: it holds
// mission.reqon or mission.vague), or a folder of missions — every `*.reqon` / `*.vague` file
// and mission folder directly inside it, in name order.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { usageError } from "../exit.ts";

const MISSION_FILE = /\.(reqon|vague)$/;
const ROOT_FILES = ["mission.reqon", "mission.vague"];

export function expandMissionPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    if (!isDirectory(path)) {
      out.push(path); // read (and refused when not a mission file) like any command's FILE
      continue;
    }
    if (isMissionFolder(path)) {
      out.push(path);
      continue;
    }
    const found = readdirSync(path).sort().flatMap((name) => {
      const child = join(path, name);
      if (isDirectory(child)) return name.startsWith(".") || name === "node_modules" || !isMissionFolder(child) ? [] : [child];
      return MISSION_FILE.test(name) ? [child] : [];
    });
    if (found.length === 0) throw usageError(`'${path}' holds no mission file (*.reqon, *.vague) or mission folder`);
    out.push(...found);
  }
  return out;
}

function isMissionFolder(dir: string): boolean {
  return ROOT_FILES.some((name) => isFile(join(dir, name)));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

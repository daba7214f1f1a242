// --output DIR: one pretty-printed `DIR/<store>.json` per store, each written atomically
// (temp file + rename) so a reader never sees half a file.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunResult } from "../runtime/types.ts";

export function writeStoreFiles(dir: string, stores: RunResult["stores"]): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(stores).map(([store, records]) => {
    const target = join(dir, `${store}.json`);
    const temp = join(dir, `.${store}.json.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify(records, null, 2) + "\n");
    renameSync(temp, target);
    return target;
  });
}

// --output DIR: one pretty-printed `DIR/<store>.json` per store, each written atomically
// (temp file + rename) so a reader never sees half a file.
import { join } from "node:path";
import { writeFileAtomicSync } from "../runtime/io/atomic-write.ts";
import type { RunResult } from "../runtime/core/types.ts";

export function writeStoreFiles(dir: string, stores: RunResult["stores"]): string[] {
  return Object.entries(stores).map(([store, records]) => {
    const target = join(dir, `${store}.json`);
    writeFileAtomicSync(target, JSON.stringify(records, null, 2) + "\n");
    return target;
  });
}

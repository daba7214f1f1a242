// Writes a file so that a reader never sees half of it (LANGUAGE.md's "nothing is lost"): the
// text goes to a temporary file beside the target, which is then renamed over it. Used by file
// stores and sync checkpoints, and (the sync form) by the CLI's output files.
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = temporaryBeside(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text, "utf8");
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {}); // no half-written temporary left behind
    throw error;
  }
}

/** The same, synchronously (the CLI's output files, which are written as a run ends or a build finishes). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temp = temporaryBeside(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}

/** A temporary name no other writer (process or concurrent write) uses. */
function temporaryBeside(path: string): string {
  return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

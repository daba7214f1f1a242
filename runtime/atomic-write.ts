// Writes a file so that a reader never sees half of it (LANGUAGE.md's "nothing is lost"): the
// text goes to a temporary file beside the target, which is then renamed over it. Used by file
// stores and sync checkpoints.
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text, "utf8");
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {}); // no half-written temporary left behind
    throw error;
  }
}

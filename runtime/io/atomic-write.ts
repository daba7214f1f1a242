// Writes a file so that a reader never sees half of it (LANGUAGE.md's "nothing is lost"): the
// text goes to a temporary file beside the target, which is then renamed over it. Used by file
// stores and sync checkpoints, and (the sync form) by the CLI's output files.
//
// A process killed mid-write (SIGKILL, power loss) leaves its temporary behind. Temporaries are
// named `<target>.reqonc-<pid>-<random>.tmp`, so the next writer of the same target recognises
// them and removes the stale ones (see removeStaleTemporaries).
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Temporaries of this process being written now: never stale, whatever their pid says. */
const inFlight = new Set<string>();
/** Targets whose stale temporaries were already looked for by this process. */
const swept = new Set<string>();

/**
 * A temporary of another live process is left alone unless it is this old: no write takes an
 * hour, so by then its pid belongs to some unrelated process that reused the number.
 */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  removeStaleTemporariesOnce(path);
  const temp = temporaryBeside(path);
  inFlight.add(temp);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text, "utf8");
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {}); // no half-written temporary left behind
    throw error;
  } finally {
    inFlight.delete(temp);
  }
}

/** The same, synchronously (the CLI's output files, which are written as a run ends or a build finishes). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  removeStaleTemporariesOnce(path);
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

/**
 * Removes the temporaries that writers of `path` left behind when they were killed: those of a
 * pid that no longer runs, those of this process's pid that it is not writing (a previous process
 * with the same pid, as every container's first process is pid 1), and those older than an hour.
 * A temporary a live writer is still filling is kept. Failures are ignored: this is tidying.
 */
export function removeStaleTemporaries(path: string, now = Date.now()): string[] {
  const dir = dirname(path);
  const prefix = `${basename(path)}.reqonc-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = temporaryPid(name.slice(prefix.length));
    const temp = join(dir, name);
    if (pid === null || inFlight.has(temp) || !isStale(temp, pid, now)) continue;
    try {
      unlinkSync(temp);
      removed.push(temp);
    } catch {
      // gone already (another writer swept it) or not ours to remove
    }
  }
  return removed;
}

/** Looks for stale temporaries of `path` the first time this process loads or writes it. */
export function removeStaleTemporariesOnce(path: string): void {
  if (swept.has(path)) return;
  swept.add(path);
  removeStaleTemporaries(path);
}

/** A temporary name no other writer (process or concurrent write) uses. */
function temporaryBeside(path: string): string {
  return `${path}.reqonc-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
}

/** The pid in `<pid>-<random>.tmp`, or null when the rest of the name is not ours. */
function temporaryPid(rest: string): number | null {
  const match = /^(\d+)-[0-9a-z]+\.tmp$/.exec(rest);
  return match === null ? null : Number(match[1]);
}

function isStale(temp: string, pid: number, now: number): boolean {
  if (pid === process.pid || !isRunning(pid)) return true;
  try {
    return now - statSync(temp).mtimeMs > ABANDONED_AFTER_MS;
  } catch {
    return false;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the pid runs, under another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

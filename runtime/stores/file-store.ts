// Persistence of `file` stores (LANGUAGE.md §27.1): `<dataDir>/<target>.json` holds one JSON
// object `{ KEY: RECORD }` in insertion order. Saves are atomic (temporary file + rename) and
// coalesced: a save requested while another is running writes the latest content once it ends.
import { readFile } from "node:fs/promises";
import { removeStaleTemporariesOnce, writeFileAtomic } from "../io/atomic-write.ts";
import { ReqonError } from "../core/errors.ts";
import type { StoredRecord } from "./record-map.ts";
import { parseOrderedObject } from "../io/ordered-json.ts";

export class StoreFile {
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  constructor(
    readonly store: string,
    readonly path: string,
    private readonly snapshot: () => Iterable<[string, StoredRecord]>,
  ) {}

  /** Records in file order; an absent file is an empty store. */
  async load(): Promise<[string, StoredRecord][]> {
    // A run killed mid-save left a temporary beside the file; a store only read this run is tidied too.
    removeStaleTemporariesOnce(this.path);
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw this.failure(`cannot read ${this.path}`, e);
    }
    let entries: [string, unknown][];
    try {
      entries = parseOrderedObject(text);
    } catch (e) {
      throw this.failure(`${this.path} is not a JSON object of records (${(e as Error).message})`, e);
    }
    for (const [key, record] of entries) {
      if (typeof record !== "object" || record === null || Array.isArray(record)) {
        throw this.failure(`${this.path}: record '${key}' is not an object`);
      }
    }
    return entries as [string, StoredRecord][];
  }

  /** Writes the current content; resolves once a write that includes it is on disk. */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.running.catch(() => {}).then(() => {
      this.queued = null;
      return this.writeNow();
    });
    this.queued = next;
    this.running = next;
    return next;
  }

  /** Waits for every requested save. A failed save was already reported to its store step. */
  async flush(): Promise<void> {
    await this.running.catch(() => {});
  }

  private async writeNow(): Promise<void> {
    try {
      await writeFileAtomic(this.path, serialise(this.snapshot()));
    } catch (e) {
      throw this.failure(`cannot write ${this.path}`, e);
    }
  }

  private failure(what: string, cause?: unknown): ReqonError {
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return new ReqonError("STORE_ERROR", `store '${this.store}': ${what}${detail}`, { cause });
  }
}

/** `{ KEY: RECORD }` written key by key, so integer-like keys keep insertion order. */
function serialise(entries: Iterable<[string, StoredRecord]>): string {
  const lines: string[] = [];
  for (const [key, record] of entries) lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(record)}`);
  return lines.length === 0 ? "{}\n" : `{\n${lines.join(",\n")}\n}\n`;
}

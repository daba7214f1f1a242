// Incremental-sync checkpoints (LANGUAGE.md §24.5): `<dataDir>/sync/<mission>.json` holding
// `{ KEY: { syncedAt, recordCount } }`, read once, written atomically on commit.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { ReqonError, messageOf } from "../core/errors.ts";

export interface Checkpoint {
  syncedAt: string;
  recordCount: number;
}

export class SyncCheckpoints {
  private loaded: Promise<Map<string, Checkpoint>> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string, private readonly mission: string) {}

  get file(): string {
    return join(this.dataDir, "sync", `${this.mission}.json`);
  }

  async get(key: string): Promise<Checkpoint | null> {
    return (await this.load()).get(key) ?? null;
  }

  /** Stores one checkpoint; commits are serialised so concurrent actions never lose each other's. */
  commit(key: string, checkpoint: Checkpoint): Promise<void> {
    const next = this.writing.then(async () => {
      const all = await this.load(); // a file that cannot be read fails with its own message
      all.set(key, checkpoint);
      try {
        await writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(all), null, 2) + "\n");
      } catch (error) {
        throw new ReqonError("STORE_ERROR", `could not write sync checkpoints ${this.file}: ${messageOf(error)}`, { cause: error });
      }
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** The file's checkpoints, read once; a missing file is none, an unreadable or corrupt one STORE_ERROR. */
  private load(): Promise<Map<string, Checkpoint>> {
    this.loaded ??= readFile(this.file, "utf8").then(parseCheckpoints).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return new Map<string, Checkpoint>();
      throw new ReqonError("STORE_ERROR", `could not read sync checkpoints ${this.file}: ${messageOf(error)}`);
    });
    return this.loaded;
  }
}

function parseCheckpoints(text: string): Map<string, Checkpoint> {
  const data: unknown = JSON.parse(text);
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new Error("not a JSON object of checkpoints");
  return new Map(Object.entries(data as Record<string, Checkpoint>));
}

/** `SOURCE:PATH` with the query string and trailing `/` removed. */
export function defaultSyncKey(source: string, path: string): string {
  return `${source}:${path.split("?")[0].replace(/\/+$/, "")}`;
}

/** Formats a checkpoint time: iso (default), date-only, unix seconds, unix-ms, and their aliases. */
export function formatSince(iso: string, format: unknown): string {
  const ms = Date.parse(iso);
  switch (format ?? "iso") {
    case "iso": case "ISO": return new Date(ms).toISOString();
    case "date-only": case "YYYY-MM-DD": return new Date(ms).toISOString().slice(0, 10);
    case "unix": case "timestamp": return String(Math.floor(ms / 1000));
    case "unix-ms": case "epoch": return String(ms);
    default: throw new ReqonError("CONFIG_ERROR", `unknown sinceFormat '${String(format)}'`);
  }
}

// Incremental-sync checkpoints (LANGUAGE.md §24.5): `<dataDir>/sync/<mission>.json` holding
// `{ KEY: { syncedAt, recordCount } }`, read once, written atomically on commit.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-write.ts";
import { ReqonError, messageOf } from "./errors.ts";

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
      const all = await this.load();
      all.set(key, checkpoint);
      await writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(all), null, 2) + "\n");
    });
    this.writing = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      throw new ReqonError("STORE_ERROR", `could not write sync checkpoints ${this.file}: ${messageOf(error)}`, { cause: error });
    });
  }

  private load(): Promise<Map<string, Checkpoint>> {
    this.loaded ??= readFile(this.file, "utf8").then(
      (text) => new Map(Object.entries(JSON.parse(text) as Record<string, Checkpoint>)),
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return new Map<string, Checkpoint>();
        throw new ReqonError("STORE_ERROR", `could not read sync checkpoints ${this.file}: ${messageOf(error)}`);
      },
    );
    return this.loaded;
  }
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

// The mission's stores (LANGUAGE.md §9, §27): one ordered record map per store name, with file
// persistence for `file` stores (and `nosql`, and `sql` without PostgREST, kept as files), and a
// write-through PostgREST mirror for `postgrest` stores (and `sql` with PostgREST configured).
// Dry runs keep every store in memory (§29).
import { isAbsolute, join, resolve } from "node:path";
import { ReqonError } from "../core/errors.ts";
import type { Emit } from "../core/events.ts";
import { RecordMap } from "./record-map.ts";
import { StoreFile } from "./file-store.ts";
import { PostgrestTable } from "./postgrest.ts";
import { postgrestConfig, type PostgrestConfig } from "./postgrest-http.ts";
import type { MissionInfo, StoreKind } from "../core/types.ts";

type StoreDecl = MissionInfo["stores"][number];

interface OpenStore {
  records: RecordMap;
  /** Null for in-memory and PostgREST stores. */
  file: StoreFile | null;
  /** Null unless the store is a PostgREST table; then `records` is its mirror. */
  table: PostgrestTable | null;
}

export interface StoreSetInit {
  stores: StoreDecl[];
  dataDir: string;
  dryRun: boolean;
  emit: Emit;
  env: (name: string) => string | null;
}

/** `dataDir` option, else REQON_DATA_DIR, else `.reqon-data` in the working directory (§27.2). */
export function resolveDataDir(option: string | undefined, env: (name: string) => string | null): string {
  const dir = option ?? env("REQON_DATA_DIR") ?? ".reqon-data";
  return isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
}

export class StoreSet {
  private readonly stores = new Map<string, OpenStore>();

  /** Creates every declared, written and input store and loads persisted content. */
  static async open(init: StoreSetInit): Promise<StoreSet> {
    const set = new StoreSet();
    // Read once, up front: a bad or missing configuration fails before any table is loaded.
    const postgrest = init.dryRun || !init.stores.some(usesPostgrest) ? null : postgrestConfig(init.env);
    for (const decl of init.stores) {
      const table = init.dryRun ? null : postgrestTable(decl, postgrest);
      if (table !== null) {
        set.stores.set(decl.name, { records: table.mirror, file: null, table });
        continue;
      }
      const records = new RecordMap();
      const file = init.dryRun ? null : storeFile(decl, init, records);
      if (file) for (const [key, record] of await file.load()) records.write(key, record, "replace");
      set.stores.set(decl.name, { records, file, table: null });
    }
    // Loaded after every store is set up, so an unconfigured store fails before any PostgREST call.
    for (const store of set.stores.values()) await store.table?.load();
    return set;
  }

  /** The records of a store; a name the mission table does not list becomes a memory store. */
  records(name: string): RecordMap {
    let store = this.stores.get(name);
    if (store === undefined) {
      store = { records: new RecordMap(), file: null, table: null };
      this.stores.set(name, store);
    }
    return store.records;
  }

  has(name: string): boolean {
    return this.stores.has(name);
  }

  /** The PostgREST table behind a store, whose writes must go through it; null for others. */
  table(name: string): PostgrestTable | null {
    return this.stores.get(name)?.table ?? null;
  }

  /** Records were written into `records(name)`: a file store saves them soon (coalesced, §27.1). */
  changed(name: string): void {
    this.stores.get(name)?.file?.changed();
  }

  /** Writes every file store's pending changes and waits for them (action end, run end). */
  async flush(): Promise<void> {
    await Promise.all([...this.stores.values()].map((store) => store.file?.flush()));
  }

  /** A write failure not reported yet (each store reports one per failing streak), or null. */
  takeFailure(): ReqonError | null {
    for (const store of this.stores.values()) {
      const failure = store.file?.takeFailure();
      if (failure) return failure;
    }
    return null;
  }

  /** Stores that live only in this run's memory (no file, no table): what execution state saves (§37). */
  memoryStores(): [string, RecordMap][] {
    return [...this.stores].filter(([, s]) => s.file === null && s.table === null).map(([name, s]) => [name, s.records]);
  }

  /** The result's `stores` object: every store, KEY → RECORD (§31.2); PostgREST: touched only. */
  snapshot(): Record<string, Record<string, object>> {
    // fromEntries defines fields, so a store named `__proto__` is a field, not the prototype.
    return Object.fromEntries([...this.stores].map(([name, store]) => [name, store.records.toObject()]));
  }
}

function usesPostgrest(decl: StoreDecl): boolean {
  return decl.declared && (decl.kind === "postgrest" || decl.kind === "sql");
}

/** The table behind a `postgrest` store, or a `sql` store when PostgREST is configured (§27.1). */
function postgrestTable(decl: StoreDecl, config: PostgrestConfig | null): PostgrestTable | null {
  if (!usesPostgrest(decl)) return null;
  if (config !== null) return new PostgrestTable(decl.name, config, decl.target);
  if (decl.kind === "postgrest") {
    throw new ReqonError("CONFIG_ERROR",
      `store '${decl.name}' uses postgrest, but PostgREST is not configured (set REQON_POSTGREST_URL)`);
  }
  return null; // sql without PostgREST: the file stand-in below
}

/** The file behind a persistent store, or null for memory stores; warns for stand-in kinds. */
function storeFile(decl: StoreDecl, init: StoreSetInit, records: RecordMap): StoreFile | null {
  const folder = persistedFolder(decl, init);
  if (folder === null) return null;
  return new StoreFile(decl.name, join(folder, `${decl.target}.json`), () => records.entries());
}

function persistedFolder(decl: StoreDecl, init: StoreSetInit): string | null {
  const kind: StoreKind = decl.declared ? decl.kind : "memory";
  switch (kind) {
    case "memory":
      return null;
    case "file":
      return init.dataDir;
    case "sql":
    case "nosql": {
      const folder = join(init.dataDir, kind);
      init.emit({
        type: "warning", kind: "store", store: decl.name,
        message: `store '${decl.name}' (${kind}) is kept as a file store in ${folder} (no native adapter configured)`,
      });
      return folder;
    }
    case "postgrest":
      // postgrestTable() has either opened the table or thrown CONFIG_ERROR.
      throw new ReqonError("CONFIG_ERROR", `store '${decl.name}': PostgREST table was not opened`);
    default: {
      const unknownKind: never = kind;
      throw new ReqonError("CONFIG_ERROR", `store '${decl.name}' has unknown kind '${String(unknownKind)}'`);
    }
  }
}

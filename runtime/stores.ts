// The mission's stores (LANGUAGE.md §9, §27): one ordered record map per store name, with file
// persistence for `file` stores (and `sql`/`nosql`, kept as files for now). Dry runs keep every
// store in memory (§29).
import { isAbsolute, join, resolve } from "node:path";
import { ReqonError } from "./errors.ts";
import type { Emit } from "./events.ts";
import { RecordMap } from "./store-map.ts";
import { StoreFile } from "./store-file.ts";
import type { MissionInfo, StoreKind } from "./types.ts";

type StoreDecl = MissionInfo["stores"][number];

interface OpenStore {
  records: RecordMap;
  /** Null for in-memory stores. */
  file: StoreFile | null;
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
    for (const decl of init.stores) {
      const records = new RecordMap();
      const file = init.dryRun ? null : storeFile(decl, init, records);
      if (file) for (const [key, record] of await file.load()) records.write(key, record, "replace");
      set.stores.set(decl.name, { records, file });
    }
    return set;
  }

  /** The records of a store; a name the mission table does not list becomes a memory store. */
  records(name: string): RecordMap {
    let store = this.stores.get(name);
    if (store === undefined) {
      store = { records: new RecordMap(), file: null };
      this.stores.set(name, store);
    }
    return store.records;
  }

  has(name: string): boolean {
    return this.stores.has(name);
  }

  /** Saves a persistent store after a store step; memory stores need nothing. */
  async persist(name: string): Promise<void> {
    await this.stores.get(name)?.file?.save();
  }

  /** Waits for every pending save (before `run()` returns). */
  async flush(): Promise<void> {
    for (const store of this.stores.values()) await store.file?.flush();
  }

  /** The result's `stores` object: every store, KEY → RECORD (§31.2). */
  snapshot(): Record<string, Record<string, object>> {
    // fromEntries defines fields, so a store named `__proto__` is a field, not the prototype.
    return Object.fromEntries([...this.stores].map(([name, store]) => [name, store.records.toObject()]));
  }
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
      throw postgrestUnavailable(decl, init);
    default: {
      const unknownKind: never = kind;
      throw new ReqonError("CONFIG_ERROR", `store '${decl.name}' has unknown kind '${String(unknownKind)}'`);
    }
  }
}

function postgrestUnavailable(decl: StoreDecl, init: StoreSetInit): ReqonError {
  if (init.env("REQON_POSTGREST_URL") === null) {
    return new ReqonError("CONFIG_ERROR",
      `store '${decl.name}' uses postgrest, but PostgREST is not configured (set REQON_POSTGREST_URL)`);
  }
  return new ReqonError("CONFIG_ERROR", `store '${decl.name}': the PostgREST adapter is not available in this build`);
}

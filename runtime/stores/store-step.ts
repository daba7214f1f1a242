// Store writes from actions: the store step (§10, §27.3), `queue` (§23.2), `delete` and `clear`
// (§27.4). Records and keys are all checked before the first write, so a failing step writes
// nothing and a step that has begun writes all of its records (§7.4). PostgREST stores send each
// record to the table before it reaches the mirror (store-postgrest.ts); a failed send ends the
// step with STORE_ERROR, the records before it kept.
import { ReqonError } from "../core/errors.ts";
import type { Emit } from "../core/events.ts";
import type { StoredRecord } from "./record-map.ts";
import type { PostgrestTable } from "./postgrest.ts";
import type { StoreSet } from "./store-set.ts";
import type { QueueSpec, StoreSpec } from "../core/types.ts";
import { copyValue, isObject, keyString, typeName } from "../values/value-model.ts";

export interface StoreWriter {
  stores: StoreSet;
  emit: Emit;
  /** The running action, for `store.write` events. */
  action: string;
}

type KeyFn = ((record: StoredRecord) => unknown) | undefined;

export async function writeStoreStep(w: StoreWriter, spec: StoreSpec): Promise<void> {
  const records = recordsOf(spec.store, spec.value);
  await writeRecords(w, spec.store, records, spec.key, spec.mode ?? "replace");
}

export async function writeQueueItem(w: StoreWriter, spec: QueueSpec): Promise<void> {
  if (!isObject(spec.item)) throw recordError(spec.store, spec.item);
  await writeRecords(w, spec.store, [spec.item], spec.key, "replace");
}

export async function deleteRecord(w: StoreWriter, store: string, key: unknown): Promise<void> {
  const k = convertKey(store, key);
  const table = w.stores.table(store);
  if (table !== null) await table.delete(k);
  else w.stores.records(store).delete(k);
  w.emit({ type: "store.write", action: w.action, store, key: k, mode: "delete" });
  w.stores.changed(store);
}

export async function clearStore(w: StoreWriter, store: string): Promise<void> {
  const table = w.stores.table(store);
  if (table !== null) await table.clear();
  else w.stores.records(store).clear();
  w.emit({ type: "store.write", action: w.action, store, key: null, mode: "clear" });
  w.stores.changed(store);
}

/** Key lookup for `S[k]`: keys that cannot be keys find nothing. */
export function lookupKey(key: unknown): string | null {
  return keyString(key ?? null);
}

async function writeRecords(
  w: StoreWriter, store: string, records: StoredRecord[], key: KeyFn, mode: "replace" | "merge",
): Promise<void> {
  // null = "no key and no id": a sequence key, allocated while writing so each one is fresh.
  const keys = records.map((record) => explicitKey(store, record, key));
  const table = w.stores.table(store);
  if (table !== null) return writeToTable(w, table, records, keys, mode);
  const target = w.stores.records(store);
  records.forEach((record, i) => {
    const k = keys[i] ?? target.nextSequenceKey();
    target.write(k, record, mode);
    w.emit({ type: "store.write", action: w.action, store, key: k, mode });
  });
  if (records.length > 0) w.stores.changed(store);
}

/** Record by record, in order; each `store.write` event follows PostgREST's acceptance. */
async function writeToTable(
  w: StoreWriter, table: PostgrestTable, records: StoredRecord[], keys: (string | null)[], mode: "replace" | "merge",
): Promise<void> {
  // Copies taken now: the step stores the values as they were when it began (§9.1).
  const copies = records.map(copyValue);
  // Sequence keys are reserved up front so a concurrent step cannot take the same one.
  const resolved = keys.map((k) => k ?? table.mirror.reserveSequenceKey());
  try {
    for (const [i, record] of copies.entries()) {
      await table.write(resolved[i], record, mode);
      w.emit({ type: "store.write", action: w.action, store: table.store, key: resolved[i], mode });
    }
  } finally {
    table.mirror.release(resolved);
  }
}

function recordsOf(store: string, value: unknown): StoredRecord[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    for (const element of value) if (!isObject(element)) throw recordError(store, element);
    return value as StoredRecord[];
  }
  if (isObject(value)) return [value];
  throw recordError(store, value);
}

function explicitKey(store: string, record: StoredRecord, key: KeyFn): string | null {
  if (key !== undefined) return convertKey(store, key(record));
  const id = Object.hasOwn(record, "id") ? record.id : null;
  return id === null || id === undefined ? null : convertKey(store, id);
}

function convertKey(store: string, value: unknown): string {
  const k = keyString(value ?? null);
  if (k !== null) return k;
  // Non-finite numbers are null in the value model (§0.3).
  const what = Array.isArray(value) ? "an array" : isObject(value) ? "an object" : "null";
  throw new ReqonError("STORE_KEY", `store '${store}': key evaluated to ${what}`);
}

function recordError(store: string, value: unknown): ReqonError {
  return new ReqonError("STORE_RECORD", `store '${store}': record must be an object (got ${typeName(value)})`);
}

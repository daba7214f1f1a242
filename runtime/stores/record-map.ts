// One store's records (LANGUAGE.md §9.1): an ordered map from string keys to records, stored by
// value. Replacing or merging keeps a key's position; a deleted key written again moves to the end.
import { copyValue, objectOf } from "../values/value-model.ts";

export type StoredRecord = Record<string, unknown>;

export class RecordMap {
  private readonly records = new Map<string, StoredRecord>();
  /** Every positive integer below this is known to be in use as a key ("1", "2", …). */
  private sequenceFloor = 1;

  get size(): number {
    return this.records.size;
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  get(key: string): StoredRecord | null {
    return this.records.get(key) ?? null;
  }

  values(): StoredRecord[] {
    return [...this.records.values()];
  }

  entries(): IterableIterator<[string, StoredRecord]> {
    return this.records.entries();
  }

  /** Replace (whole record) or merge (shallow, new fields over old); the record is deep-copied. */
  write(key: string, record: StoredRecord, mode: "replace" | "merge"): void {
    const copy = copyValue(record);
    const old = this.records.get(key);
    this.records.set(key, mode === "merge" && old !== undefined ? { ...old, ...copy } : copy);
  }

  delete(key: string): void {
    if (this.records.delete(key)) this.sequenceKeyFreed(key);
  }

  clear(): void {
    this.records.clear();
    this.sequenceFloor = 1;
  }

  /**
   * The lowest positive integer, as a string, not used as a key yet (§10). `reserved` holds keys
   * handed out for writes still in flight (remote stores); give them back with `sequenceKeyFreed`.
   */
  nextSequenceKey(reserved?: ReadonlySet<string>): string {
    const taken = (key: string): boolean => this.records.has(key) || reserved?.has(key) === true;
    while (taken(String(this.sequenceFloor))) this.sequenceFloor++;
    return String(this.sequenceFloor);
  }

  /** A key no longer in use (deleted, or reserved and never written) may be handed out again. */
  sequenceKeyFreed(key: string): void {
    const n = sequenceNumber(key);
    if (n !== null && n < this.sequenceFloor) this.sequenceFloor = n;
  }

  toObject(): Record<string, StoredRecord> {
    return objectOf(this.records);
  }
}

/** "7" → 7; keys that are not a canonical positive integer ("07", "1.5", "x") → null. */
function sequenceNumber(key: string): number | null {
  return /^[1-9][0-9]*$/.test(key) ? Number(key) : null;
}

// The in-memory mirror of a PostgREST table (LANGUAGE.md §27.1, §27.2). Generated code reads
// stores synchronously, so the table is loaded once at run start and every read is served here.
// The mirror remembers which keys this run touched (read or written): only those go into the
// result's `stores` object (§27.2).
import { RecordMap, type StoredRecord } from "./record-map.ts";
import { objectOf } from "../values/value-model.ts";

export class MirrorMap extends RecordMap {
  private readonly touched = new Set<string>();
  /** Sequence keys handed to writes that have not reached the mirror yet. */
  private readonly reserved = new Set<string>();

  /** A row loaded at run start: present in the mirror, not yet touched. */
  preload(key: string, row: StoredRecord): void {
    super.write(key, row, "replace");
  }

  /** A write that PostgREST has accepted. */
  applyAccepted(key: string, record: StoredRecord, mode: "replace" | "merge"): void {
    super.write(key, record, mode);
    this.touched.add(key);
  }

  /** Lookup `S[k]`: a found record counts as read. */
  override get(key: string): StoredRecord | null {
    const record = super.get(key);
    if (record !== null) this.touched.add(key);
    return record;
  }

  /** Snapshot `S` and `for x in S`: every record counts as read. */
  override values(): StoredRecord[] {
    for (const [key] of this.entries()) this.touched.add(key);
    return super.values();
  }

  override delete(key: string): void {
    super.delete(key);
    this.touched.delete(key);
  }

  override clear(): void {
    super.clear();
    this.touched.clear();
  }

  /** Sequence keys for one store step, held until `release` (§10 keys stay unique in flight). */
  reserveSequenceKey(): string {
    const key = this.nextSequenceKey(this.reserved);
    this.reserved.add(key);
    return key;
  }

  release(keys: Iterable<string>): void {
    for (const key of keys) {
      if (!this.reserved.delete(key)) continue;
      if (!this.has(key)) this.sequenceKeyFreed(key);
    }
  }

  /** The result view: touched records only, in store order. */
  override toObject(): Record<string, StoredRecord> {
    return objectOf([...this.entries()].filter(([key]) => this.touched.has(key)));
  }
}

// A store backed by a PostgREST table (LANGUAGE.md §27.1, §27.2) as a write-through mirror.
// Generated code reads stores synchronously, so the whole table is loaded at run start and reads
// come from the mirror (store-mirror.ts). Writes go to PostgREST first and reach the mirror only
// once accepted; a failed write is STORE_ERROR and leaves the mirror as it was.
//
// Rows: primary-key column `id` holds the store key. A loaded row is kept as returned (its `id`
// included, with the column's type); a written record is sent — and mirrored — as
// `{ ...record, id: KEY }`, so a record's own `id` never moves its row to another key.
import { ReqonError } from "../core/errors.ts";
import { MirrorMap } from "./mirror.ts";
import type { StoredRecord } from "./record-map.ts";
import { PostgrestTableClient, type PostgrestConfig } from "./postgrest-http.ts";
import { WriteOrder } from "./write-order.ts";
import { isObject, keyString } from "../values/value-model.ts";

export const LOAD_PAGE_SIZE = 1000;

export class PostgrestTable {
  readonly mirror = new MirrorMap();
  private readonly order = new WriteOrder();
  private readonly client: PostgrestTableClient;

  constructor(
    readonly store: string,
    config: PostgrestConfig,
    target: string,
    private readonly pageSize = LOAD_PAGE_SIZE,
  ) {
    this.client = new PostgrestTableClient(config, store, target);
  }

  /** Loads every row, page by page (ordered by id, so pages do not overlap), until a short page. */
  async load(): Promise<void> {
    for (let offset = 0; ; offset += this.pageSize) {
      const page = await this.client.send({
        method: "GET", query: `select=*&order=id&limit=${this.pageSize}&offset=${offset}`,
      });
      if (!Array.isArray(page)) throw this.badAnswer("loading the table", "an array of rows");
      for (const row of page) this.mirror.preload(this.rowKey(row), row as StoredRecord);
      if (page.length < this.pageSize) return;
    }
  }

  /** Replace: upsert the whole record. Merge: PATCH the fields, inserting when no row matched. */
  write(key: string, record: StoredRecord, mode: "replace" | "merge"): Promise<void> {
    const row = { ...record, id: key };
    return this.order.forKey(key, async () => {
      if (mode === "merge" && (await this.patch(key, row))) {
        this.mirror.applyAccepted(key, row, "merge");
        return;
      }
      await this.upsert(row);
      this.mirror.applyAccepted(key, row, mode);
    });
  }

  delete(key: string): Promise<void> {
    return this.order.forKey(key, async () => {
      await this.client.send({ method: "DELETE", query: idEquals(key) });
      this.mirror.delete(key);
    });
  }

  /** Deletes every row: PostgREST refuses a DELETE without a filter, so match all ids. */
  clear(): Promise<void> {
    return this.order.forAll(async () => {
      await this.client.send({ method: "DELETE", query: "id=not.is.null" });
      this.mirror.clear();
    });
  }

  private async upsert(row: StoredRecord): Promise<void> {
    await this.client.send({ method: "POST", query: "", body: row, prefer: "resolution=merge-duplicates" });
  }

  /** True when a row matched (PostgREST answers the updated rows, `[]` when none). */
  private async patch(key: string, row: StoredRecord): Promise<boolean> {
    const updated = await this.client.send({
      method: "PATCH", query: idEquals(key), body: row, prefer: "return=representation",
    });
    if (!Array.isArray(updated)) throw this.badAnswer(`updating '${key}'`, "an array of rows");
    return updated.length > 0;
  }

  private rowKey(row: unknown): string {
    const key = isObject(row) ? keyString(row.id ?? null) : null;
    if (key === null) throw this.badAnswer("loading the table", "rows with a string or number `id`");
    return key;
  }

  private badAnswer(doing: string, expected: string): ReqonError {
    return new ReqonError("STORE_ERROR", `store '${this.store}': PostgREST answer while ${doing} is not ${expected}`);
  }
}

function idEquals(key: string): string {
  return `id=eq.${encodeURIComponent(key)}`;
}

// Ordering of remote store writes (LANGUAGE.md §9.1): writes to one key run one after another, in
// the order they were requested, so the table and the mirror see the same last write; writes to
// different keys run concurrently. A whole-table operation (clear) waits for every write before
// it and holds back every write after it.
export class WriteOrder {
  /** The last whole-table operation; key writes start after it. */
  private barrier: Promise<void> = Promise.resolve();
  private readonly tails = new Map<string, Promise<void>>();

  forKey<T>(key: string, operation: () => Promise<T>): Promise<T> {
    const before = [this.barrier, this.tails.get(key) ?? this.barrier];
    const result = Promise.all(before).then(operation);
    const tail = settled(result);
    this.tails.set(key, tail);
    // Forget the key once idle, so a long run does not keep one promise per key ever written.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  forAll<T>(operation: () => Promise<T>): Promise<T> {
    const result = Promise.all([this.barrier, ...this.tails.values()]).then(operation);
    this.barrier = settled(result);
    this.tails.clear();
    return result;
  }
}

/** Resolves when `p` settles either way: a failed write does not block the writes after it. */
function settled(p: Promise<unknown>): Promise<void> {
  return p.then(() => {}, () => {});
}

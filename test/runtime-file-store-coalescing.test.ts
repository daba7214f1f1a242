// Coalesced file-store writes (LANGUAGE.md §27.1, issue 9 part 5): at most every 100 ms while
// the run writes, at every action end and before run() returns; always atomic; a failed or
// cancelled run keeps every record stored before it ended.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import * as atomicWrite from "../runtime/io/atomic-write.ts";
import { StoreFile, type SaveTiming } from "../runtime/stores/file-store.ts";
import type { ActionContext } from "../runtime/core/types.ts";
import { memoryStore, run, tempDir } from "./runtime-core-harness.ts";

// Counts the store's writes while keeping them real.
vi.mock("../runtime/io/atomic-write.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../runtime/io/atomic-write.ts")>();
  return { ...real, writeFileAtomic: vi.fn(real.writeFileAtomic) };
});
const writes = vi.mocked(atomicWrite.writeFileAtomic);

/** A clock and timer queue the test moves by hand. */
function fakeTiming(): SaveTiming & { advanceTo(ms: number): void; pending(): number } {
  let now = 0;
  const timers = new Set<{ at: number; fn: () => void }>();
  return {
    intervalMs: 100,
    now: () => now,
    setTimeout: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.add(timer);
      return timer;
    },
    clearTimeout: (timer) => void timers.delete(timer as { at: number; fn: () => void }),
    advanceTo(ms) {
      now = ms;
      for (const timer of [...timers].sort((a, b) => a.at - b.at)) {
        if (timer.at > now) continue;
        timers.delete(timer);
        timer.fn();
      }
    },
    pending: () => timers.size,
  };
}

/**
 * Lets the writes a fired timer started reach the disk (real file I/O), without writing anything
 * itself as flush() would: a few microtasks for save() to start, then every write so far.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await null;
  await Promise.allSettled(writes.mock.results.map((r) => r.value));
}

function storeFile(dir: string, records: Map<string, object>, timing: SaveTiming, name = "S.json"): { file: StoreFile; snapshots: () => number } {
  let snapshots = 0;
  const file = new StoreFile("S", join(dir, name), () => {
    snapshots++;
    return records.entries() as Iterable<[string, never]>;
  }, timing);
  return { file, snapshots: () => snapshots };
}

const onDisk = (dir: string, name = "S.json"): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"));

describe("StoreFile write coalescing", () => {
  it("writes at most once per interval however many records change, and flush writes at once", async () => {
    const dir = tempDir();
    const timing = fakeTiming();
    const records = new Map<string, object>();
    const { file, snapshots } = storeFile(dir, records, timing);

    records.set("1", { id: 1 });
    file.changed();
    expect(snapshots()).toBe(0); // nothing written by the store step itself
    timing.advanceTo(0);
    await settle();
    expect(snapshots()).toBe(1);
    expect(onDisk(dir)).toEqual({ 1: { id: 1 } });

    timing.advanceTo(10);
    for (let i = 2; i <= 500; i++) {
      records.set(String(i), { id: i });
      file.changed();
    }
    expect(timing.pending()).toBe(1);
    timing.advanceTo(99);
    await settle();
    expect(snapshots()).toBe(1);
    timing.advanceTo(100);
    await settle();
    expect(snapshots()).toBe(2);
    expect(Object.keys(onDisk(dir) as object)).toHaveLength(500);

    timing.advanceTo(150);
    records.set("last", { id: "last" });
    file.changed();
    await file.flush(); // an action end: written now, not at 200
    expect(snapshots()).toBe(3);
    expect(onDisk(dir)).toMatchObject({ last: { id: "last" } });
    expect(timing.pending()).toBe(0);
    timing.advanceTo(1000);
    await settle();
    expect(snapshots()).toBe(3); // nothing changed since: no write
    expect(readdirSync(dir)).toEqual(["S.json"]);
  });

  it("a failing write is reported once per failing streak, retried at the next flush, nothing lost", async () => {
    const dir = tempDir();
    const timing = fakeTiming();
    const records = new Map<string, object>([["a", { id: "a" }]]);
    writeFileSync(join(dir, "sub"), "a file where the store's folder should be");
    const { file } = storeFile(dir, records, timing, join("sub", "S.json"));

    file.changed();
    timing.advanceTo(0);
    await settle();
    const failure = file.takeFailure();
    expect(failure).toMatchObject({ code: "STORE_ERROR", message: expect.stringContaining("store 'S': cannot write") });
    expect(file.takeFailure()).toBeNull();
    records.set("b", { id: "b" });
    file.changed();
    await file.flush();
    expect(file.takeFailure()).toBeNull(); // the same streak: already reported

    rmSync(join(dir, "sub"));
    mkdirSync(join(dir, "sub"));
    await file.flush(); // still dirty from the failed writes: written now
    expect(onDisk(dir, join("sub", "S.json"))).toEqual({ a: { id: "a" }, b: { id: "b" } });
    expect(file.takeFailure()).toBeNull();
  });
});

const fileStore = (name: string) => memoryStore(name, { kind: "file", target: name, declared: true });

describe("file stores in a run", () => {
  it("a sequential loop of 2,000 store steps writes the file a few times, not 2,000", async () => {
    const dataDir = tempDir();
    writes.mockClear();
    const started = performance.now();
    const { result } = await run({
      actions: {
        A: async (cx: ActionContext) => {
          for (let i = 0; i < 2000; i++) {
            await cx.store({ store: "S", value: { id: i } });
            await new Promise((resolve) => setImmediate(resolve)); // as a request between steps would
          }
        },
      },
      pipeline: ["A"],
      stores: [fileStore("S")],
    }, { dataDir });
    const elapsed = performance.now() - started;
    expect(result.status).toBe("succeeded");
    const storeWrites = writes.mock.calls.filter(([path]) => path === join(dataDir, "S.json")).length;
    // One write per 100 ms interval of the run at most, plus the one at the action's end.
    expect(storeWrites).toBeGreaterThanOrEqual(1);
    expect(storeWrites).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 2);
    expect(Object.keys(onDisk(dataDir) as object)).toHaveLength(2000);
  });

  it("each action's records are on disk when its action.end is emitted, before the next stage", async () => {
    const dataDir = tempDir();
    const seen: Record<string, unknown> = {};
    await run({
      actions: {
        A: async (cx: ActionContext) => cx.store({ store: "S", value: [{ id: "a1" }, { id: "a2" }] }),
        B: async (cx: ActionContext) => cx.store({ store: "S", value: { id: "b1" } }),
      },
      pipeline: ["A", "B"],
      stores: [fileStore("S")],
    }, { dataDir, onEvent: (e) => {
      if (e.type === "action.end") seen[e.action] = onDisk(dataDir);
    } });
    expect(seen).toEqual({
      A: { a1: { id: "a1" }, a2: { id: "a2" } },
      B: { a1: { id: "a1" }, a2: { id: "a2" }, b1: { id: "b1" } },
    });
  });

  it("a cancelled run keeps every record stored before the cancellation", async () => {
    const dataDir = tempDir();
    const controller = new AbortController();
    const { result } = await run({
      actions: {
        A: async (cx: ActionContext) => {
          await cx.forEach(Array.from({ length: 100 }, (_, i) => i), {}, async (c, i) => {
            await c.store({ store: "S", value: { id: i } });
            if (i === 41) controller.abort();
          });
        },
      },
      pipeline: ["A"],
      stores: [fileStore("S")],
    }, { dataDir, signal: controller.signal });
    expect(result.status).toBe("failed");
    expect(result.timeline[0]!.status).toBe("cancelled");
    expect(Object.keys(onDisk(dataDir) as object)).toEqual(Array.from({ length: 42 }, (_, i) => String(i)));
  });

  it("an action whose store cannot be written fails with one STORE_ERROR; the result keeps its records", async () => {
    const dataDir = tempDir();
    const { result } = await run({
      actions: {
        A: async (cx: ActionContext) => {
          // The folder becomes unusable after the store was loaded (absent file: empty store).
          writeFileSync(join(dataDir, "sub"), "not a folder");
          for (let i = 0; i < 3; i++) await cx.store({ store: "S", value: { id: i } });
        },
      },
      pipeline: ["A"],
      stores: [memoryStore("S", { kind: "file", target: "sub/S", declared: true })],
    }, { dataDir });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "A", code: "STORE_ERROR", message: expect.stringContaining("store 'S': cannot write") }]);
    expect(Object.keys(result.stores.S!)).toEqual(["0", "1", "2"]);
  });
});

// `file` stores (LANGUAGE.md §27): persisted as <dataDir>/<target>.json, loaded at start, written
// atomically at action ends (coalescing: runtime-file-store-coalescing.test.ts); sql/nosql stand-ins, postgrest config error, dry run (§29).
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ActionContext } from "../runtime/core/types.ts";
import { memoryStore, run, tempDir, type Store } from "./runtime-core-harness.ts";

const fileStore = (name: string, kind: Store["kind"] = "file", target = name): Store =>
  memoryStore(name, { kind, target, declared: true });

function writer(stores: Store[], body: (cx: ActionContext) => Promise<void>) {
  return { actions: { A: body }, pipeline: ["A"], stores };
}

describe("file stores", () => {
  it("writes at the action's end, keeps insertion order on reload (integer-like keys too)", async () => {
    const dataDir = tempDir();
    const path = join(dataDir, "items-target.json");
    let atActionEnd = "";
    const first = await run(writer([fileStore("items", "file", "items-target")], async (cx) => {
      await cx.store({ store: "items", value: [{ id: "b" }, { id: 10 }, { id: 2 }] });
      await cx.store({ store: "items", value: { id: "a" } });
    }), { dataDir, onEvent: (e) => {
      if (e.type === "action.end") atActionEnd = readFileSync(path, "utf8");
    } });
    expect(first.result.status).toBe("succeeded");
    expect(Object.keys(JSON.parse(atActionEnd)).sort()).toEqual(["10", "2", "a", "b"]);
    expect(atActionEnd.indexOf('"b"')).toBeLessThan(atActionEnd.indexOf('"10"'));
    expect(atActionEnd.indexOf('"10"')).toBeLessThan(atActionEnd.indexOf('"2"'));

    let order: string[] = [];
    await run(writer([fileStore("items", "file", "items-target")], async (cx) => {
      order = cx.read("items").map((r) => String(r.id));
      await cx.store({ store: "items", value: { id: 2, again: true } });
    }), { dataDir });
    expect(order).toEqual(["b", "10", "2", "a"]);
    const text = readFileSync(path, "utf8");
    expect(text.indexOf('"a"')).toBeGreaterThan(text.indexOf('"again"'));
    expect(readdirSync(dataDir)).toEqual(["items-target.json"]); // no temporary files left
  });

  it("replaces the file by rename, never rewriting it in place", async () => {
    const dataDir = tempDir();
    const path = join(dataDir, "S.json");
    writeFileSync(path, '{ "old": { "v": 1 } }');
    // A hard link keeps the old inode: an in-place write would change it, a rename does not.
    linkSync(path, join(dataDir, "witness"));
    const { result } = await run(writer([fileStore("S")], async (cx) => {
      await cx.store({ store: "S", value: { id: "new" } });
    }), { dataDir });
    expect(result.stores.S).toEqual({ old: { v: 1 }, new: { id: "new" } });
    expect(JSON.parse(readFileSync(join(dataDir, "witness"), "utf8"))).toEqual({ old: { v: 1 } });
    expect(Object.keys(JSON.parse(readFileSync(path, "utf8")))).toEqual(["old", "new"]);
  });

  it("persists delete and clear, and parallel writers all land", async () => {
    const dataDir = tempDir();
    const { result } = await run({
      actions: {
        A: async (cx: ActionContext) => {
          await cx.forEach([1, 2, 3, 4, 5, 6], { parallel: true }, async (c, n) => {
            await c.store({ store: "S", value: { id: n } });
          });
          await cx.deleteKey("S", 3);
        },
        B: async (cx: ActionContext) => {
          await cx.store({ store: "T", value: { id: 1 } });
          await cx.clear("T");
        },
      },
      pipeline: [["A", "B"]],
      stores: [fileStore("S"), fileStore("T")],
    }, { dataDir });
    expect(Object.keys(result.stores.S)).toEqual(["1", "2", "4", "5", "6"]);
    expect(Object.keys(JSON.parse(readFileSync(join(dataDir, "S.json"), "utf8")))).toEqual(["1", "2", "4", "5", "6"]);
    expect(JSON.parse(readFileSync(join(dataDir, "T.json"), "utf8"))).toEqual({});
  });

  it("writes input data seeding a file store", async () => {
    const dataDir = tempDir();
    await run(writer([fileStore("S")], async () => {}), { dataDir, inputs: { S: [{ id: "in" }] } });
    expect(JSON.parse(readFileSync(join(dataDir, "S.json"), "utf8"))).toEqual({ in: { id: "in" } });
  });

  it("uses REQON_DATA_DIR (env option) when no dataDir is given", async () => {
    const dataDir = tempDir();
    await run(writer([fileStore("S")], async (cx) => {
      await cx.store({ store: "S", value: { id: 1 } });
    }), { dataDir: undefined, env: { REQON_DATA_DIR: dataDir } });
    expect(existsSync(join(dataDir, "S.json"))).toBe(true);
  });

  it("keeps sql and nosql stores as files in subfolders, with a warning each", async () => {
    const dataDir = tempDir();
    const { result, of } = await run(writer([fileStore("A", "sql"), fileStore("B", "nosql")], async (cx) => {
      await cx.store({ store: "A", value: { id: 1 } });
      await cx.store({ store: "B", value: { id: 2 } });
    }), { dataDir });
    expect(result.status).toBe("succeeded");
    expect(JSON.parse(readFileSync(join(dataDir, "sql", "A.json"), "utf8"))).toEqual({ 1: { id: 1 } });
    expect(JSON.parse(readFileSync(join(dataDir, "nosql", "B.json"), "utf8"))).toEqual({ 2: { id: 2 } });
    expect(of("warning").map((w) => w.store)).toEqual(["A", "B"]);
  });

  it("fails with CONFIG_ERROR before any action for an unconfigured postgrest store", async () => {
    let ran = false;
    const { result } = await run(writer([fileStore("P", "postgrest")], async () => {
      ran = true;
    }));
    expect(ran).toBe(false);
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "", code: "CONFIG_ERROR", message: expect.stringMatching(/store 'P' uses postgrest/) }]);
    expect(result.stores).toEqual({ P: {} });
  });

  it("a corrupt file is STORE_ERROR and the run fails", async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, "S.json"), "{ not json");
    const { result } = await run(writer([fileStore("S")], async () => {}), { dataDir });
    expect(result.status).toBe("failed");
    expect(result.errors[0]).toMatchObject({ action: "", code: "STORE_ERROR" });
    expect(result.timeline[0].status).toBe("skipped");
  });

  it("dry run keeps file stores in memory: nothing read, nothing written", async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, "sub"));
    writeFileSync(join(dataDir, "S.json"), '{ "old": {} }');
    const { result } = await run(writer([fileStore("S"), fileStore("P", "postgrest")], async (cx) => {
      await cx.store({ store: "S", value: { id: 1 } });
      await cx.store({ store: "P", value: { id: 1 } });
    }), { dataDir, dryRun: true });
    expect(result.status).toBe("succeeded");
    expect(result.stores.S).toEqual({ 1: { id: 1 } });
    expect(readFileSync(join(dataDir, "S.json"), "utf8")).toBe('{ "old": {} }');
  });
});

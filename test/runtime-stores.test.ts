// Store semantics (LANGUAGE.md §9, §10, §23.2, §27.3, §27.4) and input stores (§9.2), driven
// through runMission with hand-written actions.
import { describe, expect, it } from "vitest";
import { runMission } from "../runtime/core/run-mission.ts";
import { RecordMap } from "../runtime/stores/record-map.ts";
import type { ActionContext } from "../runtime/core/types.ts";
import { compile, memoryStore, pipelineOf, run } from "./runtime-core-harness.ts";

const get = (r: Record<string, unknown>, f: string): unknown => r[f] ?? null;

function oneAction(body: (cx: ActionContext) => Promise<void>, stores = [memoryStore("S")]) {
  return { actions: { A: body }, pipeline: ["A"], stores };
}

describe("store step", () => {
  it("keeps insertion order; replacing keeps the position, delete + write moves to the end", async () => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value: [{ id: "b", v: 1 }, { id: "a", v: 1 }, { id: 3, v: 1 }] });
      await cx.store({ store: "S", value: { id: "b", v: 2 } });
      await cx.deleteKey("S", "a");
      await cx.store({ store: "S", value: { id: "a", v: 3 } });
      cx.response = cx.read("S").map((r) => `${String(r.id)}${String(r.v)}`);
      await cx.store({ store: "S", value: { id: "order", list: cx.response } });
    }));
    expect(result.stores.S.order).toEqual({ id: "order", list: ["b2", "31", "a3"] });
    expect(result.status).toBe("succeeded");
  });

  it("deep-copies records on write", async () => {
    const { result } = await run(oneAction(async (cx) => {
      const record = { id: 1, nested: { n: 1 } };
      await cx.store({ store: "S", value: record });
      record.nested.n = 99;
      const stored = cx.lookup("S", 1);
      await cx.store({ store: "S", value: { id: 2, seen: stored?.nested } });
    }));
    expect(result.stores.S["1"]).toEqual({ id: 1, nested: { n: 1 } });
    expect(result.stores.S["2"]).toEqual({ id: 2, seen: { n: 1 } });
  });

  it("deep-copies arrays inside records, keeps a `__proto__` field a field, and copies other objects as structuredClone does", async () => {
    const when = new Date(Date.UTC(2026, 0, 2));
    const record = JSON.parse('{"id":1,"rows":[[1,{"n":1}],null],"__proto__":{"polluted":true}}');
    record.when = when;
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value: record });
      record.rows[0][1].n = 99;
      record.rows.push("late");
      when.setUTCFullYear(1999);
    }));
    const stored = result.stores.S["1"] as Record<string, unknown>;
    expect(stored.rows).toEqual([[1, { n: 1 }], null]);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.hasOwn(stored, "__proto__")).toBe(true);
    expect((stored as { polluted?: unknown }).polluted).toBeUndefined();
    expect(stored.when).toBeInstanceOf(Date);
    expect((stored.when as Date).toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });

  it("gives records without key or id the lowest unused positive integer key", async () => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value: [{ a: 1 }, { a: 2 }, { id: "3", a: 3 }, { id: null, a: 4 }] });
      await cx.deleteKey("S", "2");
      await cx.store({ store: "S", value: [{ a: 5 }, { a: 6 }] });
    }));
    expect(Object.keys(result.stores.S).sort()).toEqual(["1", "2", "3", "4", "5"]);
    expect(result.stores.S["2"]).toEqual({ a: 5 });
    expect(result.stores.S["4"]).toEqual({ id: null, a: 4 });
    expect(result.stores.S["5"]).toEqual({ a: 6 });
  });

  it("converts keys: numbers in shortest form, booleans, strings as-is", async () => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value: [{ k: 7 }, { k: 2.5 }, { k: true }, { k: "x y" }], key: (r) => get(r, "k") });
    }));
    expect(Object.keys(result.stores.S)).toEqual(["7", "2.5", "true", "x y"]);
  });

  it.each([
    [null, "store 'S': key evaluated to null"],
    [{ a: 1 }, "store 'S': key evaluated to an object"],
    [[1], "store 'S': key evaluated to an array"],
  ])("a key of %j is STORE_KEY and nothing of the step is written", async (key, message) => {
    const { result } = await run(oneAction(async (cx) => {
      cx.step("4:3");
      await cx.store({ store: "S", value: [{ ok: 1, k: "fine" }, { k: key }], key: (r) => get(r, "k") });
    }));
    expect(result.errors).toEqual([{ action: "A", message, code: "STORE_KEY" }]);
    expect(result.stores.S).toEqual({});
    expect(result.status).toBe("failed");
  });

  it.each([
    [5, "store 'S': record must be an object (got number)"],
    [[{ id: 1 }, "x"], "store 'S': record must be an object (got string)"],
    ["s", "store 'S': record must be an object (got string)"],
  ])("storing %j is STORE_RECORD", async (value, message) => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value });
    }));
    expect(result.errors).toEqual([{ action: "A", message, code: "STORE_RECORD" }]);
    expect(result.stores.S).toEqual({});
  });

  it("stores nothing for null and replaces or merges by mode", async () => {
    const { result, of } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value: null });
      await cx.store({ store: "S", value: { id: 1, a: 1, b: 1 } });
      await cx.store({ store: "S", value: { id: 1, b: 2, c: 2 }, mode: "merge" });
      await cx.store({ store: "S", value: { id: 2, a: 1, b: 1 } });
      await cx.store({ store: "S", value: { id: 2, b: 2 } });
      await cx.store({ store: "S", value: { id: 3, z: 1 }, mode: "merge" });
    }));
    expect(result.stores.S).toEqual({ 1: { id: 1, a: 1, b: 2, c: 2 }, 2: { id: 2, b: 2 }, 3: { id: 3, z: 1 } });
    expect(of("store.write").map((e) => [e.store, e.key, e.mode, e.action])).toEqual([
      ["S", "1", "replace", "A"], ["S", "1", "merge", "A"], ["S", "2", "replace", "A"],
      ["S", "2", "replace", "A"], ["S", "3", "merge", "A"],
    ]);
  });

  it("queue writes one record with its key or a sequence key; clear empties; lookup and count", async () => {
    const { result, of } = await run(oneAction(async (cx) => {
      await cx.queue({ store: "S", item: { reason: "x" } });
      await cx.queue({ store: "S", item: { id: 9, reason: "y" } });
      await cx.queue({ store: "S", item: { n: 4 }, key: (r) => get(r, "n") });
      const seen = { one: cx.lookup("S", "1"), nine: cx.lookup("S", 9), none: cx.lookup("S", null), count: cx.count("S") };
      await cx.clear("S");
      await cx.store({ store: "T", value: { id: "seen", ...seen, after: cx.count("S") } });
    }, [memoryStore("S"), memoryStore("T")]));
    expect(result.stores.T.seen).toEqual({
      id: "seen", one: { reason: "x" }, nine: { id: 9, reason: "y" }, none: null, count: 3, after: 0,
    });
    expect(result.stores.S).toEqual({});
    expect(of("store.write").at(-2)).toMatchObject({ store: "S", key: null, mode: "clear" });
  });

  it("queue of a non-object is STORE_RECORD", async () => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.queue({ store: "S", item: null });
    }));
    expect(result.errors).toEqual([{ action: "A", message: "store 'S': record must be an object (got null)", code: "STORE_RECORD" }]);
  });

  it("read() is a snapshot: later writes do not change it", async () => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value: { id: 1 } });
      const snapshot = cx.read("S");
      await cx.store({ store: "S", value: { id: 2 } });
      await cx.store({ store: "S", value: { id: "n", n: snapshot.length } });
    }));
    expect(result.stores.S.n).toEqual({ id: "n", n: 1 });
  });

  it("lists a store named like an Object.prototype member as an ordinary result field", async () => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "__proto__", value: { id: 1 } });
      await cx.store({ store: "constructor", value: { id: 2 } });
    }, [memoryStore("__proto__"), memoryStore("constructor")]));
    expect(Object.hasOwn(result.stores, "__proto__")).toBe(true);
    expect(result.stores["__proto__"]).toEqual({ "1": { id: 1 } });
    expect(result.stores.constructor).toEqual({ "2": { id: 2 } });
  });

  it("lists a record keyed `__proto__` as an ordinary field of its store", async () => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value: { id: "__proto__", n: 1 } });
    }));
    expect(Object.hasOwn(result.stores.S, "__proto__")).toBe(true);
    expect(JSON.parse(JSON.stringify(result.stores.S))).toEqual({ ["__proto__"]: { id: "__proto__", n: 1 } });
  });
});

describe("RecordMap sequence keys", () => {
  it("reuses a freed lower key and skips keys taken explicitly", () => {
    const map = new RecordMap();
    map.write("2", {}, "replace");
    expect(map.nextSequenceKey()).toBe("1");
    map.write("1", {}, "replace");
    expect(map.nextSequenceKey()).toBe("3");
    map.write("3", {}, "replace");
    map.delete("01");
    map.delete("1");
    expect(map.nextSequenceKey()).toBe("1");
  });
});

describe("input stores", () => {
  const reader = {
    actions: {
      A: async (cx: ActionContext) => {
        await cx.store({ store: "out", value: { id: "n", n: cx.count("customers"), first: cx.read("customers")[0] } });
      },
    },
    pipeline: ["A"],
    stores: [memoryStore("out"), memoryStore("customers", { input: true })],
  };

  it("keys array input by id, else by index; object input by its keys", async () => {
    const fromArray = await run(reader, { inputs: { customers: [{ id: 5, n: "a" }, { n: "b" }] } });
    expect(fromArray.result.stores.customers).toEqual({ 5: { id: 5, n: "a" }, 1: { n: "b" } });
    expect(fromArray.result.stores.out.n).toEqual({ id: "n", n: 2, first: { id: 5, n: "a" } });
    const fromObject = await run(reader, { inputs: { customers: { k1: { x: 1 } } } });
    expect(fromObject.result.stores.customers).toEqual({ k1: { x: 1 } });
    expect(fromObject.result.status).toBe("succeeded");
  });

  it("fails before any action with INPUT_MISSING when an input store is not supplied", async () => {
    let ran = false;
    const { result } = await run({ ...reader, actions: { A: async () => { ran = true; } } });
    expect(ran).toBe(false);
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{
      action: "", code: "INPUT_MISSING",
      message: "input store 'customers' was not supplied (use --input customers=FILE.json)",
    }]);
    expect(result.timeline).toEqual([{ action: "A", stage: 0, start: expect.any(Number), end: expect.any(Number), status: "skipped" }]);
    expect(Object.keys(result.stores).sort()).toEqual(["customers", "out"]);
  });

  it("rejects run() for an unknown input name or malformed data", async () => {
    const compiled = compile(reader);
    await expect(runMission(compiled, { inputs: { nope: [] } }, pipelineOf(reader))).rejects.toThrow(/unknown store 'nope'/);
    await expect(runMission(compiled, { inputs: { customers: 3 as never } }, pipelineOf(reader))).rejects.toThrow(/must be an array/);
    await expect(runMission(compiled, { inputs: { customers: [1] } }, pipelineOf(reader))).rejects.toThrow(/must be an object/);
    const cyclic: Record<string, unknown> = { id: "c" };
    cyclic.self = { back: cyclic };
    await expect(runMission(compiled, { inputs: { customers: [cyclic] } }, pipelineOf(reader)))
      .rejects.toThrow("input 'customers': record 0 is not JSON data (it contains itself, or nests too deeply)");
  });

  it("takes the inputs as they are when run() is called", async () => {
    const customers = [{ id: 1, tags: ["a"] }];
    const running = run(reader, { inputs: { customers } });
    customers[0].tags.push("late");
    customers.push({ id: 2, tags: [] });
    const { result } = await running;
    expect(result.stores.customers).toEqual({ 1: { id: 1, tags: ["a"] } });
  });

  it("seeds written stores too", async () => {
    const { result } = await run(oneAction(async (cx) => {
      await cx.store({ store: "S", value: { id: "b" } });
    }), { inputs: { S: [{ id: "a" }] } });
    expect(Object.keys(result.stores.S)).toEqual(["a", "b"]);
  });
});

// Audit regressions for the module contract (LANGUAGE.md §31.1, §31.3): listeners that throw,
// independent runs of one module, and the documented rejection cases of run().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { loadMission, runMission, type LoadedMission } from "./support/mission.ts";

let api: ApiServer;
let counter: LoadedMission;

beforeAll(async () => {
  api = await startApiServer();
  api.route("GET", "/items", { delayMs: 30, json: [{ id: 1 }, { id: 2 }] });
  // Each run stores the records, then one more keyed by the store's size: a store that leaked
  // from an earlier or concurrent run would give a different key.
  counter = await loadMission(`mission Counter {
    source Api { base: "${api.url}" }
    action Load {
      get Api "/items"
      store response -> items { key: .id }
      store { id: length(items) + 10 } -> items { key: .id }
    }
    run Load
  }`);
});

afterAll(async () => {
  await api.close();
});

describe("onEvent (§31.1: exceptions thrown by it are ignored)", () => {
  it("a listener that throws does not disturb the run", async () => {
    const result = await counter.run({ onEvent: () => { throw new Error("listener bug"); } });
    expect(result.status).toBe("succeeded");
    expect(Object.keys(result.stores.items)).toEqual(["1", "2", "12"]);
  });

  // An async listener's rejected promise used to escape as an unhandled rejection (vitest
  // reports those as errors; a plain Node process exits).
  it("an async listener that rejects does not disturb the run or the process", async () => {
    let calls = 0;
    const result = await counter.run({ onEvent: async () => { calls++; throw new Error("async listener bug"); } });
    await new Promise((resolve) => setTimeout(resolve, 20)); // let any stray rejection surface
    expect(result.status).toBe("succeeded");
    expect(calls).toBeGreaterThan(3);
  });
});

describe("run() (§31.1)", () => {
  it("every call is an independent run, also when calls overlap", async () => {
    const [a, b] = await Promise.all([counter.run(), counter.run()]);
    const c = await counter.run();
    for (const result of [a, b, c]) expect(Object.keys(result.stores.items)).toEqual(["1", "2", "12"]);
  });

  it.each([
    ["an unknown source in baseUrls", { baseUrls: { Depot: "http://127.0.0.1:1" } }, /unknown source 'Depot'/],
    ["an unknown store in inputs", { inputs: { nope: [] } }, /unknown store 'nope'/],
    ["input data that is not records", { inputs: { items: [1] } }, /must be an object/],
  ])("rejects for %s", async (_name, options, message) => {
    await expect(counter.run(options)).rejects.toThrow(message);
  });

  it("resolves (does not reject) when the mission fails at run start", async () => {
    const { result, events } = await runMission(counter, { baseUrls: { Api: "ftp://nowhere" } });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([
      { action: "", message: "base URL of source 'Api' is not an http(s) URL: ftp://nowhere", code: "CONFIG_ERROR" },
    ]);
    expect(result.timeline).toEqual([
      { action: "Load", stage: 0, start: expect.any(Number), end: expect.any(Number), status: "skipped" },
    ]);
    expect(events.map((e) => e.type)).toEqual(["mission.start", "mission.end"]);
  });
});

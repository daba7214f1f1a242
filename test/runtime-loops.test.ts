// `for` loops (LANGUAGE.md §11, §21) and the per-action request limit (§5, §8).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evalError } from "../runtime/core/errors.ts";
import type { ActionContext } from "../runtime/core/types.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { barrier } from "./support/barrier.ts";
import { fakeHttp, memoryStore, peakOverlap, run, sleep } from "./runtime-core-harness.ts";

let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(async () => {
  await api.close();
});

function loopMission(body: (cx: ActionContext) => Promise<void>, concurrency = 10) {
  return {
    actions: { A: body },
    pipeline: ["A"],
    stores: [memoryStore("out")],
    concurrency: { A: concurrency },
    sources: [{ name: "Api", auth: "none" as const, base: api.url }],
  };
}

type Span = { n: unknown; start: number; end: number | null };

describe("sequential loops", () => {
  it("run one iteration at a time, in order", async () => {
    const spans: Span[] = [];
    const { result } = await run(loopMission(async (cx) => {
      await cx.forEach([1, 2, 3, 4], {}, async (_c, n) => {
        const span: Span = { n, start: performance.now(), end: null };
        spans.push(span);
        await sleep(n === 1 ? 40 : 10);
        span.end = performance.now();
      });
    }));
    expect(result.status).toBe("succeeded");
    expect(spans.map((s) => s.n)).toEqual([1, 2, 3, 4]);
    expect(peakOverlap(spans)).toBe(1);
  });

  it("check cancellation before each iteration", async () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    const { result } = await run(loopMission(async (cx) => {
      await cx.forEach([1, 2, 3], {}, async (_c, n) => {
        seen.push(n);
        if (n === 2) controller.abort();
      });
    }), { signal: controller.signal });
    expect(seen).toEqual([1, 2]);
    expect(result.timeline[0].status).toBe("cancelled");
    expect(result.errors).toEqual([{ action: "", message: "run cancelled", code: "CANCELLED" }]);
  });
});

describe("parallel loops", () => {
  it("keep at most `concurrency` iterations in flight, reach it, and start them in order", async () => {
    const path = "/loop/items";
    // The first three are answered once all three are in flight (the limit is reached).
    const firstThree = barrier(3);
    api.route("GET", path, (req, i) => (i < 3 ? firstThree.reply({ json: { i } })(req, i) : { json: { i }, delayMs: (i % 3) * 20 }));
    const started: unknown[] = [];
    const { result } = await run(loopMission(async (cx) => {
      await cx.forEach([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { parallel: true }, async (c, n) => {
        started.push(n);
        c.step("4:5");
        await c.request({ method: "GET", source: "Api", path });
        await c.store({ store: "out", value: { id: n, got: c.response } });
      });
    }, 3));
    expect(result.status).toBe("succeeded");
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peakOverlap(api.requestsTo(path))).toBeLessThanOrEqual(3); // reached: the barrier opened
    expect(Object.keys(result.stores.out)).toHaveLength(10);
  });

  it("after a failure start nothing new, let running ones finish, and fail with the first error", async () => {
    const finished: unknown[] = [];
    const started: unknown[] = [];
    const { result, of } = await run(loopMission(async (cx) => {
      await cx.forEach([1, 2, 3, 4, 5, 6], { parallel: true }, async (c, n) => {
        started.push(n);
        c.step(`7:${String(n)}`);
        await sleep(n === 2 ? 20 : 120);
        if (n === 2) throw evalError("first");
        if (n === 3) throw evalError("second");
        finished.push(n);
      });
    }, 3));
    expect(started).toEqual([1, 2, 3]); // the slot 2 freed is not reused: it failed
    expect(finished).toEqual([1]); // 1 was running and finished; 3 failed later, unrecorded
    expect(result.errors).toEqual([{ action: "A", message: "first", code: "EVAL_ERROR" }]);
    expect(of("action.end")[0]).toMatchObject({ status: "failed", error: { at: "test.reqon:7:2" } });
  });

  it("treat a body that throws before returning a promise like one that rejects", async () => {
    const started: unknown[] = [];
    const { result, of } = await run(loopMission(async (cx) => {
      await cx.forEach([1, 2, 3], { parallel: true }, ((c: ActionContext, n: unknown) => {
        started.push(n);
        c.step("9:4");
        if (n === 1) throw evalError("thrown at once");
        return sleep(10);
      }) as (c: ActionContext, n: unknown) => Promise<void>);
    }, 1));
    expect(started).toEqual([1]);
    expect(result.errors).toEqual([{ action: "A", message: "thrown at once", code: "EVAL_ERROR" }]);
    expect(of("action.end")[0]).toMatchObject({ status: "failed", error: { at: "test.reqon:9:4" } });
  });

  it("share one request limit per action run across nested loops", async () => {
    const path = "/loop/nested";
    const firstTwo = barrier(2); // answered once two are in flight (the shared limit is reached)
    api.route("GET", path, (req, i) => (i < 2 ? firstTwo.reply({ json: {} })(req, i) : { json: {} }));
    const { result } = await run(loopMission(async (cx) => {
      await cx.forEach([1, 2], { parallel: true }, async (outer) => {
        await outer.forEach([1, 2], { parallel: true }, async (inner) => {
          await inner.request({ method: "GET", source: "Api", path });
        });
      });
    }, 2));
    expect(result.status).toBe("succeeded");
    expect(api.requestsTo(path)).toHaveLength(4);
    expect(peakOverlap(api.requestsTo(path))).toBeLessThanOrEqual(2); // reached: the barrier opened
  });
});

describe("collections, filters and cells", () => {
  it("iterate nothing for null and fail for non-arrays", async () => {
    let count = 0;
    const ok = await run(loopMission(async (cx) => {
      await cx.forEach(null, {}, async () => {
        count++;
      });
    }));
    expect(ok.result.status).toBe("succeeded");
    expect(count).toBe(0);
    for (const [value, type] of [[{ a: 1 }, "object"], ["xs", "string"], [3, "number"]] as const) {
      const bad = await run(loopMission(async (cx) => {
        cx.step("3:3");
        await cx.forEach(value, { parallel: true }, async () => {});
      }));
      expect(bad.result.errors).toEqual([{ action: "A", code: "EVAL_ERROR", message: `for-loop collection must be an array (got ${type})` }]);
    }
  });

  it("evaluate `where` for every element before the first iteration", async () => {
    const log: string[] = [];
    await run(loopMission(async (cx) => {
      await cx.forEach([1, 2, 3, 4], {
        where: (n) => {
          log.push(`where ${String(n)}`);
          return (n as number) % 2 === 0;
        },
      }, async (_c, n, i) => {
        log.push(`body ${String(n)}@${i}`);
      });
    }));
    expect(log).toEqual(["where 1", "where 2", "where 3", "where 4", "body 2@0", "body 4@1"]);
  });

  it("give each iteration its own response cell, starting from the enclosing value", async () => {
    const { result } = await run(loopMission(async (cx) => {
      cx.response = "outer";
      const initial: unknown[] = [];
      await cx.forEach([1, 2], { parallel: true }, async (c, n) => {
        initial.push(c.response);
        c.response = n;
        await sleep(10);
        await c.store({ store: "out", value: { id: n, mine: c.response } });
      });
      await cx.store({ store: "out", value: { id: "after", response: cx.response, initial } });
    }), { httpRuntime: fakeHttp(() => null) });
    expect(result.stores.out).toEqual({
      1: { id: 1, mine: 1 }, 2: { id: 2, mine: 2 }, after: { id: "after", response: "outer", initial: ["outer", "outer"] },
    });
  });
});

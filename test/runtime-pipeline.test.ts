// Pipeline scheduling and failure handling (LANGUAGE.md §6, §7) against a real local server:
// stage order, parallel overlap, the sliding pool, all-settled vs fail-fast, abort, external
// cancellation and the timeline. Only orderings are asserted: requests that must be in flight
// together meet at a barrier, and failures and aborts wait for the requests they must cut.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext, ActionFn } from "../runtime/core/types.ts";
import { startApiServer, type ApiServer, type LoggedRequest, type Reply, type Responder } from "./support/api-server.ts";
import { barrier } from "./support/barrier.ts";
import { eventually } from "./support/eventually.ts";
import { memoryStore, peakOverlap, run, type MissionSpec } from "./runtime-core-harness.ts";

let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(async () => {
  await api.close();
});

/** An action doing `get "/<path>"` and storing the response under the action's name. */
function getter(path: string): ActionFn {
  return async (cx: ActionContext) => {
    cx.step("2:3");
    await cx.request({ method: "GET", source: "Api", path });
    cx.step("3:3");
    await cx.store({ store: "out", value: { id: path, body: cx.response } });
  };
}

function mission(spec: Omit<MissionSpec, "sources" | "stores">): MissionSpec {
  return { ...spec, stores: [memoryStore("out")], sources: [{ name: "Api", auth: "none", base: api.url }] };
}

let prefix = 0;
/** Fresh route paths per test so request logs never mix. */
function routes(replies: Record<string, Reply | ((name: string) => Responder)>): Record<string, string> {
  prefix++;
  const paths: Record<string, string> = {};
  for (const [name, reply] of Object.entries(replies)) {
    paths[name] = `/t${prefix}/${name}`;
    api.route("GET", paths[name], typeof reply === "function" ? reply(name) : { json: { name }, ...reply });
  }
  return paths;
}

/** A reply given only once `ready()` holds (the run has reached the point the test needs). */
const once = (ready: () => boolean, reply: Reply) => (name: string): Responder => async () => {
  await eventually(ready, `the run getting ready for ${name}`);
  return { json: { name }, ...reply };
};

const requestTo = (path: string): LoggedRequest => {
  const [request] = api.requestsTo(path);
  expect(request, `request to ${path}`).toBeDefined();
  return request;
};

/** The server notices a closed connection a moment after the client; wait for it. */
async function settledRequests(path: string): Promise<LoggedRequest[]> {
  await eventually(() => api.requestsTo(path).every((r) => r.end !== null), `requests to ${path} ending`);
  return api.requestsTo(path);
}

/** Resolves once `count` requests to `path` have reached the server. */
const arrived = (path: string, count = 1) =>
  eventually(() => api.requestsTo(path).length >= count, `${count} request(s) to ${path}`);

describe("stages and parallel groups", () => {
  it("runs stages in order and starts a group's actions together", async () => {
    const together = barrier(3); // A, B and C are answered once all three are in flight
    const held = (name: string) => together.reply({ json: { name } });
    const p = routes({ first: {}, a: held, b: held, c: held, last: {} });
    const { result, of } = await run(mission({
      actions: { First: getter(p.first), A: getter(p.a), B: getter(p.b), C: getter(p.c), Last: getter(p.last) },
      pipeline: ["First", ["A", "B", "C"], "Last"],
    }));
    expect(result.status).toBe("succeeded");
    const [first, a, b, c, last] = [p.first, p.a, p.b, p.c, p.last].map(requestTo);
    const group = [a, b, c];
    for (const r of group) expect(r.start).toBeGreaterThanOrEqual(first.end!);
    expect(last.start).toBeGreaterThanOrEqual(Math.max(...group.map((r) => r.end!)));
    expect(result.timeline.map((e) => [e.action, e.stage, e.status])).toEqual([
      ["First", 0, "succeeded"], ["A", 1, "succeeded"], ["B", 1, "succeeded"], ["C", 1, "succeeded"], ["Last", 2, "succeeded"],
    ]);
    expect(of("stage.start").map((e) => e.stage)).toEqual([0, 1, 2]);
    expect(of("action.start").map((e) => [e.action, e.via])).toEqual([
      ["First", "pipeline"], ["A", "pipeline"], ["B", "pipeline"], ["C", "pipeline"], ["Last", "pipeline"],
    ]);
    expect(Object.keys(result.stores.out)).toHaveLength(5);
  });

  it("uses a sliding pool of maxConcurrency: the next action starts as soon as any one ends", async () => {
    // B is answered only after D has been: batches of two would make C and D wait for B.
    let d = "";
    const p = routes({ a: {}, b: once(() => api.requestsTo(d)[0]?.end != null, {}), c: {}, d: {} });
    d = p.d;
    const { result } = await run(mission({
      actions: { A: getter(p.a), B: getter(p.b), C: getter(p.c), D: getter(p.d) },
      pipeline: [["A", "B", "C", "D"]],
      maxConcurrency: 2,
    }));
    expect(result.status).toBe("succeeded");
    const [a, b, c, d2] = [p.a, p.b, p.c, p.d].map(requestTo);
    expect(c.start).toBeGreaterThanOrEqual(a.end!); // queued until a slot frees …
    expect(d2.start).toBeGreaterThanOrEqual(c.end!);
    expect(api.requests.map((r) => r.path).filter((path) => Object.values(p).includes(path))).toEqual([p.a, p.b, p.c, p.d]);
    expect(b.end!).toBeGreaterThanOrEqual(d2.end!); // B ran the whole time beside C and D
    expect(peakOverlap([a, b, c, d2])).toBeLessThanOrEqual(2);
  });
});

describe("all-settled", () => {
  it("records each failure, goes on, and the next stage can read the errors", async () => {
    const p = routes({ good: { delayMs: 50 }, bad: { status: 503 } });
    const { result, of } = await run(mission({
      actions: {
        Good: getter(p.good),
        Bad: getter(p.bad),
        Report: async (cx) => {
          await cx.store({ store: "out", value: { id: "report", errors: cx.errors() } });
        },
      },
      pipeline: [["Good", "Bad"], "Report"],
    }));
    const error = { action: "Bad", message: `GET ${api.url}${p.bad}: HTTP 503`, code: "HTTP_ERROR", status: 503 };
    expect(result.status).toBe("partial");
    expect(result.errors).toEqual([error]);
    expect(result.stores.out.report).toEqual({ id: "report", errors: [error] });
    expect(result.stores.out[p.good]).toBeDefined();
    expect(result.timeline.map((e) => e.status)).toEqual(["succeeded", "failed", "succeeded"]);
    const badEnd = of("action.end").find((e) => e.action === "Bad");
    expect(badEnd).toMatchObject({ status: "failed", error: { code: "HTTP_ERROR", status: 503, at: "test.reqon:2:3" } });
  });

  it("a standalone failure ends the mission; later stages are skipped", async () => {
    const p = routes({ bad: { status: 500 }, never: {} });
    const { result } = await run(mission({
      actions: { Bad: getter(p.bad), Never: getter(p.never) },
      pipeline: ["Bad", ["Never"]],
    }));
    expect(result.status).toBe("failed");
    expect(api.requestsTo(p.never)).toHaveLength(0);
    const [bad, never] = result.timeline;
    expect(bad.status).toBe("failed");
    expect(never).toMatchObject({ action: "Never", stage: 1, status: "skipped" });
    expect(never.start).toBe(never.end);
    expect(never.start).toBeGreaterThanOrEqual(bad.end);
  });
});

describe("fail-fast", () => {
  it("aborts in-flight siblings, never starts queued ones, skips later stages, keeps records", async () => {
    // Bad fails once Slow has stored its record and its request is in flight.
    let slow = "";
    const p = routes({ slow: { delayMs: 3000 }, bad: once(() => api.requestsTo(slow).length > 0, { status: 500 }), queued: {}, later: {} });
    slow = p.slow;
    const { result, of } = await run(mission({
      actions: {
        Slow: async (cx) => {
          await cx.store({ store: "out", value: { id: "before-slow" } });
          await getter(p.slow)(cx);
        },
        Bad: getter(p.bad),
        Queued: getter(p.queued),
        Later: getter(p.later),
      },
      pipeline: [["Slow", "Bad", "Queued"], "Later"],
      maxConcurrency: 2,
      parallelMode: "fail-fast",
    }));
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "Bad", message: `GET ${api.url}${p.bad}: HTTP 500`, code: "HTTP_ERROR", status: 500 }]);
    expect((await settledRequests(p.slow)).map((r) => r.clientClosed)).toEqual([true]);
    expect(api.requestsTo(p.queued)).toHaveLength(0);
    expect(api.requestsTo(p.later)).toHaveLength(0);
    expect(result.stores.out).toEqual({ "before-slow": { id: "before-slow" } });
    const byAction = Object.fromEntries(result.timeline.map((e) => [e.action, e]));
    expect(byAction.Slow.status).toBe("cancelled");
    expect(byAction.Bad.status).toBe("failed");
    expect(byAction.Queued.status).toBe("cancelled");
    expect(byAction.Queued.start).toBe(byAction.Queued.end);
    expect(byAction.Queued.start).toBeGreaterThanOrEqual(byAction.Bad.end - 1);
    expect(byAction.Later.status).toBe("skipped");
    expect(of("action.start").map((e) => e.action)).toEqual(["Slow", "Bad"]);
    expect(of("mission.end")).toEqual([expect.objectContaining({ status: "failed" })]);
  });
});

describe("abort and cancellation", () => {
  it("abort ends the mission in all-settled mode with exactly the abort message", async () => {
    const p = routes({ slow: { delayMs: 3000 }, later: {} });
    const { result } = await run(mission({
      actions: {
        Aborter: async (cx) => {
          await arrived(p.slow); // abort while Slow's request is in flight
          cx.step("9:5");
          throw cx.abort("stop now");
        },
        Slow: getter(p.slow),
        Later: getter(p.later),
      },
      pipeline: [["Aborter", "Slow"], "Later"],
    }));
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "Aborter", message: "stop now", code: "ABORTED" }]);
    expect((await settledRequests(p.slow)).map((r) => r.clientClosed)).toEqual([true]);
    expect(result.timeline.map((e) => e.status)).toEqual(["failed", "cancelled", "skipped"]);
  });

  it.each([
    [undefined, "aborted"],
    [{ why: 1 }, '{"why":1}'],
    [42, "42"],
  ])("abort %j records message %s", async (message, text) => {
    const { result } = await run(mission({
      actions: { A: async (cx) => { throw cx.abort(message); } },
      pipeline: ["A"],
    }));
    expect(result.errors).toEqual([{ action: "A", message: text, code: "ABORTED" }]);
  });

  it("abort inside a parallel loop stops the other iterations", async () => {
    const p = routes({ item: { delayMs: 2000 } });
    const { result } = await run(mission({
      actions: {
        A: async (cx) => {
          await cx.forEach([1, 2, 3], { parallel: true }, async (c, n) => {
            c.step("5:7");
            if (n === 2) {
              await arrived(p.item, 2); // abort while the other two are in flight
              throw c.abort("bad item");
            }
            await c.request({ method: "GET", source: "Api", path: p.item });
          });
        },
      },
      pipeline: ["A"],
    }));
    expect(result.errors).toEqual([{ action: "A", message: "bad item", code: "ABORTED" }]);
    expect((await settledRequests(p.item)).map((r) => r.clientClosed)).toEqual([true, true]);
    expect(result.timeline[0].status).toBe("failed");
  });

  it("an external signal cancels the run: CANCELLED record, in-flight aborted, status failed", async () => {
    const p = routes({ slow: { delayMs: 3000 }, later: {} });
    const controller = new AbortController();
    void arrived(p.slow, 2).then(() => controller.abort()); // once both are in flight
    const { result } = await run(mission({
      actions: { Slow: getter(p.slow), Other: getter(p.slow), Later: getter(p.later) },
      pipeline: [["Slow", "Other"], "Later"],
    }), { signal: controller.signal });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "", message: "run cancelled", code: "CANCELLED" }]);
    expect((await settledRequests(p.slow)).map((r) => r.clientClosed)).toEqual([true, true]);
    expect(result.timeline.map((e) => e.status)).toEqual(["cancelled", "cancelled", "skipped"]);
  });

  it("an already-aborted signal starts nothing", async () => {
    const p = routes({ a: {} });
    const { result } = await run(mission({ actions: { A: getter(p.a) }, pipeline: ["A"] }), { signal: AbortSignal.abort() });
    expect(result.status).toBe("failed");
    expect(api.requestsTo(p.a)).toHaveLength(0);
    expect(result.timeline[0]).toMatchObject({ status: "cancelled" });
  });
});

describe("dry run", () => {
  it("sends nothing, sets response to null and still runs every step", async () => {
    const p = routes({ a: {} });
    const { result, of } = await run(mission({ actions: { A: getter(p.a) }, pipeline: ["A"] }), { dryRun: true });
    expect(result.status).toBe("succeeded");
    expect(api.requestsTo(p.a)).toHaveLength(0);
    expect(result.stores.out[p.a]).toEqual({ id: p.a, body: null });
    expect(of("request")).toEqual([expect.objectContaining({ dryRun: true, url: `${api.url}${p.a}` })]);
  });
});

describe("events", () => {
  it("emits the run's events in order with a clock, and ignores a throwing listener", async () => {
    const p = routes({ a: {} });
    const { result, events } = await run(mission({ actions: { A: getter(p.a) }, pipeline: ["A"] }), {
      onEvent: () => {
        throw new Error("listener bug");
      },
    });
    expect(result.status).toBe("succeeded");
    expect(events.map((e) => e.type)).toEqual([
      "mission.start", "stage.start", "action.start", "request", "response", "store.write", "action.end", "stage.end", "mission.end",
    ]);
    expect(events[0]).toEqual({ type: "mission.start", t: expect.any(Number), mission: "TestMission" });
    expect(events.at(-1)).toEqual({ type: "mission.end", t: expect.any(Number), status: "succeeded" });
    const times = events.map((e) => e.t);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });
});

// ActionContext behaviour (LANGUAGE.md §5, §14, §22, §23, §28): isolation, jump, retry back-off,
// validation warnings, schema conformance, env, noMatch and error locations.
import { describe, expect, it } from "vitest";
import { ReqonError } from "../runtime/core/errors.ts";
import type { HttpRuntime } from "../runtime/http/http-runtime.ts";
import { conforms } from "../runtime/values/schemas.ts";
import type { ActionContext, ActionFn, RequestSpec, SchemaTable } from "../runtime/core/types.ts";
import { fakeHttp, memoryStore, run, sleep } from "./runtime-core-harness.ts";
import { recordingClock, virtualClock, type TestClock } from "./support/clock.ts";

const GET: RequestSpec = { method: "GET", source: "Api", path: "/x" };

function mission(actions: Record<string, ActionFn>, pipeline: (string | string[])[] = ["A"]) {
  return { actions, pipeline, stores: [memoryStore("out")] };
}

describe("isolation", () => {
  it("starts every action run with a null response and no source", async () => {
    const seen: unknown[] = [];
    const A: ActionFn = async (cx) => {
      seen.push([cx.response, cx.source]);
      await cx.request(GET);
    };
    const { result } = await run(mission({ A }, ["A", "A"]), { httpRuntime: fakeHttp(() => ({ ok: 1 })) });
    expect(result.status).toBe("succeeded");
    expect(seen).toEqual([[null, null], [null, null]]);
  });

  it("sets response and source from a request", async () => {
    const { result } = await run(mission({
      A: async (cx) => {
        await cx.request(GET);
        await cx.store({ store: "out", value: { id: 1, response: cx.response, source: cx.source } });
      },
    }), { httpRuntime: fakeHttp((spec) => ({ path: spec.path })) });
    expect(result.stores.out["1"]).toEqual({ id: 1, response: { path: "/x" }, source: "Api" });
  });
});

describe("jump", () => {
  it("runs the target with a fresh scope, same stores, a jump event and no timeline entry", async () => {
    const { result, of } = await run(mission({
      A: async (cx) => {
        cx.response = "caller's";
        await cx.store({ store: "out", value: { id: "a" } });
        await cx.jump("B");
        await cx.store({ store: "out", value: { id: "after", response: cx.response } });
      },
      B: async (cx) => {
        await cx.store({ store: "out", value: { id: "b", response: cx.response, seesA: cx.lookup("out", "a") !== null } });
      },
    }));
    expect(result.stores.out.b).toEqual({ id: "b", response: null, seesA: true });
    expect(result.stores.out.after).toEqual({ id: "after", response: "caller's" });
    expect(result.timeline.map((e) => e.action)).toEqual(["A"]);
    expect(of("action.start").map((e) => [e.action, e.via, e.stage])).toEqual([["A", "pipeline", 0], ["B", "jump", 0]]);
  });

  it("a failure inside the target fails the caller; the record names the pipeline action", async () => {
    const { result, of } = await run(mission({
      A: async (cx) => {
        cx.step("3:5");
        await cx.jump("B");
      },
      B: async (cx) => {
        cx.step("12:7");
        throw new ReqonError("HTTP_ERROR", "GET http://x/y: HTTP 500", { status: 500 });
      },
    }));
    expect(result.errors).toEqual([{ action: "A", code: "HTTP_ERROR", status: 500, message: "in jumped action 'B': GET http://x/y: HTTP 500" }]);
    expect(of("action.end").map((e) => [e.action, e.status, e.error?.at])).toEqual([
      ["B", "failed", "test.reqon:12:7"], ["A", "failed", "test.reqon:12:7"],
    ]);
  });

  it("allows 16 nested jumps and fails the 17th with JUMP_DEPTH", async () => {
    const attempt = async (levels: number) => {
      let depth = 0;
      const Recur: ActionFn = async (cx) => {
        if (depth++ < levels) await cx.jump("Recur");
      };
      return (await run(mission({ Recur }, ["Recur"]))).result;
    };
    expect((await attempt(16)).status).toBe("succeeded");
    const deep = await attempt(17);
    expect(deep.status).toBe("failed");
    expect(deep.errors).toHaveLength(1);
    expect(deep.errors[0]).toMatchObject({ action: "Recur", code: "JUMP_DEPTH" });
  });

  it("abort inside the target aborts the mission with the exact message", async () => {
    const { result } = await run(mission({
      A: async (cx) => cx.jump("B"),
      B: async (cx) => {
        throw cx.abort("inner stop");
      },
    }, ["A", "A"]));
    expect(result.errors).toEqual([{ action: "A", message: "inner stop", code: "ABORTED" }]);
    expect(result.timeline.map((e) => e.status)).toEqual(["failed", "skipped"]);
  });
});

/** Fake HTTP whose answers fail with `status` (guarded) until `okAfter` attempts. */
function flaky(okAfter: number, status: number, times: number[]) {
  return (): HttpRuntime => ({
    start: async () => {},
    request: async () => {
      times.push(performance.now());
      if (times.length > okAfter) return { value: { ok: true } };
      const failure = new ReqonError("HTTP_ERROR", `GET http://x/y: HTTP ${status}`, { status });
      return { value: { error: "http_error", code: status }, failure };
    },
  });
}

/** How the generator lowers `get … ; match response { {code: 503} -> retry {…}, _ -> store }`. */
function retrying(options: Record<string, unknown>): ActionFn {
  return async (cx: ActionContext) => {
    for (let attempt = 1; ; attempt++) {
      await cx.request({ ...GET, guarded: true });
      if ((cx.response as { ok?: boolean }).ok) break;
      await cx.retry(attempt, options);
    }
    await cx.store({ store: "out", value: { id: "done" } });
  };
}

describe("retry", () => {
  it("waits the linear back-off and resumes", async () => {
    const times: number[] = [];
    const { result } = await run(mission({ A: retrying({ maxAttempts: 4, backoff: "linear", initialDelay: 60 }) }),
      { httpRuntime: flaky(2, 503, times) });
    expect(result.status).toBe("succeeded");
    expect(times).toHaveLength(3);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(55);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(115);
  });

  it("caps exponential delays at maxDelay and honours a fixed delay", async () => {
    const times: number[] = [];
    const clock = virtualClock();
    await run(mission({ A: retrying({ maxAttempts: 4, initialDelay: 200, maxDelay: 250 }) }), { httpRuntime: flaky(3, 503, times), clock });
    expect(times).toHaveLength(4);
    expect(clock.sleeps).toEqual([200, 250, 250]); // uncapped: 200, 400, 800
    const fixed = virtualClock();
    await run(mission({ A: retrying({ initialDelay: 5000, delay: 30 }) }), { httpRuntime: flaky(1, 503, []), clock: fixed });
    expect(fixed.sleeps).toEqual([30]);
  });

  it("gives up with RETRY_EXHAUSTED and the last HTTP status", async () => {
    const times: number[] = [];
    const { result } = await run(mission({ A: retrying({ maxAttempts: 3, delay: 1 }) }), { httpRuntime: flaky(99, 429, times) });
    expect(times).toHaveLength(3);
    expect(result.errors).toEqual([{ action: "A", message: "gave up after 3 attempts", code: "RETRY_EXHAUSTED", status: 429 }]);
  });

  it("cancellation cuts the back-off wait short", async () => {
    // A 10 min wait, aborted once it has begun: the run ends only if the wait is cut short.
    const controller = new AbortController();
    const recording = recordingClock();
    const clock: TestClock = {
      ...recording,
      sleep(ms, signal) {
        const waiting = recording.sleep(ms, signal);
        setImmediate(() => controller.abort());
        return waiting;
      },
    };
    const { result } = await run(mission({ A: retrying({ initialDelay: 600_000, maxDelay: 600_000 }) }),
      { httpRuntime: flaky(99, 503, []), signal: controller.signal, clock });
    expect(recording.sleeps).toEqual([600_000]);
    expect(result.timeline[0].status).toBe("cancelled");
  });
});

describe("noMatch, validate, env, errors", () => {
  it("noMatch re-raises a guarded request's failure, else NO_MATCH", async () => {
    const guarded = await run(mission({
      A: async (cx) => {
        await cx.request({ ...GET, guarded: true });
        cx.step("2:1"); // the guarding match, the very next step (generated code marks every step)
        throw cx.noMatch();
      },
    }), { httpRuntime: flaky(99, 404, []) });
    expect(guarded.result.errors).toEqual([{ action: "A", message: "GET http://x/y: HTTP 404", code: "HTTP_ERROR", status: 404 }]);
    // A later match is not the guard: its miss is NO_MATCH even though the failure is kept.
    const later = await run(mission({
      A: async (cx) => {
        await cx.request({ ...GET, guarded: true });
        cx.step("2:1");
        cx.step("3:1");
        throw cx.noMatch();
      },
    }), { httpRuntime: flaky(99, 404, []) });
    expect(later.result.errors).toEqual([{ action: "A", message: "no match arm matched", code: "NO_MATCH" }]);
    const plain = await run(mission({ A: async (cx) => { throw cx.noMatch(); } }));
    expect(plain.result.errors).toEqual([{ action: "A", message: "no match arm matched", code: "NO_MATCH" }]);
  });

  it("turns failed assumptions into validation warnings and goes on", async () => {
    const { result, of } = await run(mission({
      A: async (cx) => {
        cx.validate({ total: -1 }, [
          { constraint: ".total >= 0", line: 4, test: (s) => (s as { total: number }).total >= 0 },
          { constraint: ".total is number", line: 5, test: () => true },
          { constraint: "1 / 0", line: 6, test: () => { throw new ReqonError("EVAL_ERROR", "division by zero"); } },
        ]);
        await cx.store({ store: "out", value: { id: "went on" } });
      },
    }));
    expect(result.status).toBe("succeeded");
    expect(of("warning").map(({ t: _t, message: _m, ...w }) => w)).toEqual([
      { type: "warning", kind: "validation", action: "A", constraint: ".total >= 0", line: 4 },
      { type: "warning", kind: "validation", action: "A", constraint: "1 / 0", line: 6 },
    ]);
    expect(result.stores.out["went on"]).toBeDefined();
  });

  it("reads env from the option first, then the process, else null", async () => {
    process.env.REQON_CORE_TEST_VAR = "from-process";
    process.env.SHADOWED = "process";
    const { result } = await run(mission({
      A: async (cx) => {
        await cx.store({ store: "out", value: {
          id: 1, opt: cx.env("OPT_ONLY"), proc: cx.env("REQON_CORE_TEST_VAR"), none: cx.env("REQON_NOT_SET_ANYWHERE"),
          shadow: cx.env("SHADOWED"),
        } });
      },
    }), { env: { OPT_ONLY: "o", SHADOWED: "option wins" } });
    delete process.env.REQON_CORE_TEST_VAR;
    delete process.env.SHADOWED;
    expect(result.stores.out["1"]).toEqual({ id: 1, opt: "o", proc: "from-process", none: null, shadow: "option wins" });
  });

  it("errors() is a snapshot of the records so far", async () => {
    const { result } = await run(mission({
      Bad: async () => {
        throw new ReqonError("EVAL_ERROR", "boom");
      },
      Look: async (cx) => {
        const snapshot = cx.errors();
        snapshot.push({ action: "x", message: "not really" });
        await cx.store({ store: "out", value: { id: 1, count: snapshot.length, real: cx.errors().length } });
      },
    }, [["Bad"], "Look"]));
    expect(result.stores.out["1"]).toEqual({ id: 1, count: 2, real: 1 });
  });

  it("stamps the failing step's location on action.end, not on the error record", async () => {
    const { result, of } = await run(mission({
      A: async (cx) => {
        cx.step("4:3");
        await sleep(1);
        cx.step("5:3");
        throw new ReqonError("EVAL_ERROR", "division by zero");
      },
    }));
    expect(result.errors).toEqual([{ action: "A", message: "division by zero", code: "EVAL_ERROR" }]);
    expect(of("action.end")[0].error).toEqual({ message: "division by zero", code: "EVAL_ERROR", at: "test.reqon:5:3" });
  });
});

describe("schema conformance", () => {
  const table: SchemaTable = {
    Job: [
      { name: "jobId", optional: false, type: { type: "string" } },
      { name: "state", optional: true, type: { type: "string" } },
      { name: "tags", optional: true, type: { type: "array", element: { type: "int" } } },
      { name: "owner", optional: true, type: { type: "schema", name: "User" } },
      { name: "at", optional: true, type: { type: "date" } },
    ],
    User: [{ name: "name", optional: false, type: { type: "any" } }],
  };
  it.each([
    [{ jobId: "1" }, true],
    [{ jobId: "1", extra: 5, state: null }, true],
    [{ jobId: null }, false],
    [{ state: "x" }, false],
    [[{ jobId: "1" }], false],
    [{ jobId: "1", tags: [1, 2] }, true],
    [{ jobId: "1", tags: [1, 2.5] }, false],
    [{ jobId: "1", owner: { name: 0 } }, true],
    [{ jobId: "1", owner: {} }, false],
    [{ jobId: "1", at: "2025-03-04T05:06:07Z" }, true],
    [{ jobId: "1", at: "soon" }, false],
  ])("%j conforms to Job: %s", (value, expected) => {
    expect(conforms(value, "Job", table)).toBe(expected);
  });
});

// End to end: compile missions, run the generated code against a real local HTTP server,
// and check ordering through the server's request log and the run's timeline. Requests that must
// run at the same time meet at a barrier (support/barrier.ts): no bet on server delays.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer, type LoggedRequest, type Reply } from "./support/api-server.ts";
import { barrier } from "./support/barrier.ts";
import { eventually } from "./support/eventually.ts";
import { entry, loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

const base = () => ({ baseUrls: { default: api.url } });

const only = (path: string): LoggedRequest => {
  const found = api.requestsTo(path);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("parallel groups", () => {
  it("run [A, B, C] then M: A, B, C overlap and M starts after all three end", async () => {
    const together = barrier(3); // A, B and C are answered once all three are in flight
    for (const p of ["/a", "/b", "/c"]) api.route("GET", p, together.reply({ json: [{ id: p }] }));
    api.route("GET", "/m", { json: { id: "m" } });
    const m = await loadMission(`
      mission Fan {
        action A { get "/a" store response -> a }
        action B { get "/b" store response -> b }
        action C { get "/c" store response -> c }
        action M { get "/m" store response -> m }
        run [A, B, C] then M
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    const [a, b, c, mm] = ["/a", "/b", "/c", "/m"].map(only);
    expect(mm!.start).toBeGreaterThanOrEqual(Math.max(a!.end!, b!.end!, c!.end!));
    expect(entry(result, "M").start).toBeGreaterThanOrEqual(entry(result, "A").end);
    expect(result.timeline.map((t) => [t.action, t.stage])).toEqual([["A", 0], ["B", 0], ["C", 0], ["M", 1]]);
    expect(Object.keys(result.stores.a!)).toEqual(["/a"]);
  });

  it("keeps the order of chains: [F1, F2] then P then [E1, E2]", async () => {
    const first = barrier(2);
    const last = barrier(2);
    api.route("GET", "/f1", first.reply({ json: {} }));
    api.route("GET", "/f2", first.reply({ json: {} }));
    api.route("GET", "/p", { json: {} });
    api.route("GET", "/e1", last.reply({ json: {} }));
    api.route("GET", "/e2", last.reply({ json: {} }));
    const m = await loadMission(`
      mission Chain {
        action F1 { get "/f1" }
        action F2 { get "/f2" }
        action P { get "/p" }
        action E1 { get "/e1" }
        action E2 { get "/e2" }
        run [F1, F2] then P then [E1, E2]
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    const [f1, f2, p, e1, e2] = ["/f1", "/f2", "/p", "/e1", "/e2"].map(only);
    expect(p!.start).toBeGreaterThanOrEqual(Math.max(f1!.end!, f2!.end!));
    expect(Math.min(e1!.start, e2!.start)).toBeGreaterThanOrEqual(p!.end!);
    expect(result.timeline.map((t) => t.stage)).toEqual([0, 0, 1, 2, 2]);
  });

  it("run A then [B, C] then D keeps its order", async () => {
    const together = barrier(2);
    for (const p of ["/a", "/d"]) api.route("GET", p, { json: {} });
    for (const p of ["/b", "/c"]) api.route("GET", p, together.reply({ json: {} }));
    const m = await loadMission(`
      mission Diamond {
        action A { get "/a" }
        action B { get "/b" }
        action C { get "/c" }
        action D { get "/d" }
        run A then [B, C] then D
      }`);
    const { result } = await runMission(m, base());
    const [a, b, c, d] = ["/a", "/b", "/c", "/d"].map(only);
    expect(Math.min(b!.start, c!.start)).toBeGreaterThanOrEqual(a!.end!);
    expect(d!.start).toBeGreaterThanOrEqual(Math.max(b!.end!, c!.end!));
    expect(result.status).toBe("succeeded");
  });

  it("maxConcurrency is a sliding pool, not batches", async () => {
    // A is answered only after E has been: with batches of two, C, D and E would wait for A.
    api.route("GET", "/a", async () => {
      await eventually(() => api.requestsTo("/e")[0]?.end != null, "E finishing while A runs");
      return { json: {} };
    });
    for (const p of ["/b", "/c", "/d", "/e"]) api.route("GET", p, { json: {} });
    const m = await loadMission(`
      mission Pool {
        maxConcurrency: 2
        action A { get "/a" }
        action B { get "/b" }
        action C { get "/c" }
        action D { get "/d" }
        action E { get "/e" }
        run [A, B, C, D, E]
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(api.peakInFlight).toBe(2);
    const [a, b, c] = ["/a", "/b", "/c"].map(only);
    // C takes B's place once B ends, while A (the other running action) still runs.
    expect(c!.start).toBeGreaterThanOrEqual(b!.end!);
    expect(a!.end!).toBeGreaterThanOrEqual(only("/e").end!);
  });
});

describe("loops", () => {
  const items = Array.from({ length: 12 }, (_, i) => ({ id: i + 1 }));

  it("for … parallel stays under the action's concurrency and reaches it", async () => {
    api.route("GET", "/items", { json: items });
    const firstThree = barrier(3); // answered once three are in flight: the concurrency is reached
    api.route("*", "/detail", (req, i) => (i < 3 ? firstThree.reply({ json: { ok: true } })(req, i) : { json: { ok: true } }));
    const m = await loadMission(`
      mission Loop {
        action Fetch { get "/items" store response -> items { key: .id } }
        action Detail {
          concurrency: 3
          for item in items parallel {
            get "/detail" { params: { id: item.id } }
            store response -> details { key: item.id }
          }
        }
        run Fetch then Detail
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(api.peakInFlight).toBe(3);
    expect(Object.keys(result.stores.details!)).toHaveLength(12);
  });

  it("a plain for is strictly one at a time, in order", async () => {
    api.route("GET", "/items", { json: items });
    api.route("*", "/detail", { delayMs: 10, json: { ok: true } });
    const m = await loadMission(`
      mission Seq {
        action Fetch { get "/items" store response -> items { key: .id } }
        action Detail {
          for item in items { get "/detail" { params: { id: item.id } } }
        }
        run Fetch then Detail
      }`);
    await runMission(m, base());
    expect(api.peakInFlight).toBe(1);
    expect(api.requestsTo("/detail").map((r) => r.query.get("id"))).toEqual(items.map((i) => String(i.id)));
  });
});

describe("failures", () => {
  it("default mode: a failing action does not stop its siblings; the next stage reads errors", async () => {
    api.route("GET", "/bad", { delayMs: 20, status: 500, json: { message: "boom" } });
    api.route("GET", "/good", { delayMs: 80, json: [{ id: 1 }, { id: 2 }] });
    const m = await loadMission(`
      mission Partial {
        action Bad { get "/bad" }
        action Good { get "/good" store response -> good { key: .id } }
        action Report {
          store { failures: length(errors), first: errors[0].action } -> report { key: "r" }
        }
        run [Bad, Good] then Report
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("partial");
    expect(Object.keys(result.stores.good!)).toEqual(["1", "2"]);
    expect(result.errors).toEqual([
      { action: "Bad", message: `GET ${api.url}/bad: HTTP 500`, code: "HTTP_ERROR", status: 500 },
    ]);
    expect(result.stores.report).toEqual({ r: { failures: 1, first: "Bad" } });
    expect(entry(result, "Bad").status).toBe("failed");
    expect(entry(result, "Report").status).toBe("succeeded");
  });

  it("fail-fast aborts in-flight siblings, never starts queued ones, skips later stages, keeps records", async () => {
    // Bad fails once Slow has stored /first and is waiting for /slow.
    api.route("GET", "/bad", async () => {
      await eventually(() => api.requestsTo("/slow").length > 0, "Slow requesting /slow");
      return { status: 503, json: {} };
    });
    api.route("GET", "/first", { json: [{ id: "kept" }] });
    api.route("GET", "/slow", { delayMs: 3000, json: {} });
    api.route("GET", "/queued", { json: {} });
    api.route("GET", "/later", { json: {} });
    const m = await loadMission(`
      mission FailFast {
        parallelMode: "fail-fast"
        maxConcurrency: 2
        action Bad { get "/bad" }
        action Slow {
          get "/first"
          store response -> kept
          get "/slow"
          store response -> never
        }
        action Queued { get "/queued" }
        action Later { get "/later" }
        run [Bad, Slow, Queued] then Later
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ action: "Bad", code: "HTTP_ERROR", status: 503 });
    expect(result.stores.kept).toEqual({ kept: { id: "kept" } });
    expect(result.stores.never).toEqual({});
    // The server saw the slow request's connection closed before it answered (3 s).
    await eventually(() => only("/slow").end !== null, "the server seeing /slow end");
    expect(only("/slow").clientClosed).toBe(true);
    expect(api.requestsTo("/queued")).toHaveLength(0);
    expect(api.requestsTo("/later")).toHaveLength(0);
    expect(entry(result, "Slow").status).toBe("cancelled");
    const queued = entry(result, "Queued");
    expect(queued.status).toBe("cancelled");
    expect(queued.start).toBe(queued.end);
    expect(entry(result, "Later").status).toBe("skipped");
  });

  it("a standalone-stage failure ends the mission", async () => {
    api.route("GET", "/bad", { status: 404, json: {} });
    const m = await loadMission(`
      mission Stop {
        action Bad { get "/bad" }
        action After { get "/after" }
        run Bad then After
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(api.requestsTo("/after")).toHaveLength(0);
    expect(entry(result, "After").status).toBe("skipped");
  });

  it("runtime errors name the .reqon line:col of the failing step", async () => {
    api.route("GET", "/x", { json: { n: "text" } });
    const m = await loadMission(`mission Loc {
  action Calc {
    get "/x"
    store { v: .n * 2 } -> out { key: "k" }
  }
  run Calc
}`, "loc.reqon");
    const { result, events } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(result.errors[0]).toMatchObject({ action: "Calc", code: "EVAL_ERROR" });
    const end = events.find((e) => e.type === "action.end" && e.action === "Calc");
    expect(end).toMatchObject({ error: { at: "loc.reqon:4:5" } });
  });
});

describe("shared state", () => {
  it("isolated responses; disjoint keys written in parallel are all kept", async () => {
    const rows = (p: string) => Array.from({ length: 50 }, (_, i) => ({ id: i, from: p }));
    api.route("GET", "/a", { delayMs: 50, json: rows("a") });
    api.route("GET", "/b", { delayMs: 10, json: rows("b") });
    api.route("GET", "/slow", { delayMs: 60, json: { slow: true } });
    const m = await loadMission(`
      mission Shared {
        action ParallelA {
          get "/a"
          store response -> shared { key: concat("a-", .id) }
          get "/slow"
          store { sawResponse: response.slow } -> checks { key: "a" }
        }
        action ParallelB {
          get "/b"
          store response -> shared { key: concat("b-", .id) }
          store { first: response[0].from } -> checks { key: "b" }
        }
        run [ParallelA, ParallelB]
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(Object.keys(result.stores.shared!)).toHaveLength(100);
    expect(result.stores.checks).toEqual({ b: { first: "b" }, a: { sawResponse: true } });
  });
});

describe("the seed's fan-out / fan-in mission", () => {
  it("enriches every item with pricing and inventory fetched in parallel", async () => {
    const items = [{ id: "i1", name: "Lamp" }, { id: "i2", name: "Desk" }, { id: "i3", name: "Chair" }];
    api.route("GET", "/items", { json: items });
    // The first pricing and inventory requests meet at a barrier (the two actions run together);
    // the later ones take at least 30 ms, so each action ends after the other started.
    const firstOfEach = barrier(2);
    const answer = (reply: Reply) => (req: LoggedRequest, i: number) =>
      i === 0 ? firstOfEach.reply(reply)(req, i) : { ...reply, delayMs: 30 };
    api.route("GET", "/pricing", (req, i) => answer({ json: { itemId: req.query.get("itemId"), price: 10 * Number(req.query.get("itemId")!.slice(1)) } })(req, i));
    api.route("GET", "/inventory", (req, i) => answer({ json: { itemId: req.query.get("itemId"), quantity: Number(req.query.get("itemId")!.slice(1)) } })(req, i));
    const m = await loadMission(`
      mission FanOutFanIn {
        action FetchMaster {
          get "/items"
          store response -> items { key: .id }
        }
        action EnrichWithPricing {
          for item in items {
            get "/pricing" { params: { itemId: item.id } }
            store response -> pricing { key: item.id }
          }
        }
        action EnrichWithInventory {
          for item in items {
            get "/inventory" { params: { itemId: item.id } }
            store response -> inventory { key: item.id }
          }
        }
        action Combine {
          for item in items {
            map item -> EnrichedItem {
              ...item,
              price: pricing[item.id].price,
              stock: inventory[item.id].quantity
            }
            store item -> enrichedItems { key: .id }
          }
        }
        run FetchMaster then [EnrichWithPricing, EnrichWithInventory] then Combine
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("succeeded");
    expect(result.stores.enrichedItems).toEqual({
      i1: { id: "i1", name: "Lamp", price: 10, stock: 1 },
      i2: { id: "i2", name: "Desk", price: 20, stock: 2 },
      i3: { id: "i3", name: "Chair", price: 30, stock: 3 },
    });
    const p = entry(result, "EnrichWithPricing");
    const i = entry(result, "EnrichWithInventory");
    expect(p.start < i.end && i.start < p.end).toBe(true);
    expect(entry(result, "Combine").start).toBeGreaterThanOrEqual(Math.max(p.end, i.end));
  });

  it("handles partial results with the page's match, length, concat and mergeLog", async () => {
    api.route("GET", "/a", { json: [{ id: 1 }] });
    api.route("GET", "/b", { status: 500, json: {} });
    const m = await loadMission(`
      mission PartialMerge {
        action FetchA { get "/a" store response -> dataA { key: concat("a-", .id) } }
        action FetchB { get "/b" store response -> dataB { key: concat("b-", .id) } }
        action Merge {
          match {
            length(errors) > 0 -> {
              store { errors: errors, partial: true } -> mergeLog
            },
            _ -> continue
          }
          match {
            length(dataA) > 0 and length(dataB) > 0 -> {
              store { mode: "full" } -> merged { key: "m" }
            },
            length(dataA) > 0 -> {
              store { mode: "partial", label: concat("only ", length(dataA), " from A") } -> merged { key: "m" }
            },
            _ -> abort "No data available"
          }
        }
        run [FetchA, FetchB] then Merge
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("partial");
    expect(result.stores.merged).toEqual({ m: { mode: "partial", label: "only 1 from A" } });
    expect(result.stores.mergeLog).toEqual({
      "1": { errors: [{ action: "FetchB", message: `GET ${api.url}/b: HTTP 500`, code: "HTTP_ERROR", status: 500 }], partial: true },
    });
  });

  it("abort ends the mission with the abort message", async () => {
    api.route("GET", "/a", { status: 500, json: {} });
    api.route("GET", "/b", { status: 500, json: {} });
    const m = await loadMission(`
      mission NoData {
        action FetchA { get "/a" store response -> dataA }
        action FetchB { get "/b" store response -> dataB }
        action Merge {
          match {
            length(dataA) > 0 -> continue,
            _ -> abort "No data available"
          }
        }
        run [FetchA, FetchB] then Merge
      }`);
    const { result } = await runMission(m, base());
    expect(result.status).toBe("failed");
    expect(result.errors.at(-1)).toEqual({ action: "Merge", message: "No data available", code: "ABORTED" });
    expect(entry(result, "Merge").status).toBe("failed");
  });
});

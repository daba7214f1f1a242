// `reqonc run` stopped from outside (LANGUAGE.md §30.3 "Signals"), and the process's other ways of
// going wrong: SIGINT/SIGTERM mid-run cancel cleanly (exit 130/143, result, --output and --trace
// complete); a reader that goes away (`| head -c 100`) ends nothing in "internal error: write
// EPIPE"; a trace file that stops accepting writes is reported once; temporaries that a killed
// run left beside its files are removed by the next run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { reqonc, startReqonc } from "./support/cli.ts";

// A finishes quickly and stores its records; B then waits on whatever /wait does.
const mission = (waitOptions = "") => `mission Patient {
  source Api { auth: none, base: "http://api.invalid" }
  store items: file("items")
  action A {
    get Api "/items"
    store response -> items { key: .id }
  }
  action B {
    get Api "/wait"${waitOptions}
    store response -> waited { key: .id }
  }
  run A then B
}
`;

let api: ApiServer;
let dir: string;

beforeAll(async () => {
  api = await startApiServer();
  api.route("GET", "/items", { json: [{ id: "a", n: 1 }, { id: "b", n: 2 }] });
});

afterAll(async () => {
  await api.close();
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "reqonc-signals-"));
});

function missionFile(text: string): string {
  const path = join(dir, "patient.reqon");
  writeFileSync(path, text);
  return path;
}

/** Resolves once `ready()` holds (polled); the test's own timeout bounds the wait. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const waiting = (): boolean => api.requestsTo("/wait").length > 0;

function traceLines(path: string): { type: string; status?: string }[] {
  const text = readFileSync(path, "utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text.trimEnd().split("\n").map((line) => JSON.parse(line));
}

describe("signals during reqonc run (§30.3)", () => {
  beforeEach(() => {
    api.requests.length = 0;
  });

  it("SIGTERM while a request hangs: result printed, --output and --trace complete, exit 143", async () => {
    api.route("GET", "/wait", { delayMs: 60_000, json: { id: "late" } });
    const out = join(dir, "out");
    const trace = join(dir, "trace.jsonl");
    const dataDir = join(dir, "data");
    // A stale output of an earlier run must be replaced, not left as if this run had written it.
    spawnSync("mkdir", ["-p", out]);
    writeFileSync(join(out, "items.json"), JSON.stringify({ stale: { id: "stale" } }));

    const running = startReqonc(["run", missionFile(mission()), "--base", `Api=${api.url}`, "--json",
      "--output", out, "--trace", trace], { env: { REQON_DATA_DIR: dataDir } });
    await until(waiting);
    running.child.kill("SIGTERM");
    const r = await running.done;

    expect(r.code).toBe(143);
    expect(r.stderr).toBe("");
    const result = JSON.parse(r.stdout);
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "", message: "run cancelled by SIGTERM", code: "CANCELLED" }]);
    expect(result.timeline.map((t: { action: string; status: string }) => [t.action, t.status]))
      .toEqual([["A", "succeeded"], ["B", "cancelled"]]);
    expect(api.requestsTo("/wait")[0]!.clientClosed).toBe(true); // the hanging request was aborted

    const items = { a: { id: "a", n: 1 }, b: { id: "b", n: 2 } };
    expect(JSON.parse(readFileSync(join(out, "items.json"), "utf8"))).toEqual(items);
    expect(JSON.parse(readFileSync(join(out, "waited.json"), "utf8"))).toEqual({});
    expect(JSON.parse(readFileSync(join(dataDir, "items.json"), "utf8"))).toEqual(items);
    const events = traceLines(trace);
    expect(events[0]!.type).toBe("mission.start");
    expect(events.at(-1)).toMatchObject({ type: "mission.end", status: "failed" });
    expect(events.filter((e) => e.type === "action.end").map((e) => e.status)).toEqual(["succeeded", "cancelled"]);
  });

  it("SIGINT during a retry back-off: the summary names the signal, exit 130", async () => {
    api.route("GET", "/wait", { status: 503 });
    const running = startReqonc(["run", missionFile(mission(` { retry: { maxAttempts: 3, initialDelay: 60000 } }`)),
      "--base", `Api=${api.url}`]);
    await until(() => api.requestsTo("/wait").some((r) => r.end !== null));
    running.child.kill("SIGINT");
    const r = await running.done;

    expect(r.code).toBe(130);
    expect(r.stdout).toContain("run cancelled by SIGINT");
    expect(api.requestsTo("/wait")).toHaveLength(1); // the back-off ended; no second attempt
  });

  it("SIGTERM while a response body trickles in: exit 143 with the result", async () => {
    api.route("GET", "/wait", { json: [{ id: "x", pad: "y".repeat(1000) }], trickle: { chunks: 100, intervalMs: 1000 } });
    const running = startReqonc(["run", missionFile(mission()), "--base", `Api=${api.url}`, "--json"]);
    await until(waiting);
    running.child.kill("SIGTERM");
    const r = await running.done;

    expect(r.code).toBe(143);
    expect(JSON.parse(r.stdout).errors).toEqual([{ action: "", message: "run cancelled by SIGTERM", code: "CANCELLED" }]);
  });

  it("a second signal ends the process at once with the same code", async () => {
    api.route("GET", "/wait", { delayMs: 60_000, json: { id: "late" } });
    const running = startReqonc(["run", missionFile(mission()), "--base", `Api=${api.url}`, "--json"]);
    await until(waiting);
    running.child.kill("SIGINT");
    running.child.kill("SIGINT");
    const r = await running.done;
    expect(r.code).toBe(130);
    expect(r.signal).toBeNull();
  });
});

describe("output that cannot be delivered", () => {
  it("a reader that closes stdout early (`| head -c 100`) ends no run in an internal error", async () => {
    api.route("GET", "/items", { json: Array.from({ length: 3000 }, (_, i) => ({ id: `k${i}`, text: "z".repeat(40) })) });
    try {
      const running = startReqonc(["run", missionFile(mission()), "--base", `Api=${api.url}`, "--json"]);
      api.route("GET", "/wait", { json: [] });
      // Reading 100 bytes and going away, as `head -c 100` does.
      const firstBytes = await new Promise<string>((resolve) => {
        running.child.stdout.once("data", (chunk: string) => {
          running.child.stdout.destroy();
          resolve(chunk.slice(0, 100));
        });
      });
      const r = await running.done;
      expect(firstBytes.startsWith("{")).toBe(true);
      expect(r.stderr).not.toContain("EPIPE");
      expect(r.stderr).not.toContain("internal error");
      expect(r.code).toBe(0);
    } finally {
      api.route("GET", "/items", { json: [{ id: "a", n: 1 }, { id: "b", n: 2 }] });
    }
  });

  it.skipIf(!existsSync("/dev/full"))("a trace file that refuses writes is reported once, and the run goes on", async () => {
    api.route("GET", "/wait", { json: [{ id: "w" }] });
    const r = await reqonc(["run", missionFile(mission()), "--base", `Api=${api.url}`, "--json", "--trace", "/dev/full"],
      { env: { REQON_DATA_DIR: join(dir, "data") } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe("succeeded");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toEqual(["reqonc: warning: --trace: cannot write '/dev/full' (ENOSPC); the trace is incomplete"]);
  });
});

describe("temporaries left by a killed run", () => {
  it("the next run removes those of dead processes and old ones, and keeps a live writer's", async () => {
    api.route("GET", "/wait", { json: [{ id: "w" }] });
    const dataDir = join(dir, "data");
    const out = join(dir, "out");
    spawnSync("mkdir", ["-p", dataDir, out]);
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const live = process.pid; // this test process: alive, and not the run's
    const dead = join(dataDir, `items.json.reqonc-${deadPid}-k1lled.tmp`);
    const fresh = join(dataDir, `items.json.reqonc-${live}-wr1ting.tmp`);
    const abandoned = join(dataDir, `items.json.reqonc-${live}-0ld.tmp`);
    const deadOutput = join(out, `waited.json.reqonc-${deadPid}-k1lled.tmp`);
    const unrelated = join(dataDir, "items.json.backup.tmp");
    for (const path of [dead, fresh, abandoned, deadOutput, unrelated]) writeFileSync(path, "{ half");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(abandoned, twoHoursAgo, twoHoursAgo);

    const r = await reqonc(["run", missionFile(mission()), "--base", `Api=${api.url}`, "--output", out],
      { env: { REQON_DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    expect(readdirSync(dataDir).sort()).toEqual(["items.json", "items.json.backup.tmp", `items.json.reqonc-${live}-wr1ting.tmp`]);
    expect(readdirSync(out).sort()).toEqual(["items.json", "waited.json"]);
  });
});

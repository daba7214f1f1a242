// `reqonc daemon` (LANGUAGE.md §36.2) as a child process against a local API server: runs on
// time (counted at the server, lower bounds only), skipIfRunning and maxConcurrentRuns seen as
// the server's peak of requests in flight, retries of failed runs, --once exit codes, and the
// graceful stop on SIGTERM/SIGINT (waits for a run, cancels after --grace or a second signal).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failTimes, startApiServer, type ApiServer } from "./support/api-server.ts";
import { reqonc } from "./support/cli.ts";
import { startDaemon, type DaemonProcess } from "./support/daemon-process.ts";

let api: ApiServer;
let dir: string;

beforeAll(async () => {
  api = await startApiServer();
  dir = mkdtempSync(join(tmpdir(), "reqonc-daemon-"));
});
afterAll(() => api.close());

/** A mission file whose one action GETs `path` on the test server. */
function missionFile(name: string, schedule: string, path: string): string {
  const file = join(dir, `${name}.reqon`);
  writeFileSync(file, `mission ${name} {
  ${schedule}
  source Api { auth: none, base: "${api.url}" }
  action Fetch {
    get Api "${path}"
    store response -> items { key: .id }
  }
  run Fetch
}
`);
  return file;
}

const dataDir = () => ["--data-dir", mkdtempSync(join(tmpdir(), "reqonc-daemon-data-"))];
const isEvent = (name: string, mission?: string) => (e: Record<string, unknown>) =>
  e.event === name && (mission === undefined || e.mission === mission);

async function stop(daemon: DaemonProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  daemon.child.kill(signal);
  return daemon.exited;
}

describe("reqonc daemon", () => {
  it("runs `every 1 second` missions on time, logs schedule/start/end as JSON lines, stops on SIGTERM with 0", async () => {
    api.route("GET", "/tick", { json: [{ id: 1 }] });
    const daemon = startDaemon([missionFile("Ticker", "schedule: every 1 second", "/tick"), ...dataDir()]);
    const first = await daemon.waitFor(isEvent("schedule", "Ticker"));
    expect(first).toMatchObject({ mission: "Ticker", schedule: "every 1 second", timezone: "UTC" });
    expect(first.next).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    // Three runs ended: at least three requests were made, one per run.
    for (let n = 0; n < 3; n++) await daemon.waitFor((e) => e.event === "end" && daemon.events.filter(isEvent("end")).length >= 3);
    expect(api.requestsTo("/tick").length).toBeGreaterThanOrEqual(3);
    expect(await stop(daemon)).toBe(0);
    const starts = daemon.events.filter(isEvent("start"));
    const ends = daemon.events.filter(isEvent("end"));
    expect(starts.length).toBeGreaterThanOrEqual(3);
    for (const start of starts) expect(start.id).toMatch(/^Ticker-\d{8}T\d{6}Z-[0-9a-f]{4}$/);
    expect(ends.slice(0, 3).map((e) => e.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(ends[0]).toMatchObject({ mission: "Ticker", id: starts[0]!.id });
    expect(typeof ends[0]!.ms).toBe("number");
    // Due times sit on the grid of the daemon's start: whole seconds apart.
    const started = starts.slice(0, 3).map((s) => Date.parse(String(s.time)));
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(900);
  });

  it("skipIfRunning (default): a run due while the previous one runs is skipped, never overlapping", async () => {
    api.route("GET", "/slow-skip", { delayMs: 2500, json: [{ id: 1 }] });
    const daemon = startDaemon([missionFile("Slow", "schedule: every 1 second", "/slow-skip"), ...dataDir()]);
    await daemon.waitFor(isEvent("skipped", "Slow"));
    await daemon.waitFor(isEvent("end", "Slow"));
    expect(await stop(daemon)).toBe(0);
    expect(api.requestsTo("/slow-skip").length).toBeGreaterThanOrEqual(1);
    expect(maxOverlap(api.requestsTo("/slow-skip"))).toBe(1);
  });

  it("skipIfRunning: false with maxConcurrentRuns: 2 overlaps two runs, never three", async () => {
    api.route("GET", "/slow-overlap", { delayMs: 2500, json: [{ id: 1 }] });
    const daemon = startDaemon([
      missionFile("Overlap", "schedule: every 1 second { skipIfRunning: false, maxConcurrentRuns: 2 }", "/slow-overlap"),
      ...dataDir(),
    ]);
    // Four runs started: the third and fourth had to wait for a free slot.
    await daemon.waitFor(() => daemon.events.filter(isEvent("start", "Overlap")).length >= 4);
    expect(await stop(daemon)).toBe(0);
    expect(maxOverlap(api.requestsTo("/slow-overlap"))).toBe(2);
    expect(daemon.events.filter(isEvent("skipped"))).toEqual([]);
  });

  it("retries a failed run per `retry`; --once exits with the final status", async () => {
    api.route("GET", "/flaky", failTimes(2, { status: 500, json: { error: "down" } }, { json: [{ id: 7 }] }));
    const file = missionFile("Flaky", "schedule: every 1 hour { retry: { maxRetries: 3, delaySeconds: 0 } }", "/flaky");
    const daemon = startDaemon([file, "--once", ...dataDir()]);
    expect(await daemon.exited).toBe(0);
    const kinds = daemon.events.filter((e) => e.mission === "Flaky").map((e) => `${e.event}${e.status ? ` ${e.status}` : ""}`);
    expect(kinds).toEqual(["start", "end failed", "retry", "start", "end failed", "retry", "start", "end succeeded"]);
    expect(api.requestsTo("/flaky")).toHaveLength(3);
  });

  it("--once: the worst status decides the exit (1 for a failed run without retry)", async () => {
    api.route("GET", "/ok", { json: [{ id: 1 }] });
    api.route("GET", "/broken", { status: 500, json: {} });
    const ok = missionFile("Fine", "schedule: every 1 hour", "/ok");
    const broken = missionFile("Broken", `schedule: cron "0 6 * * *"`, "/broken");
    const daemon = startDaemon([ok, broken, "--once", ...dataDir()]);
    expect(await daemon.exited).toBe(1);
    expect(daemon.events.filter(isEvent("end")).map((e) => `${e.mission} ${e.status}`).sort()).toEqual(["Broken failed", "Fine succeeded"]);
  });

  it("SIGTERM during a run waits for it (exit 0, the request completes)", async () => {
    api.route("GET", "/slow-term", { delayMs: 1500, json: [{ id: 1 }] });
    const daemon = startDaemon([missionFile("Patient", "schedule: every 1 hour { runOnStart: true }", "/slow-term"), ...dataDir()]);
    await daemon.waitFor(isEvent("start", "Patient"));
    await waitUntil(() => api.requestsTo("/slow-term").length === 1);
    expect(await stop(daemon)).toBe(0);
    expect(daemon.events.find(isEvent("end", "Patient"))).toMatchObject({ status: "succeeded" });
    expect(api.requestsTo("/slow-term")[0]!.clientClosed).toBe(false);
  });

  it("cancels runs still going after --grace (exit 130), and at once on a second signal", async () => {
    api.route("GET", "/stuck", { delayMs: 60_000, json: [] });
    const graceful = startDaemon([missionFile("Stuck", "schedule: every 1 hour { runOnStart: true }", "/stuck"), "--grace", "0.2", ...dataDir()]);
    await graceful.waitFor(isEvent("start", "Stuck"));
    await waitUntil(() => api.requestsTo("/stuck").length === 1);
    expect(await stop(graceful)).toBe(130);
    expect(graceful.events.find(isEvent("end", "Stuck"))).toMatchObject({ status: "cancelled" });

    const impatient = startDaemon([missionFile("Stuck2", "schedule: every 1 hour { runOnStart: true }", "/stuck"), "--grace", "600", ...dataDir()]);
    await impatient.waitFor(isEvent("start", "Stuck2"));
    impatient.child.kill("SIGTERM");
    await impatient.waitFor(isEvent("stop"));
    expect(await stop(impatient, "SIGINT")).toBe(130);
    expect(impatient.events.find(isEvent("end", "Stuck2"))).toMatchObject({ status: "cancelled" });
  });

  it("refuses missions without a schedule and duplicate mission names (exit 2, nothing runs)", async () => {
    const plain = join(dir, "plain.reqon");
    writeFileSync(plain, `mission Plain {\n  action A { get "${api.url}/never" }\n  run A\n}\n`);
    const before = api.requestsTo("/never").length;
    const result = await reqonc(["daemon", "--once", plain]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${plain}:1:9: error: mission 'Plain' has no schedule`);
    const twinDir = mkdtempSync(join(tmpdir(), "reqonc-twins-"));
    for (const name of ["a", "b"]) {
      writeFileSync(join(twinDir, `${name}.reqon`), `mission Twin {\n  schedule: every 1 hour\n  action A { get "${api.url}/never" }\n  run A\n}\n`);
    }
    const twins = await reqonc(["daemon", "--once", twinDir]);
    expect(twins.code).toBe(2);
    expect(twins.stderr).toContain("duplicate mission 'Twin'");
    expect(api.requestsTo("/never").length).toBe(before);
  });
});

/** Most requests in the list that were being answered at the same moment. */
function maxOverlap(requests: { start: number; end: number | null }[]): number {
  const edges = requests.flatMap((r) => [[r.start, 1], [r.end ?? Number.POSITIVE_INFINITY, -1]] as const);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, delta] of edges) peak = Math.max(peak, (open += delta));
  return peak;
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

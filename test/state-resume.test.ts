// Execution state and resume (LANGUAGE.md §37) through the CLI against a local API server:
// `run --state` files (atomic, no secrets), `--resume` after the first process was SIGKILLed in
// stage 2 (stage 1 not requested again, final stores equal an uninterrupted run's), the refusals
// resume-unknown / resume-mismatch (--force) / resume-nothing, `reqonc runs`, and the daemon.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer, type Reply } from "./support/api-server.ts";
import { cliPath, reqonc } from "./support/cli.ts";

const TOKEN = "tok-9f8e7d6c5b4a-secret";
let api: ApiServer;
let dir: string;
let authFile: string;

/** The first request to /detail/2 hangs (the process is killed then); later ones answer at once. */
let slowFirstDetail = false;
let detailTwoCalls = 0;

beforeAll(async () => {
  api = await startApiServer();
  dir = mkdtempSync(join(tmpdir(), "reqonc-state-"));
  authFile = join(dir, "auth.json");
  writeFileSync(authFile, JSON.stringify({ Api: { token: TOKEN } }));
  api.route("GET", "/list", { json: [{ id: 1, name: "lamp" }, { id: 2, name: "shelf" }] });
  api.route("GET", "/detail/1", { json: { id: 1, stock: 4 } });
  api.route("GET", "/detail/2", (): Reply => {
    detailTwoCalls++;
    return slowFirstDetail && detailTwoCalls === 1 ? { delayMs: 120_000, json: {} } : { json: { id: 2, stock: 0 } };
  });
});
afterAll(() => api.close());

function missionFile(name = "sync.reqon", extra = ""): string {
  const file = join(dir, name);
  writeFileSync(file, `mission Sync {
  source Api { auth: bearer, base: "${api.url}" }
  action List {
    get Api "/list"
    store response -> items { key: .id }
  }
  action Detail {
    for it in items {
      get Api concat("/detail/", it.id)
      store response -> details { key: .id }
    }
  }
  action Publish {
    for d in details {
      store { id: d.id, name: items[d.id].name, inStock: d.stock > 0 } -> published { key: .id }
    }
  }${extra}
  run List then Detail then Publish
}
`);
  return file;
}

const newDataDir = () => mkdtempSync(join(tmpdir(), "reqonc-state-data-"));
const idFrom = (stderr: string) => /reqonc: execution (\S+)/.exec(stderr)?.[1] ?? "";
const readState = (dataDir: string, id: string) =>
  JSON.parse(readFileSync(join(dataDir, "executions", `${id}.json`), "utf8")) as Record<string, any>;

function filesUnder(path: string): string[] {
  return readdirSync(path, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)]);
}

describe("run --state", () => {
  it("records the execution and memory-store snapshots, without credentials", async () => {
    const dataDir = newDataDir();
    const { code, stderr } = await reqonc(["run", missionFile(), "--auth", authFile, "--state", "--data-dir", dataDir]);
    expect(code).toBe(0);
    const id = idFrom(stderr);
    expect(id).toMatch(/^Sync-\d{8}T\d{6}Z-[0-9a-f]{4}$/);
    const state = readState(dataDir, id);
    expect(state).toMatchObject({ id, mission: "Sync", status: "succeeded", resumedFrom: null, errors: [] });
    expect(state.missionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(state.endedAt)).toBeGreaterThanOrEqual(Date.parse(state.startedAt));
    expect(state.stages.map((s: any) => [s.stage, s.actions.map((a: any) => `${a.name} ${a.status}`)])).toEqual([
      [0, ["List succeeded"]], [1, ["Detail succeeded"]], [2, ["Publish succeeded"]],
    ]);
    const items = JSON.parse(readFileSync(join(dataDir, "executions", id, "items.json"), "utf8"));
    expect(Object.keys(items)).toEqual(["1", "2"]);
    for (const file of filesUnder(dataDir)) {
      expect(file).not.toMatch(/\.tmp$/);
      expect(readFileSync(file, "utf8")).not.toContain(TOKEN);
    }
  });
});

describe("run --resume after SIGKILL in stage 2", () => {
  it("does not request stage 1 again and ends with the stores of an uninterrupted run", async () => {
    const file = missionFile();
    const whole = await reqonc(["run", file, "--auth", authFile, "--json", "--data-dir", newDataDir()]);
    expect(whole.code).toBe(0);
    const expected = JSON.parse(whole.stdout).stores;

    const dataDir = newDataDir();
    slowFirstDetail = true;
    detailTwoCalls = 0;
    const listBefore = api.requestsTo("/list").length;
    const child = spawn(process.execPath, [cliPath, "run", file, "--auth", authFile, "--state", "--data-dir", dataDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const exited = new Promise((resolve) => child.on("close", resolve));
    await waitUntil(() => detailTwoCalls === 1); // stage 2 (Detail) is in flight
    child.kill("SIGKILL");
    await exited;
    const id = idFrom(stderr);
    const killed = readState(dataDir, id);
    expect(killed.status).toBe("running");
    expect(killed.stages[0].actions[0]).toMatchObject({ name: "List", status: "succeeded" });
    expect(killed.stages[1].actions[0]).toMatchObject({ name: "Detail", status: "running" });
    expect(killed.stages[2].actions[0]).toMatchObject({ name: "Publish", status: "pending" });
    expect(api.requestsTo("/list").length).toBe(listBefore + 1);

    const resumed = await reqonc(["run", file, "--auth", authFile, "--resume", id, "--json", "--data-dir", dataDir]);
    expect(resumed.stderr).not.toContain("error");
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout);
    expect(api.requestsTo("/list").length).toBe(listBefore + 1); // stage 1 not repeated
    expect(detailTwoCalls).toBe(2); // stage 2 ran in full again
    expect(result.stores).toEqual(expected);
    expect(result.timeline.map((t: any) => `${t.action} ${t.status}`)).toEqual(["List skipped", "Detail succeeded", "Publish succeeded"]);

    const newId = idFrom(resumed.stderr);
    expect(newId).not.toBe(id);
    const state = readState(dataDir, newId);
    expect(state).toMatchObject({ status: "succeeded", resumedFrom: id });
    expect(state.stages[0].actions[0]).toMatchObject({ name: "List", status: "succeeded", carriedFrom: id });
    slowFirstDetail = false;
  });
});

describe("resume refusals (exit 2 before anything runs)", () => {
  it("resume-unknown, resume-nothing, resume-mismatch and --force", async () => {
    const dataDir = newDataDir();
    const file = missionFile("refusals.reqon");
    const requestsBefore = api.requests.length;
    const unknown = await reqonc(["run", file, "--auth", authFile, "--resume", "Sync-20200101T000000Z-abcd", "--data-dir", dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain("[resume-unknown]");
    expect(api.requests.length).toBe(requestsBefore);

    const first = await reqonc(["run", file, "--auth", authFile, "--state", "--data-dir", dataDir]);
    const id = idFrom(first.stderr);
    const nothing = await reqonc(["run", file, "--auth", authFile, "--resume", id, "--data-dir", dataDir]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("[resume-nothing]");

    // A failed run, then the mission changes.
    api.route("GET", "/detail/1", { status: 500, json: {} });
    const failed = await reqonc(["run", file, "--auth", authFile, "--state", "--data-dir", dataDir]);
    api.route("GET", "/detail/1", { json: { id: 1, stock: 4 } });
    expect(failed.code).toBe(1);
    const failedId = idFrom(failed.stderr);
    expect(readState(dataDir, failedId).status).toBe("failed");
    missionFile("refusals.reqon", "\n  // changed");
    const beforeMismatch = api.requests.length;
    const mismatch = await reqonc(["run", file, "--auth", authFile, "--resume", failedId, "--data-dir", dataDir]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain(`mission changed since run ${failedId}; use --force to resume anyway [resume-mismatch]`);
    expect(api.requests.length).toBe(beforeMismatch);
    const forced = await reqonc(["run", file, "--auth", authFile, "--resume", failedId, "--force", "--json", "--data-dir", dataDir]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).timeline.map((t: any) => t.status)).toEqual(["skipped", "succeeded", "succeeded"]);
  });
});

describe("reqonc runs and the daemon's state", () => {
  it("lists executions newest first (--json, --mission); the daemon always records state", async () => {
    const dataDir = newDataDir();
    const file = missionFile("listed.reqon");
    const a = await reqonc(["run", file, "--auth", authFile, "--state", "--data-dir", dataDir]);
    const daemonMission = join(dir, "nightly.reqon");
    writeFileSync(daemonMission, `mission Nightly {\n  schedule: cron "0 2 * * *"\n  action Ping { get "${api.url}/list" }\n  run Ping\n}\n`);
    const daemon = await reqonc(["daemon", daemonMission, "--once", "--data-dir", dataDir]);
    expect(daemon.code).toBe(0);
    const daemonId = /START Nightly (\S+)/.exec(daemon.stdout)?.[1];

    const listed = await reqonc(["runs", "--json", "--data-dir", dataDir]);
    expect(listed.code).toBe(0);
    const runs = JSON.parse(listed.stdout);
    expect(runs.map((r: any) => r.id)).toEqual([daemonId, idFrom(a.stderr)]);
    expect(Object.keys(runs[0]).sort()).toEqual(["endedAt", "id", "mission", "resumedFrom", "startedAt", "status"]);
    expect(runs[0]).toMatchObject({ mission: "Nightly", status: "succeeded", resumedFrom: null });

    const only = JSON.parse((await reqonc(["runs", "--json", "--mission", "Sync", "--data-dir", dataDir])).stdout);
    expect(only.map((r: any) => r.mission)).toEqual(["Sync"]);
    const text = await reqonc(["runs", "--data-dir", dataDir]);
    expect(text.stdout.split("\n")[1]).toContain(daemonId!);
    expect(existsSync(join(dataDir, "executions", `${daemonId}.json`))).toBe(true);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

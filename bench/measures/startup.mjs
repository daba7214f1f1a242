// Item 4: start-up costs of the CLI, as a user feels them.
//   - `reqonc check demo/fan-out-fan-in.reqon`: spawn → exit.
//   - `reqonc run demo/fan-out-fan-in.reqon --base default=URL`: spawn → the first request
//     arriving at the (main-thread, otherwise idle) loopback server, i.e. everything the CLI does
//     before its first request: load, compile, bundle/import, start the run.
//   - `node -e 0`: spawn → exit, for reference (the floor every figure above includes).
// Each is run once to warm the disk cache, then RUNS times; the median is reported.
import { measured, reference } from "../lib/outcome.mjs";
import { firstLine, runNode } from "../lib/processes.mjs";
import { startServer as startBenchServer } from "../lib/server.mjs";
import { median, round } from "../lib/stats.mjs";

const RUNS = 10;
const DEMO = "demo/fan-out-fan-in.reqon";
// The demo mission declares no source, so its requests use the implicit source `default` (§4).
const DEMO_SOURCE = "default";

export const CHECK = {
  id: "startup-check",
  name: "reqonc check demo (spawn → exit, median)",
  goal: { op: "<=", limit: 150, unit: "ms" },
};
export const RUN_FIRST_REQUEST = {
  id: "startup-run",
  name: "reqonc run demo (spawn → first request, median)",
  goal: { op: "<=", limit: 300, unit: "ms" },
};
export const NODE_SPAWN = { id: "node-spawn", name: "node -e 0 (spawn → exit, median, reference)" };

export async function measureCheck({ root, shared }) {
  const times = await repeat(async () => {
    const check = await runNode(["bin/reqonc.mjs", "check", DEMO], { cwd: root });
    if (check.code !== 0) throw new Error(`reqonc check exited ${check.code}: ${firstLine(check.stderr)}`);
    return check.ms;
  });
  return measured({ ...CHECK, value: round(median(times), 1), unit: "ms", details: perRun(times, shared) });
}

export async function measureNodeSpawn({ root, shared }) {
  const times = await repeat(async () => (await runNode(["-e", "0"], { cwd: root })).ms);
  shared.nodeSpawnMs = median(times);
  return reference({ ...NODE_SPAWN, value: round(median(times), 1), unit: "ms", details: perRun(times) });
}

export async function measureRunFirstRequest({ root, shared }) {
  const server = await startBenchServer();
  try {
    const args = ["bin/reqonc.mjs", "run", DEMO, "--base", `${DEMO_SOURCE}=${server.url}`];
    const times = await repeat(async () => {
      server.reset();
      const run = await runNode(args, { cwd: root });
      const { firstArrival } = server.stats();
      if (run.code !== 0) throw new Error(`reqonc run exited ${run.code}: ${firstLine(run.stderr)}`);
      if (firstArrival === null) throw new Error("reqonc run exited without sending a request");
      return firstArrival - run.started;
    });
    return measured({ ...RUN_FIRST_REQUEST, value: round(median(times), 1), unit: "ms", details: perRun(times, shared) });
  } finally {
    await server.close();
  }
}

/** One unrecorded warm-up, then RUNS recorded samples. */
async function repeat(sample) {
  await sample();
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await sample());
  return times;
}

/** Per-run samples, and the median above bare `node -e 0` when that was measured. */
function perRun(times, shared = {}) {
  const details = { "per run (ms)": times.map((t) => round(t, 1)) };
  if (shared.nodeSpawnMs !== undefined) {
    details["median above node -e 0 (ms)"] = round(median(times) - shared.nodeSpawnMs, 1);
  }
  return details;
}

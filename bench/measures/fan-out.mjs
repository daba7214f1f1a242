// Item 3: fan-out throughput. A compiled `for x in items parallel { get … }` with
// `concurrency: 50` over 2,000 input items, against a hand-written got v14 + p-map loop at the
// same concurrency, both hitting the same fast loopback server (in its own thread). Each round runs
// both sides back to back; the figure is the median over rounds of (mission req/s ÷ loop req/s),
// so a change in machine load between rounds affects both sides of each ratio alike.
import http from "node:http";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildMission } from "../lib/compile-mission.mjs";
import { baselineSettings, fanOutItems, handWrittenLoop, missionSide } from "../lib/fan-out-sides.mjs";
import { fanOutMission } from "../lib/missions.mjs";
import { measured } from "../lib/outcome.mjs";
import { alternatingRounds, firstSide } from "../lib/rounds.mjs";
import { firstLine, runNode } from "../lib/processes.mjs";
import { median, round, timed } from "../lib/stats.mjs";

export const FAN_OUT = {
  id: "fan-out",
  name: "fan-out 2,000 GETs @50: mission req/s ÷ got+p-map req/s",
  goal: { op: ">=", limit: 0.9, unit: "ratio" },
  items: 2000,
  concurrency: 50,
  // Rounds continue until maxRounds or until the time budget is spent (at least minRounds): more
  // rounds on a quiet machine, a bounded bench on a busy one.
  minRounds: 4,
  // The mission's second run still pays for optimizing code (V8 optimizes ~130 functions during
  // it, on the core the server needs); from the third run on, timings are steady.
  warmUpRuns: 2,
  // Shown beside the figure: the first run in a fresh process (nothing warm), as a one-shot
  // `reqonc run` sees it; pairs of processes, alternating which side goes first.
  coldPairs: 4,
  maxRounds: 16,
  roundsBudgetMs: 25_000,
  timeoutMs: 80_000,
};

export async function measureFanOut({ root, workDir, server }) {
  const missionName = "BenchFanOut";
  const module = await buildMission(root, missionName, fanOutMission(missionName, FAN_OUT.concurrency), workDir);
  const items = fanOutItems(FAN_OUT.items);
  const runMission = missionSide(module, server.url, items);
  const runBaseline = handWrittenLoop(server.url, items, FAN_OUT.concurrency);

  // Warm-up: JIT, keep-alive sockets, the server's own warm-up. The figure is steady-state
  // throughput; the warm-up runs are reported beside it.
  const { warmUp, mission, baseline } = await alternatingRounds({
    mission: runMission, baseline: runBaseline, sample: (run) => sampleRun(server, run),
    warmUpRuns: FAN_OUT.warmUpRuns, minRounds: FAN_OUT.minRounds, maxRounds: FAN_OUT.maxRounds, budgetMs: FAN_OUT.roundsBudgetMs,
  });

  const cold = await coldRuns({ root, server, bundle: join(workDir, missionName, `${missionName}.mjs`) });

  const problems = [...cold.problems];
  for (const [side, samples] of [["mission", mission], ["baseline", baseline]]) {
    const wrong = samples.find((s) => s.requests !== FAN_OUT.items);
    if (wrong) problems.push(`${side} sent ${wrong.requests} requests in one run, expected ${FAN_OUT.items}`);
  }
  const missionRps = median(mission.map((s) => s.rps));
  const baselineRps = median(baseline.map((s) => s.rps));
  const roundRatios = mission.map((s, i) => s.rps / baseline[i].rps);
  return measured({
    id: FAN_OUT.id,
    name: FAN_OUT.name,
    value: round(median(roundRatios)),
    unit: "ratio",
    goal: FAN_OUT.goal,
    problems,
    details: {
      "mission req/s (median)": Math.round(missionRps),
      "got+p-map req/s (median)": Math.round(baselineRps),
      "mission req/s per run": mission.map((s) => Math.round(s.rps)),
      "got+p-map req/s per run": baseline.map((s) => Math.round(s.rps)),
      "ratio per round": roundRatios.map((r) => round(r)),
      "ratio of the medians": round(missionRps / baselineRps),
      "warm-up runs, req/s (mission / got+p-map)": warmUp.mission.map((s, i) => `${Math.round(s.rps)} / ${Math.round(warmUp.baseline[i].rps)}`),
      "cold, first run in a fresh process: ratio (median of pairs)": cold.ratio,
      "cold req/s per pair (mission / got+p-map)": cold.pairs.map(([m, b]) => `${Math.round(m.rps)} / ${Math.round(b.rps)}`),
      // With keep-alive the warm-up opens about `concurrency` connections and timed runs reuse them.
      "TCP connections opened in warm-up (mission / got+p-map)": `${warmUp.mission[0].connections} / ${warmUp.baseline[0].connections}`,
      "TCP connections opened per timed run, max (mission / got+p-map)": `${Math.max(...mission.map((s) => s.connections))} / ${Math.max(...baseline.map((s) => s.connections))}`,
      "mission HTTP layer": describeMissionHttp(join(workDir, missionName), mission[0].userAgents),
      "got+p-map settings": baselineSettings(FAN_OUT.concurrency),
    },
  });
}

/** Fresh-process first runs of both sides (bench/lib/fan-out-cold.mjs), in pairs. */
async function coldRuns({ root, server, bundle }) {
  const script = fileURLToPath(new URL("../lib/fan-out-cold.mjs", import.meta.url));
  const pairs = [];
  const problems = [];
  for (let pair = 0; pair < FAN_OUT.coldPairs && problems.length === 0; pair++) {
    const sample = {};
    for (const side of firstSide(pair) === "mission" ? ["mission", "baseline"] : ["baseline", "mission"]) {
      await server.reset();
      const child = await runNode([script, side, bundle, server.url, String(FAN_OUT.items), String(FAN_OUT.concurrency)], { cwd: root });
      const { requests } = await server.stats();
      if (child.code !== 0) problems.push(`cold ${side} run exited ${child.code}: ${firstLine(child.stderr)}`);
      else if (requests !== FAN_OUT.items) problems.push(`cold ${side} run sent ${requests} requests, expected ${FAN_OUT.items}`);
      else sample[side] = { rps: (FAN_OUT.items / JSON.parse(child.stdout).ms) * 1000 };
    }
    if (sample.mission && sample.baseline) pairs.push([sample.mission, sample.baseline]);
  }
  const ratio = pairs.length === 0 ? null : round(median(pairs.map(([m, b]) => m.rps / b.rps)));
  return { pairs, ratio, problems };
}

async function sampleRun(server, run) {
  await server.reset();
  const { ms } = await timed(run);
  const stats = await server.stats();
  return { rps: (FAN_OUT.items / ms) * 1000, ms, ...stats };
}

/**
 * Reports what the generated code's HTTP layer is, from evidence rather than memory: the
 * User-Agent the server saw and whether the bundle imports got or inlines it. Connection reuse is
 * shown separately (TCP connections per run: ~50 means keep-alive, ~2,000 means none).
 */
function describeMissionHttp(bundleDir, userAgents) {
  const bundle = readdirSync(bundleDir).find((f) => f.endsWith(".mjs"));
  const text = bundle ? readFileSync(join(bundleDir, bundle), "utf8") : "";
  // A real import statement starts a line; got's own doc comments in the bundle show indented ones.
  const importsGot = /^import[^;\n]*from\s*["']got["']/m.test(text);
  const where = importsGot ? "bundle imports got from node_modules" : "got inlined in the bundle";
  return `User-Agent ${userAgents.join(", ")}; ${where}; got's default agent here is Node's http.globalAgent (keepAlive ${http.globalAgent.keepAlive})`;
}

// Items 1 and 2: a parallel group's wall time against the ideal schedule of its actions.
//   1. `run [A, B, C, D]`, no limit: ideal = the longest action's delay.
//   2. `maxConcurrency: 3` over 8 actions: ideal = greedy list scheduling with 3 slots.
// Each action is one GET the server answers after a fixed delay, so the actions' own work is
// known exactly and everything above the ideal is pipeline/runtime overhead.
import { buildMission, runSucceeded } from "../lib/compile-mission.mjs";
import { parallelGroupMission } from "../lib/missions.mjs";
import { measured } from "../lib/outcome.mjs";
import { greedyMakespan } from "../lib/schedule.mjs";
import { median, round, timed } from "../lib/stats.mjs";

const TIMED_RUNS = 3;

export const PARALLEL_GROUP = {
  id: "parallel-group",
  name: "parallel group [A,B,C,D]: wall ÷ longest delay",
  goal: { op: "<=", limit: 1.05, unit: "ratio" },
  delaysMs: [200, 300, 400, 500],
};

export const POOL = {
  id: "pool",
  name: "pool maxConcurrency 3 × 8 actions: wall ÷ greedy ideal",
  goal: { op: "<=", limit: 1.05, unit: "ratio" },
  delaysMs: [300, 150, 250, 200, 100, 350, 150, 250],
  maxConcurrency: 3,
};

export function measureParallelGroup(env) {
  return measureGroup(env, PARALLEL_GROUP, "BenchParallelGroup");
}

export function measurePool(env) {
  return measureGroup(env, POOL, "BenchPool");
}

async function measureGroup({ root, workDir, server }, spec, missionName) {
  const limit = spec.maxConcurrency;
  const source = parallelGroupMission(missionName, spec.delaysMs, { maxConcurrency: limit });
  const module = await buildMission(root, missionName, source, workDir);
  const options = { baseUrls: { default: server.url } };
  const ideal = greedyMakespan(spec.delaysMs, limit ?? Infinity);

  await runSucceeded(module, options); // warm-up: JIT, first connections
  const walls = [];
  const stageSpans = [];
  let maxInFlight = 0;
  for (let i = 0; i < TIMED_RUNS; i++) {
    await server.reset();
    const { value: result, ms } = await timed(() => runSucceeded(module, options));
    walls.push(ms);
    stageSpans.push(stageSpan(result.timeline, 0));
    maxInFlight = Math.max(maxInFlight, (await server.stats()).maxInFlight);
  }

  const expectedInFlight = Math.min(limit ?? Infinity, spec.delaysMs.length);
  const problems = [];
  if (maxInFlight > expectedInFlight) problems.push(`${maxInFlight} actions were in flight at once (limit ${expectedInFlight})`);
  const wall = median(walls);
  return measured({
    id: spec.id,
    name: spec.name,
    value: round(wall / ideal),
    unit: "ratio",
    goal: spec.goal,
    problems,
    details: {
      "action delays (ms)": spec.delaysMs,
      "ideal wall (ms)": ideal,
      "run() wall per run (ms)": walls.map((w) => round(w, 1)),
      "timeline stage span per run (ms)": stageSpans,
      "timeline ratio (median span ÷ ideal)": round(median(stageSpans) / ideal),
      "most requests in flight at the server": maxInFlight,
    },
  });
}

/** Wall time of one stage as the result timeline reports it. */
function stageSpan(timeline, stage) {
  const entries = timeline.filter((entry) => entry.stage === stage);
  if (entries.length === 0) throw new Error(`the result timeline has no entries for stage ${stage}`);
  return Math.max(...entries.map((e) => e.end)) - Math.min(...entries.map((e) => e.start));
}

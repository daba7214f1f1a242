#!/usr/bin/env node
// `npm run bench`: measures reqonc's timing claims as ratios within one run and prints a table
// (name, measured value, goal, pass/fail), then writes bench/results.json. See bench/README.md.
// Loopback only: every server is started here on 127.0.0.1 at a free port and stopped here.
import os from "node:os";
import { fileURLToPath } from "node:url";
import { createWorkDir } from "./lib/compile-mission.mjs";
import { attempt } from "./lib/outcome.mjs";
import { printDetails, printTable, writeResults } from "./lib/report.mjs";
import { startServerThread } from "./lib/server-thread.mjs";
import { withTimeout } from "./lib/stats.mjs";
import { FAN_OUT, measureFanOut } from "./measures/fan-out.mjs";
import { FILE_STORE, measureFileStore } from "./measures/file-store.mjs";
import { PARALLEL_GROUP, POOL, measureParallelGroup, measurePool } from "./measures/parallel-group.mjs";
import { HTTP_PAGINATION, measureHttpPagination } from "./http-pagination.mjs";
import { HTTP_RATE_LIMIT, measureHttpRateLimit } from "./http-rate-limit.mjs";
import {
  CHECK, NODE_SPAWN, RUN_FIRST_REQUEST, measureCheck, measureNodeSpawn, measureRunFirstRequest,
} from "./measures/startup.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const resultsPath = fileURLToPath(new URL("./results.json", import.meta.url));
/** No single item may take longer than this (unless its spec says otherwise), so one hang cannot stall the bench. */
const ITEM_TIMEOUT_MS = 40_000;

// Start-up items go first, while nothing else is running on the machine.
const ITEMS = [
  [NODE_SPAWN, measureNodeSpawn],
  [CHECK, measureCheck],
  [RUN_FIRST_REQUEST, measureRunFirstRequest],
  [PARALLEL_GROUP, measureParallelGroup],
  [POOL, measurePool],
  [FAN_OUT, measureFanOut],
  [HTTP_PAGINATION, measureHttpPagination],
  [HTTP_RATE_LIMIT, measureHttpRateLimit],
  [FILE_STORE, measureFileStore],
];

// `node bench/run.mjs ID…` measures only those items (ids as in results.json), e.g. `startup-check`.
const only = process.argv.slice(2);
const unknown = only.filter((id) => !ITEMS.some(([spec]) => spec.id === id));
if (unknown.length > 0) {
  console.error(`bench: unknown item ${unknown.join(", ")}; items: ${ITEMS.map(([spec]) => spec.id).join(", ")}`);
  process.exit(2);
}
const selected = only.length === 0 ? ITEMS : ITEMS.filter(([spec]) => only.includes(spec.id));

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const server = await startServerThread();
const work = createWorkDir(root);
const results = [];
const shared = {}; // figures one item hands to later ones (node -e 0 spawn time)
try {
  for (const [spec, measure] of selected) {
    process.stderr.write(`bench: ${spec.name} …\n`);
    const env = { root, workDir: work.dir, server, shared };
    results.push(await attempt(spec, () => withTimeout(measure(env), spec.timeoutMs ?? ITEM_TIMEOUT_MS, spec.id)));
  }
} finally {
  await server.close();
  work.remove();
}

// Other work on this 2-core machine skews timings, so say how busy it was.
console.log(`\nnode ${process.version}, ${os.cpus().length} CPUs, 1-min load average ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end\n`);
if (Math.max(loadAtStart, os.loadavg()[0]) > os.cpus().length) {
  console.log("note: the machine was busy (load average above its CPU count); timings are inflated and noisy\n");
}
printTable(results);
printDetails(results);
writeResults(resultsPath, results, performance.now() - started);
console.log(`\nwrote bench/results.json (bench took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
// A timed-out item may leave a mission run pending; the report is written, so end here.
process.exit(0);

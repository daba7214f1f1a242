// One cold fan-out run in a fresh process, for bench/measures/fan-out.mjs:
//   node bench/lib/fan-out-cold.mjs mission|baseline BUNDLE.mjs BASE_URL ITEMS CONCURRENCY
// Prints {"ms": wall time of the first run}. Nothing is warm: not the runtime, got, Node's
// HTTP client, nor a keep-alive socket — what a one-shot `reqonc run` sees.
import { pathToFileURL } from "node:url";
import { fanOutItems, handWrittenLoop, missionSide } from "./fan-out-sides.mjs";

const [side, bundle, baseUrl, count, concurrency] = process.argv.slice(2);
const items = fanOutItems(Number(count));
const run = side === "mission"
  ? missionSide(await import(pathToFileURL(bundle).href), baseUrl, items)
  : handWrittenLoop(baseUrl, items, Number(concurrency));
const started = performance.now();
await run();
console.log(JSON.stringify({ ms: performance.now() - started }));
process.exit(0);

// Loopback API for the HTTP-layer bench items (bench/http-pagination.mjs, bench/http-rate-limit.mjs),
// run in a worker thread (lib/server-thread.mjs) so the client under test and the server each get
// a core. The routes are in lib/http-api.mjs.
import { startServerThread } from "./lib/server-thread.mjs";

/** Starts the server in a worker thread: `{ url, stats(), reset(), close() }` (all but url async). */
export function startHttpBenchServer() {
  return startServerThread(new URL("./lib/http-api.mjs", import.meta.url).href);
}

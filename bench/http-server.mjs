// Loopback API for the HTTP-layer bench items (bench/http-pagination.mjs, bench/http-rate-limit.mjs),
// run in a worker thread (lib/server-thread.mjs) so the client under test and the server each get
// a core. The routes are in lib/http-api.mjs.
import { fileURLToPath, pathToFileURL } from "node:url";
import { createWorkDir } from "./lib/compile-mission.mjs";
import { startServerThread } from "./lib/server-thread.mjs";

/** Starts the server in a worker thread: `{ url, stats(), reset(), close() }` (all but url async). */
export function startHttpBenchServer() {
  return startServerThread(new URL("./lib/http-api.mjs", import.meta.url).href);
}

/**
 * Runs one HTTP bench item with this server and a work folder (the bench's, or a temporary one
 * when the item runs on its own), and cleans both up.
 */
export async function withHttpBench({ root = defaultRoot(), workDir } = {}, measure) {
  const work = workDir ? null : createWorkDir(root);
  const server = await startHttpBenchServer();
  try {
    return await measure({ root, server, workDir: workDir ?? work.dir });
  } finally {
    await server.close();
    work?.remove();
  }
}

/** `node bench/<item>.mjs` runs that item alone and prints its row. */
export async function runIfMain(moduleUrl, measure) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  console.log(JSON.stringify(await measure(), null, 2));
  process.exit(0);
}

function defaultRoot() {
  return fileURLToPath(new URL("..", import.meta.url));
}

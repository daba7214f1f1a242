// Runs a bench server in a worker thread, so on a 2-core machine the client under test (main
// thread) and the server each get a core and the server's work does not slow the client down.
// The server comes from a module exporting `startServer()` → `{ url, stats(), reset(), close() }`
// (default: ./server.mjs).
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

if (!isMainThread && parentPort) {
  const { startServer } = await import(workerData.module);
  const server = await startServer();
  parentPort.on("message", async (command) => {
    if (command === "stats") parentPort.postMessage({ reply: "stats", stats: server.stats() });
    if (command === "reset") {
      server.reset();
      parentPort.postMessage({ reply: "reset" });
    }
    if (command === "close") {
      await server.close();
      parentPort.postMessage({ reply: "close" });
      parentPort.close();
    }
  });
  parentPort.postMessage({ reply: "ready", url: server.url });
}

/** Starts the server in a worker; same interface as the server itself (stats/reset are async). */
export function startServerThread(module = new URL("./server.mjs", import.meta.url).href) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { module } });
  const ask = (command) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.reply !== command) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(message);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.postMessage(command);
    });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message) => {
      worker.off("error", reject);
      resolve({
        url: message.url,
        stats: async () => (await ask("stats")).stats,
        reset: async () => void (await ask("reset")),
        close: async () => {
          await ask("close");
          await worker.terminate();
        },
      });
    });
  });
}

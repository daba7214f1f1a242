// Loopback API for the HTTP-layer bench items (bench/http-pagination.mjs, bench/http-rate-limit.mjs),
// run in a worker thread so the client under test and the server each get a core.
//   /pages?page=N&pages=P&size=S   { data: [S records], page: N }; page P holds S-1 records (the
//                                  short page that ends a `page(page, S)` loop), later pages none
//   /ping                          { ok: true }
// The server logs each request's arrival (performance.now(), so only differences mean anything)
// and counts TCP connections.
import { createServer } from "node:http";
import { Worker, isMainThread, parentPort } from "node:worker_threads";

function startServer() {
  let arrivals = [];
  let connections = 0;
  const records = new Map(); // size → page body items, built once
  const items = (size) => {
    if (!records.has(size)) records.set(size, Array.from({ length: size }, (_, i) => ({ id: i, name: `item ${i}`, active: true })));
    return records.get(size);
  };
  const server = createServer((request, response) => {
    arrivals.push(performance.now());
    const url = new URL(request.url ?? "/", "http://bench.invalid");
    let body;
    if (url.pathname === "/pages") {
      const page = Number(url.searchParams.get("page"));
      const pages = Number(url.searchParams.get("pages"));
      const size = Number(url.searchParams.get("size"));
      const count = page < pages ? size : page === pages ? size - 1 : 0;
      body = JSON.stringify({ data: items(size).slice(0, count), page });
    } else {
      body = '{"ok":true}';
    }
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
  server.on("connection", () => { connections += 1; });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      stats: () => ({ requests: arrivals.length, arrivals, connections }),
      reset: () => { arrivals = []; connections = 0; },
      close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
    }));
  });
}

if (!isMainThread && parentPort) {
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

/** Starts the server in a worker: `{ url, stats(), reset(), close() }` (all but url async). */
export function startHttpBenchServer() {
  const worker = new Worker(new URL(import.meta.url));
  const ask = (command) => new Promise((resolve, reject) => {
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
        reset: async () => { await ask("reset"); },
        close: async () => { await ask("close"); await worker.terminate(); },
      });
    });
  });
}

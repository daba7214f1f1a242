// The loopback API of the HTTP-layer bench items, run inside a worker by bench/http-server.mjs.
//   /pages?page=N&pages=P&size=S   { data: [S records], page: N }; page P holds S-1 records (the
//                                  short page that ends a `page(page, S)` loop), later pages none
//   /ping                          { ok: true }
// The server logs each request's arrival (performance.now(), so only differences mean anything)
// and counts TCP connections.
import { createServer } from "node:http";

export function startServer() {
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

// The loopback API every bench item talks to. Routes are chosen so a mission's timing depends
// only on what it asks for:
//   /delay/<ms>            answers after <ms> milliseconds (parallel group, pool)
//   /item/<id>             answers at once with a tiny JSON record (fan-out throughput)
//   /items, /pricing, /inventory   the endpoints of demo/fan-out-fan-in.reqon (start-up)
//   /pages?page=N&pages=P&size=S   { data: [S records], page: N }; page P holds S-1 records (the
//                                  short page that ends a `page(page, S)` loop), later pages none
//   /ping                  { ok: true } (rate limit)
// The server counts requests, requests in flight and TCP connections and logs each arrival
// (performance.now(), so only differences mean anything), so each item can check that the
// mission really did what the figure claims (e.g. never more than 3 actions at once).
import { createServer } from "node:http";

const DEMO_ITEMS = [
  { id: "lamp", name: "Desk lamp" },
  { id: "shelf", name: "Shelf" },
];

/** Starts the server on 127.0.0.1 at a free port. */
export function startServer() {
  const stats = freshStats();
  const server = createServer((request, response) => {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const now = performance.now();
    if (stats.firstArrival === null) stats.firstArrival = now;
    stats.arrivals.push(now);
    stats.userAgents.add(request.headers["user-agent"] ?? "(none)");
    const reply = route(new URL(request.url ?? "/", "http://bench.invalid"));
    const send = () => {
      stats.inFlight -= 1;
      response.writeHead(reply.status, { "content-type": "application/json" });
      response.end(JSON.stringify(reply.body));
    };
    if (reply.delayMs > 0) setTimeout(send, reply.delayMs);
    else send();
  });
  server.on("connection", () => {
    stats.connections += 1;
  });
  // Keep idle keep-alive sockets open across the repeated runs of one item.
  server.keepAliveTimeout = 30_000;

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        stats: () => ({ ...stats, userAgents: [...stats.userAgents] }),
        reset: () => Object.assign(stats, freshStats()),
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function freshStats() {
  return { requests: 0, inFlight: 0, maxInFlight: 0, connections: 0, firstArrival: null, arrivals: [], userAgents: new Set() };
}

function route(url) {
  const [, head, arg] = url.pathname.split("/");
  switch (head) {
    case "delay":
      return { status: 200, body: { delayed: Number(arg) }, delayMs: Number(arg) || 0 };
    case "item":
      return { status: 200, body: { id: arg, value: arg.length }, delayMs: 0 };
    case "items":
      return { status: 200, body: DEMO_ITEMS, delayMs: 0 };
    case "pricing":
      return { status: 200, body: { itemId: url.searchParams.get("itemId"), price: 10 }, delayMs: 0 };
    case "inventory":
      return { status: 200, body: { itemId: url.searchParams.get("itemId"), quantity: 1 }, delayMs: 0 };
    case "pages": {
      const page = Number(url.searchParams.get("page"));
      const pages = Number(url.searchParams.get("pages"));
      const size = Number(url.searchParams.get("size"));
      const count = page < pages ? size : page === pages ? size - 1 : 0;
      return { status: 200, body: { data: pageRecords(size).slice(0, count), page }, delayMs: 0 };
    }
    case "ping":
      return { status: 200, body: { ok: true }, delayMs: 0 };
    default:
      return { status: 404, body: { error: "not found" }, delayMs: 0 };
  }
}

const pageRecordsBySize = new Map(); // size → page records, built once
function pageRecords(size) {
  if (!pageRecordsBySize.has(size)) {
    pageRecordsBySize.set(size, Array.from({ length: size }, (_, i) => ({ id: i, name: `item ${i}`, active: true })));
  }
  return pageRecordsBySize.get(size);
}

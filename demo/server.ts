// The demo API behind `reqonc demo`: items, pricing and inventory endpoints on 127.0.0.1 with
// small delays, so the demo's timeline shows the two enrichment actions overlapping.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

const ITEMS = [
  { id: "lamp", name: "Desk lamp" },
  { id: "shelf", name: "Shelf" },
  { id: "chair", name: "Office chair" },
  { id: "desk", name: "Standing desk" },
  { id: "rug", name: "Wool rug" },
];
const PRICES: Record<string, number> = { lamp: 25, shelf: 60, chair: 140, desk: 420, rug: 85 };
const STOCK: Record<string, number> = { lamp: 12, shelf: 4, chair: 0, desk: 7, rug: 3 };

/** Milliseconds each endpoint waits before answering, like a real API would. */
const DELAY_MS = { items: 20, pricing: 25, inventory: 30 };

type Reply = { status: number; body: unknown; delay: number };

function route(url: URL): Reply {
  const itemId = url.searchParams.get("itemId") ?? "";
  switch (url.pathname) {
    case "/items":
      return { status: 200, body: ITEMS, delay: DELAY_MS.items };
    case "/pricing":
      return itemId in PRICES
        ? { status: 200, body: { itemId, price: PRICES[itemId], currency: "EUR" }, delay: DELAY_MS.pricing }
        : { status: 404, body: { error: `no price for '${itemId}'` }, delay: 0 };
    case "/inventory":
      return itemId in STOCK
        ? { status: 200, body: { itemId, quantity: STOCK[itemId] }, delay: DELAY_MS.inventory }
        : { status: 404, body: { error: `no stock record for '${itemId}'` }, delay: 0 };
    default:
      return { status: 404, body: { error: "not found" }, delay: 0 };
  }
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const reply = route(new URL(request.url ?? "/", "http://demo.invalid"));
  setTimeout(() => {
    response.writeHead(reply.status, { "content-type": "application/json" });
    response.end(JSON.stringify(reply.body));
  }, reply.delay);
}

export function startDemoServer(): Promise<DemoServer> {
  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

// A programmable, fault-injecting HTTP server for tests (node:http on 127.0.0.1, a free port).
//
//   const api = await startApiServer();
//   api.route("GET", "/items", { json: [{ id: 1 }] });                       // fixed reply
//   api.route("GET", "/flaky", failTimes(2, { status: 503 }, { json: {} })); // 503, 503, then 200
//   api.route("GET", "/slow", { delayMs: 500, json: {} });                    // answer after 500 ms
//   api.route("GET", "/drop", { reset: true });                               // destroy the socket
//   api.route("GET", "/drip", { json: [1, 2, 3], trickle: { chunks: 3, intervalMs: 200 } }); // slow body
//   api.route("POST", "/echo", (req) => ({ json: { got: req.body } }));       // computed reply
//   ... run code against api.url ...
//   api.requests        // log: method, url, path, query, headers, body, start, end, clientClosed
//   api.peakInFlight    // most requests being answered at the same time
//   await api.close();
//
// A reply array answers the n-th request to the route with its n-th element; the last repeats.
// Unrouted requests get 404 `{ "error": "no route for GET /path" }`. A later route() for the same
// method and path replaces the earlier one. Method "*" matches any method. Times are Date.now() ms.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Reply {
  /** Default 200. */
  status?: number;
  /** Body as JSON with `Content-Type: application/json` (unless `headers` says otherwise). */
  json?: unknown;
  /** Raw body text (default content type `text/plain`). */
  text?: string;
  headers?: Record<string, string>;
  /** Wait before sending anything. */
  delayMs?: number;
  /** Destroy the connection without answering (a network error for the client). */
  reset?: boolean;
  /** Send headers at once, then the body in `chunks` pieces `intervalMs` apart. */
  trickle?: { chunks: number; intervalMs: number };
}

export type Responder = Reply | Reply[] | ((request: LoggedRequest, index: number) => Reply | Promise<Reply>);

export interface LoggedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  start: number;
  /** When the answer finished or the connection closed; null while in flight. */
  end: number | null;
  /** The client closed the connection before the answer was complete. */
  clientClosed: boolean;
}

export interface ApiServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  route(method: string, path: string, responder: Responder): void;
  requests: LoggedRequest[];
  /** Logged requests whose path equals `path`. */
  requestsTo(path: string): LoggedRequest[];
  readonly inFlight: number;
  readonly peakInFlight: number;
  close(): Promise<void>;
}

/** `n` failing replies, then the success reply for every later request. */
export function failTimes(n: number, failure: Reply, success: Reply): Reply[] {
  return [...Array.from({ length: n }, () => failure), success];
}

export async function startApiServer(): Promise<ApiServer> {
  const routes = new Map<string, { responder: Responder; count: number }>();
  const requests: LoggedRequest[] = [];
  let inFlight = 0;
  let peakInFlight = 0;

  const server = createServer(async (req, res) => {
    const parsed = new URL(req.url ?? "/", "http://127.0.0.1");
    const entry: LoggedRequest = {
      method: req.method ?? "GET", url: req.url ?? "/", path: parsed.pathname, query: parsed.searchParams,
      headers: req.headers, body: "", start: Date.now(), end: null, clientClosed: false,
    };
    requests.push(entry);
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    res.on("close", () => {
      if (!res.writableFinished) entry.clientClosed = !entry.end;
      entry.end ??= Date.now();
      inFlight--;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    entry.body = Buffer.concat(chunks).toString("utf8");

    const route = routes.get(`${entry.method} ${entry.path}`) ?? routes.get(`* ${entry.path}`);
    const reply = route === undefined
      ? { status: 404, json: { error: `no route for ${entry.method} ${entry.path}` } }
      : await pick(route.responder, entry, route.count++);
    await answer(reply, res, entry);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    route(method, path, responder) {
      routes.set(`${method.toUpperCase()} ${path}`, { responder, count: 0 });
    },
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function pick(responder: Responder, request: LoggedRequest, index: number): Promise<Reply> {
  if (typeof responder === "function") return responder(request, index);
  if (Array.isArray(responder)) return responder[Math.min(index, responder.length - 1)] ?? {};
  return responder;
}

async function answer(reply: Reply, res: ServerResponse, entry: LoggedRequest): Promise<void> {
  if (reply.delayMs) await wait(reply.delayMs);
  if (res.destroyed) return; // the client gave up while we waited
  if (reply.reset) {
    entry.end = Date.now();
    res.socket?.destroy();
    return;
  }
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : reply.text ?? "";
  const headers: Record<string, string> = {
    "content-type": reply.json !== undefined ? "application/json" : "text/plain",
    ...lowerCase(reply.headers ?? {}),
  };
  if (!reply.trickle) {
    res.writeHead(reply.status ?? 200, { ...headers, "content-length": String(Buffer.byteLength(body)) });
    res.end(body, () => { entry.end = Date.now(); });
    return;
  }
  res.writeHead(reply.status ?? 200, headers);
  const size = Math.ceil(body.length / Math.max(1, reply.trickle.chunks));
  for (let at = 0; at < body.length; at += size) {
    if (res.destroyed) return;
    res.write(body.slice(at, at + size));
    await wait(reply.trickle.intervalMs);
  }
  if (!res.destroyed) res.end(() => { entry.end = Date.now(); });
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// A fake PostgREST for store-adapter tests, built on api-server.ts: tables under `/rest/v1/<name>`
// kept in memory (rows keyed by String(id), insertion order), answering the calls the adapter
// makes — paged GET, upsert POST, PATCH ?id=eq.K with return=representation, DELETE by filter.
//
//   const pg = await startFakePostgrest({ key: "secret-key" });
//   pg.seed("items", [{ id: "a", n: 1 }]);   // creates the table (seed [] for an empty one)
//   ... run with env { REQON_POSTGREST_URL: pg.url, REQON_POSTGREST_API_KEY: "secret-key" } ...
//   pg.rows("items"); pg.requests; pg.failNext({ status: 409, message: "conflict" });
//   pg.delayNext(100);   // the next table request is applied and answered 100 ms after it arrives
import { startApiServer, type LoggedRequest, type Reply } from "./api-server.ts";

type Row = Record<string, unknown>;

export interface FakePostgrest {
  /** The REQON_POSTGREST_URL to configure: `http://127.0.0.1:PORT/rest/v1`. */
  url: string;
  /** Every request to a table, in arrival order. */
  requests: LoggedRequest[];
  seed(table: string, rows: Row[]): void;
  rows(table: string): Row[];
  /** The next table request gets this PostgREST error instead of its normal answer. */
  failNext(error: { status: number; message: string }): void;
  delayNext(ms: number): void;
  close(): Promise<void>;
}

export async function startFakePostgrest(options: { key?: string } = {}): Promise<FakePostgrest> {
  const api = await startApiServer();
  const tables = new Map<string, Map<string, Row>>();
  const failures: { status: number; message: string }[] = [];
  const delays: number[] = [];

  const tableOf = (name: string): Map<string, Row> => {
    let table = tables.get(name);
    if (table === undefined) {
      table = new Map();
      tables.set(name, table);
      api.route("*", `/rest/v1/${name}`, async (request) => {
        const delay = delays.shift();
        if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
        return answer(table!, request);
      });
    }
    return table;
  };

  const answer = (table: Map<string, Row>, request: LoggedRequest): Reply => {
    const failure = failures.shift();
    if (failure !== undefined) return error(failure.status, failure.message);
    if (options.key !== undefined && request.headers.apikey !== options.key) return error(401, "bad apikey");
    switch (request.method) {
      case "GET": return { json: page(table, request.query) };
      case "POST": return upsert(table, request);
      case "PATCH": return patch(table, request);
      case "DELETE": return remove(table, request.query);
      default: return error(405, `method ${request.method}`);
    }
  };

  return {
    url: `${api.url}/rest/v1`,
    requests: api.requests,
    seed: (name, rows) => {
      const table = tableOf(name);
      for (const row of rows) table.set(String(row.id), { ...row });
    },
    rows: (name) => [...tableOf(name).values()],
    failNext: (failure) => failures.push(failure),
    delayNext: (ms) => delays.push(ms),
    close: () => api.close(),
  };
}

function page(table: Map<string, Row>, query: URLSearchParams): Row[] {
  const rows = [...table.values()].filter(matches(query.get("id")));
  const offset = Number(query.get("offset") ?? 0);
  const limit = query.has("limit") ? Number(query.get("limit")) : rows.length;
  return rows.slice(offset, offset + limit);
}

/** Insert; with `resolution=merge-duplicates`, an existing row gets the given columns (as PostgREST). */
function upsert(table: Map<string, Row>, request: LoggedRequest): Reply {
  const body = JSON.parse(request.body) as Row | Row[];
  const merge = String(request.headers.prefer ?? "").includes("resolution=merge-duplicates");
  for (const row of Array.isArray(body) ? body : [body]) {
    const key = String(row.id);
    const old = table.get(key);
    if (old !== undefined && !merge) return error(409, `duplicate key value violates unique constraint (id)=(${key})`);
    table.set(key, { ...old, ...row });
  }
  return { status: 201, text: "" };
}

function patch(table: Map<string, Row>, request: LoggedRequest): Reply {
  const changes = JSON.parse(request.body) as Row;
  const updated: Row[] = [];
  for (const [key, row] of [...table]) {
    if (!matches(request.query.get("id"))(row)) continue;
    const next = { ...row, ...changes };
    if (String(next.id) !== key) table.delete(key);
    table.set(String(next.id), next);
    updated.push(next);
  }
  const representation = String(request.headers.prefer ?? "").includes("return=representation");
  return representation ? { json: updated } : { status: 204, text: "" };
}

function remove(table: Map<string, Row>, query: URLSearchParams): Reply {
  const filter = query.get("id");
  if (filter === null) return error(400, "DELETE requires a filter");
  for (const [key, row] of [...table]) if (matches(filter)(row)) table.delete(key);
  return { status: 204, text: "" };
}

/** The `id` filters the adapter uses: `eq.K` and `not.is.null`; no filter matches every row. */
function matches(filter: string | null): (row: Row) => boolean {
  if (filter === null || filter === "not.is.null") return (row) => filter === null || row.id != null;
  if (filter.startsWith("eq.")) return (row) => String(row.id) === filter.slice(3);
  throw new Error(`fake PostgREST: unsupported id filter ${filter}`);
}

function error(status: number, message: string): Reply {
  return { status, json: { code: "PGRST", message, details: null, hint: null } };
}

// End to end: sources, base overrides, auth kinds, input stores, and output safety.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

describe("sources", () => {
  it("requests go to each source's base with params; --base overrides", async () => {
    api.route("GET", "/shop/api/products", { json: [{ sku: "A-1" }] });
    api.route("GET", "/depot/levels/A-1", { json: { sku: "A-1", available: 4 } });
    const m = await loadMission(`
      mission Two {
        source Shop  { auth: none, base: "http://shop.invalid/api" }
        source Depot { base: "http://depot.invalid" }
        action List { get Shop "/products" { params: { active: true, tags: ["a", "b"], skip: null } } store response -> products { key: .sku } }
        action Levels {
          for p in products { get Depot concat("/levels/", p.sku) store response -> levels { key: p.sku } }
        }
        run List then Levels
      }`);
    const { result } = await runMission(m, {
      baseUrls: { Shop: `${api.url}/shop/api/`, Depot: `${api.url}/depot` },
    });
    expect(result.status).toBe("succeeded");
    expect(api.requests.map((r) => r.url)).toEqual(["/shop/api/products?active=true&tags=a&tags=b", "/depot/levels/A-1"]);
    expect(result.stores.levels).toEqual({ "A-1": { sku: "A-1", available: 4 } });
  });

  it("applies bearer, basic, api_key and oauth2 (client credentials) auth from credentials", async () => {
    api.route("POST", "/token", { json: { access_token: "tok-from-server", expires_in: 3600 } });
    api.route("GET", "/r", (req) => ({ json: { auth: req.headers.authorization ?? null, key: req.headers["x-geo-key"] ?? null, q: req.query.get("apikey") } }));
    const m = await loadMission(`
      mission Auth {
        source Bear { auth: bearer, base: "http://x.invalid" }
        source Bas  { auth: basic, base: "http://x.invalid" }
        source Geo  { auth: api_key, base: "http://x.invalid" }
        source Maps { auth: api_key, base: "http://x.invalid" }
        source OA   { auth: oauth2, base: "http://x.invalid" }
        action A { get Bear "/r" store response -> seen { key: "bearer" } }
        action B { get Bas "/r" store response -> seen { key: "basic" } }
        action C { get Geo "/r" store response -> seen { key: "geo" } }
        action D { get Maps "/r" store response -> seen { key: "maps" } }
        action E { get OA "/r" store response -> seen { key: "oauth" } }
        run A then B then C then D then E
      }`);
    const names = ["Bear", "Bas", "Geo", "Maps", "OA"];
    const secrets = ["s3cret-bearer", "pw-basic-9", "geo-key-77", "maps-key-55", "client-secret-42"];
    const { result, events } = await runMission(m, {
      baseUrls: Object.fromEntries(names.map((n) => [n, api.url])),
      auth: {
        Bear: { type: "bearer", token: secrets[0] },
        Bas: { type: "basic", username: "svc", password: secrets[1] },
        Geo: { type: "api_key", key: secrets[2], header: "X-Geo-Key", prefix: "Key" },
        Maps: { type: "api_key", key: secrets[3], query: "apikey" },
        OA: { type: "oauth2", clientId: "cid", clientSecret: secrets[4], tokenUrl: `${api.url}/token`, scopes: ["read", "write"] },
      },
    });
    expect(result.status).toBe("succeeded");
    expect(result.stores.seen).toEqual({
      bearer: { auth: `Bearer ${secrets[0]}`, key: null, q: null },
      basic: { auth: `Basic ${Buffer.from(`svc:${secrets[1]}`).toString("base64")}`, key: null, q: null },
      geo: { auth: null, key: `Key ${secrets[2]}`, q: null },
      maps: { auth: null, key: null, q: secrets[3] },
      oauth: { auth: "Bearer tok-from-server", key: null, q: null },
    });
    const form = new URLSearchParams(api.requestsTo("/token")[0]!.body);
    expect(form.get("grant_type")).toBe("client_credentials");
    expect(form.get("scope")).toBe("read write");
    // No credential ever shows up in events (the stores hold what the server echoed, on purpose).
    const eventText = JSON.stringify(events);
    for (const s of [...secrets, "tok-from-server"]) expect(eventText).not.toContain(s);
  });

  it("a missing input store fails the run before any request, naming the store", async () => {
    api.route("GET", "/x", { json: {} });
    const m = await loadMission(`
      mission Inputs {
        action Go {
          get "/x"
          for c in customers { store c -> out { key: .id } }
        }
        run Go
      }`);
    const { result } = await runMission(m, { baseUrls: { default: api.url } });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([
      { action: "", message: "input store 'customers' was not supplied (use --input customers=FILE.json)", code: "INPUT_MISSING" },
    ]);
    expect(api.requests).toHaveLength(0);

    const ok = await runMission(m, { baseUrls: { default: api.url }, inputs: { customers: [{ id: "c1" }, { id: "c2" }] } });
    expect(ok.result.status).toBe("succeeded");
    expect(Object.keys(ok.result.stores.out!)).toEqual(["c1", "c2"]);
    expect(ok.result.stores.customers).toEqual({ c1: { id: "c1" }, c2: { id: "c2" } });
  });
});

describe("request options", () => {
  it("params that are not an object fail the step at run time with EVAL_ERROR (§8)", async () => {
    const m = await loadMission(`
      mission BadParams {
        action A { get "/x" { params: "a=1" } }
        run A
      }`);
    const { result } = await runMission(m, { baseUrls: { default: api.url } });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ action: "A", message: "params must be an object", code: "EVAL_ERROR" }]);
    expect(api.requests).toHaveLength(0);
  });
});

describe("the implicit default source", () => {
  it("without --base, a run whose requests need it fails before any request", async () => {
    const m = await loadMission(`
      mission NoSource {
        action A { get "/x" store response -> out }
        action B { get "/y" }
        run A then B
      }`);
    const { result } = await runMission(m);
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([
      { action: "", message: "the mission declares no source; give its base URL with --base default=URL", code: "CONFIG_ERROR" },
    ]);
    expect(result.timeline.map((t) => t.status)).toEqual(["skipped", "skipped"]);
    expect(api.requests).toHaveLength(0);
  });

  it("needs no base when every request names a full URL", async () => {
    api.route("GET", "/full", { json: { ok: 1 } });
    const m = await loadMission(`
      mission FullUrls {
        action A { get ${JSON.stringify("http://127.0.0.1:PORT/full")} store response -> out { key: "k" } }
        run A
      }`.replace("PORT", new URL(api.url).port));
    const { result } = await runMission(m);
    expect(result.status).toBe("succeeded");
    expect(result.stores.out).toEqual({ k: { ok: 1 } });
  });
});

describe("safety of generated code", () => {
  it("mission strings that look like code stay data", async () => {
    const nasty = [`"); process.exit(7); ("`, "`${process.exit(8)}`", "*/ process.exit(9) /*", "\\u0000\n\r\u2028"];
    const lit = (s: string) => JSON.stringify(s);
    api.route("GET", "/x", { json: {} });
    const m = await loadMission(`
      mission Inject {
        action Go {
          get "/x" { params: { q: ${lit(nasty[0]!)} } }
          store { a: ${lit(nasty[0]!)}, b: ${lit(nasty[1]!)}, c: ${lit(nasty[2]!)}, d: ${lit(nasty[3]!)}, ${lit(nasty[1]!)}: 1 } -> out { key: ${lit(nasty[2]!)} }
        }
        run Go
      }`);
    const { result } = await runMission(m, { baseUrls: { default: api.url } });
    expect(result.status).toBe("succeeded");
    expect(result.stores.out).toEqual({ [nasty[2]!]: { a: nasty[0], b: nasty[1], c: nasty[2], d: nasty[3], [nasty[1]!]: 1 } });
    expect(api.requests[0]!.query.get("q")).toBe(nasty[0]);
  });
});

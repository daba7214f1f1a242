// Authentication (LANGUAGE.md §26) and secret redaction against a real local server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expandEnv } from "../runtime/http/auth.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { harness, rejection, source } from "./runtime-http-harness.ts";

let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
  api.route("*", "/r", { json: { ok: true } });
});
afterEach(async () => {
  await api.close();
});

const basicOf = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("static auth kinds", () => {
  it("bearer, basic and api_key headers (default header, custom header with prefix)", async () => {
    const h = harness({
      sources: [
        source("Shop", api.url, { auth: "bearer" }), source("Legacy", api.url, { auth: "basic" }),
        source("Plain", api.url, { auth: "api_key" }), source("Geo", api.url, { auth: "api_key" }),
      ],
      options: {
        auth: {
          Shop: { type: "bearer", token: "tok-123456" },
          Legacy: { type: "basic", username: "svc", password: "pw-secret" },
          Plain: { apiKey: "plain-key-1" },
          Geo: { key: "geo-key-1", headerName: "X-Geo-Key", prefix: "Key" },
        },
      },
    });
    for (const name of ["Shop", "Legacy", "Plain", "Geo"]) await h.get("/r", { source: name });
    const [shop, legacy, plain, geo] = api.requests.map((r) => r.headers);
    expect(shop.authorization).toBe("Bearer tok-123456");
    expect(legacy.authorization).toBe(basicOf("svc", "pw-secret"));
    expect(plain["x-api-key"]).toBe("plain-key-1");
    expect(geo["x-geo-key"]).toBe("Key geo-key-1");
    expect(geo["x-api-key"]).toBeUndefined();
  });

  it("source headers override the auth header", async () => {
    const h = harness({
      sources: [source("S", api.url, { auth: "bearer", headers: { authorization: "Custom x" } })],
      options: { auth: { S: { token: "tok-abcdef" } } },
    });
    await h.get("/r");
    expect(api.requests[0].headers.authorization).toBe("Custom x");
  });

  it("api_key in the query is redacted from events and error messages", async () => {
    api.route("GET", "/fail", { status: 500 });
    const h = harness({ sources: [source("Maps", api.url, { auth: "api_key" })], options: { auth: { Maps: { key: "s3cr3t-key", query: "apikey" } } } });
    await h.get("/r", { params: { q: "x" } });
    expect(api.requests[0].url).toBe("/r?q=x&apikey=s3cr3t-key");
    expect(api.requests[0].headers["x-api-key"]).toBeUndefined();
    const error = await rejection(h.get("/fail"));
    expect(error.message).toBe(`GET ${api.url}/fail?apikey=***: HTTP 500`);
    expect(h.eventsOf("request")[0].url).toBe(`${api.url}/r?q=x&apikey=***`);
    expect(JSON.stringify(h.events)).not.toContain("s3cr3t-key");
  });

  it("redacts a credential value that appears in a URL path", async () => {
    api.route("GET", "/keys/tok-visible/x", { status: 403 });
    const h = harness({ sources: [source("S", api.url, { auth: "bearer" })], options: { auth: { S: { token: "tok-visible" } } } });
    const error = await rejection(h.get("/keys/tok-visible/x"));
    expect(error.message).toBe(`GET ${api.url}/keys/***/x: HTTP 403`);
    expect(JSON.stringify(h.events)).not.toContain("tok-visible");
  });
});

describe("credential sources", () => {
  it("auth option beats source options beats REQON_<SOURCE>_* and they are not mixed", async () => {
    const sources = [source("Shop", api.url, { auth: "basic", credentials: { username: "from-source" } })];
    const env = { REQON_SHOP_USERNAME: "from-env", REQON_SHOP_PASSWORD: "env-pw" };
    await harness({ sources, env, options: { auth: { Shop: { username: "from-option" } } } }).get("/r");
    await harness({ sources, env }).get("/r");
    await harness({ sources: [source("Shop", api.url, { auth: "basic" })], env }).get("/r");
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([
      basicOf("from-option", ""), basicOf("from-source", ""), basicOf("from-env", "env-pw"),
    ]);
  });

  it("expands $NAME, ${NAME} and ${NAME:-default} from the env lookup", () => {
    const env = (name: string): string | null => ({ A: "alpha", EMPTY: "" } as Record<string, string>)[name] ?? null;
    expect(expandEnv("$A-${A}-${MISSING:-dflt}-${EMPTY:-e}-$MISSING.", env)).toBe("alpha-alpha-dflt-e-.");
  });

  it("expands variables in credential strings from the auth option", async () => {
    const h = harness({
      sources: [source("Shop", api.url, { auth: "bearer" })],
      env: { SHOP_TOKEN: "expanded-token" },
      options: { auth: { Shop: { token: "${SHOP_TOKEN}" } } },
    });
    await h.get("/r");
    expect(api.requests[0].headers.authorization).toBe("Bearer expanded-token");
  });

  it("a credential type that contradicts the source fails start with CONFIG_ERROR", async () => {
    const h = harness({ sources: [source("Shop", api.url, { auth: "bearer" })], options: { auth: { Shop: { type: "basic", username: "u" } } } });
    const error = await rejection(h.http.start());
    expect([error.code, error.message]).toEqual(["CONFIG_ERROR", "credentials for 'Shop' have type basic but the source uses bearer"]);
  });

  it("missing credentials give a warning and unauthenticated requests", async () => {
    const h = harness({ sources: [source("Shop", api.url, { auth: "bearer" })], options: { auth: { Other: { token: "x" } } } });
    await h.http.start();
    expect(h.eventsOf("warning")).toHaveLength(1);
    expect(h.eventsOf("warning")[0].message).toContain("'Shop'");
    await h.get("/r");
    expect(api.requests[0].headers.authorization).toBeUndefined();
  });
});

describe("oauth2", () => {
  const oauthSource = () => source("Billing", api.url, { auth: "oauth2" });
  const tokenUrl = () => `${api.url}/token`;

  it("uses a given access token", async () => {
    const h = harness({ sources: [oauthSource()], options: { auth: { Billing: { accessToken: "at-given" } } } });
    await h.get("/r");
    expect(api.requests[0].headers.authorization).toBe("Bearer at-given");
  });

  it("fetches a client-credentials token once for ten parallel requests (single flight)", async () => {
    api.route("POST", "/token", { delayMs: 100, json: { access_token: "at-fetched", expires_in: 3600 } });
    const h = harness({
      sources: [oauthSource()],
      options: { auth: { Billing: { clientId: "cid", clientSecret: "csecret-1", tokenEndpoint: tokenUrl(), scopes: ["read", "write"] } } },
    });
    await h.http.start();
    await Promise.all(Array.from({ length: 10 }, () => h.get("/r")));
    const tokenRequests = api.requestsTo("/token");
    expect(tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(tokenRequests[0].body)))
      .toEqual({ grant_type: "client_credentials", client_id: "cid", client_secret: "csecret-1", scope: "read write" });
    expect(tokenRequests[0].headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(api.requestsTo("/r").map((r) => r.headers.authorization)).toEqual(Array(10).fill("Bearer at-fetched"));
    expect(h.eventsOf("auth.refresh")).toEqual([{ type: "auth.refresh", source: "Billing" }]);
    expect(JSON.stringify(h.events)).not.toMatch(/at-fetched|csecret-1/);
  });

  it("refreshes first when expiresAt is less than 60 s away", async () => {
    api.route("POST", "/token", { json: { access_token: "at-new", refresh_token: "rt-2", expires_in: 3600 } });
    const soon = new Date(Date.now() + 30_000).toISOString();
    const h = harness({
      sources: [oauthSource()],
      options: { auth: { Billing: { accessToken: "at-old", refreshToken: "rt-1", tokenUrl: tokenUrl(), clientId: "cid", clientSecret: "cs", expiresAt: soon } } },
    });
    await h.get("/r");
    await h.get("/r");
    expect(api.requestsTo("/token")).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(api.requestsTo("/token")[0].body)))
      .toEqual({ grant_type: "refresh_token", refresh_token: "rt-1", client_id: "cid", client_secret: "cs" });
    expect(api.requestsTo("/r").map((r) => r.headers.authorization)).toEqual(["Bearer at-new", "Bearer at-new"]);
  });

  it("on 401 refreshes once and repeats the request once", async () => {
    api.route("GET", "/secure", (req) => (req.headers.authorization === "Bearer at-fresh" ? { json: { in: true } } : { status: 401 }));
    api.route("POST", "/token", { json: { access_token: "at-fresh" } });
    const h = harness({ sources: [oauthSource()], options: { auth: { Billing: { accessToken: "at-stale", refreshToken: "rt", tokenUrl: tokenUrl() } } } });
    expect((await h.get("/secure")).value).toEqual({ in: true });
    expect(api.requestsTo("/secure")).toHaveLength(2);
    expect(api.requestsTo("/token")).toHaveLength(1);
  });

  it("a 401 is final when the token cannot be renewed, and after one repeat", async () => {
    api.route("GET", "/secure", { status: 401 });
    api.route("POST", "/token", { json: { access_token: "at-still-bad" } });
    const plain = harness({ sources: [oauthSource()], options: { auth: { Billing: { accessToken: "at-only" } } } });
    expect((await rejection(plain.get("/secure"))).status).toBe(401);
    expect(api.requestsTo("/secure")).toHaveLength(1);
    const renewable = harness({ sources: [oauthSource()], options: { auth: { Billing: { accessToken: "at-x", refreshToken: "rt", tokenUrl: tokenUrl() } } } });
    expect((await rejection(renewable.get("/secure"))).code).toBe("HTTP_ERROR");
    expect(api.requestsTo("/secure")).toHaveLength(3);
  });

  it("a failing token request is AUTH_ERROR", async () => {
    api.route("POST", "/token", { status: 400, json: { error: "invalid_client" } });
    const h = harness({ sources: [oauthSource()], options: { auth: { Billing: { clientId: "c", clientSecret: "bad-secret", tokenUrl: tokenUrl() } } } });
    const error = await rejection(h.get("/r"));
    expect(error.code).toBe("AUTH_ERROR");
    expect(error.message).not.toContain("bad-secret");
    expect(api.requestsTo("/r")).toHaveLength(0);
  });

  it("dry run makes no token requests", async () => {
    const h = harness({ sources: [oauthSource()], options: { dryRun: true, auth: { Billing: { clientId: "c", clientSecret: "s", tokenUrl: tokenUrl() } } } });
    await h.get("/r");
    expect(api.requests).toHaveLength(0);
  });
});

// End to end: OAuth2 (LANGUAGE.md §26) through compiled missions — client credentials and refresh
// tokens, token caching, single-flight token requests, one refresh after a 401.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer, type LoggedRequest } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

const form = (r: LoggedRequest) => Object.fromEntries(new URLSearchParams(r.body));
/** Issues tok-1, tok-2, … (after `delayMs`), with a rotating refresh token. */
function tokenEndpoint(delayMs = 0) {
  api.route("POST", "/token", (_req, i) => ({
    delayMs, json: { access_token: `tok-${i + 1}`, expires_in: 3600, refresh_token: `refresh-${i + 2}`, token_type: "bearer" },
  }));
}
/** Echoes the Authorization header; `valid` decides which tokens are accepted. */
function protectedResource(valid: (auth: string | undefined) => boolean = () => true) {
  api.route("GET", "/r", (req) => valid(req.headers.authorization)
    ? { json: { auth: req.headers.authorization ?? null } }
    : { status: 401, json: { error: "invalid_token" } });
}
const tenActions = Array.from({ length: 10 }, (_, i) => `A${i}`);
const fanMission = `
  mission Fan {
    source Api { auth: oauth2, base: "http://api.invalid" }
    ${tenActions.map((a) => `action ${a} { get "/r" store response -> seen { key: "${a}" } }`).join("\n")}
    action Later { get "/r" store response -> seen { key: "later" } }
    run [${tenActions.join(", ")}] then Later
  }`;

describe("client credentials", () => {
  it("ten parallel actions needing a token cause ONE token request; the token is cached for later stages", async () => {
    tokenEndpoint(150);
    protectedResource();
    const { result, events } = await runMission(await loadMission(fanMission), {
      baseUrls: { Api: api.url },
      auth: { Api: { type: "oauth2", clientId: "cid", clientSecret: "csecret", tokenUrl: `${api.url}/token`, scopes: ["read"] } },
    });
    expect(result.status).toBe("succeeded");
    const tokenRequests = api.requestsTo("/token");
    expect(tokenRequests).toHaveLength(1);
    expect(form(tokenRequests[0]!)).toEqual({ grant_type: "client_credentials", client_id: "cid", client_secret: "csecret", scope: "read" });
    expect(tokenRequests[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    // Every resource request waited for the token (none went out unauthenticated).
    expect(api.requestsTo("/r").map((r) => r.headers.authorization)).toEqual(Array(11).fill("Bearer tok-1"));
    expect(Math.min(...api.requestsTo("/r").map((r) => r.start))).toBeGreaterThanOrEqual(tokenRequests[0]!.end!);
    expect(Object.keys(result.stores.seen!)).toHaveLength(11);
    expect(events.filter((e) => e.type === "auth.refresh")).toEqual([expect.objectContaining({ source: "Api" })]);
    for (const secret of ["csecret", "tok-1", "refresh-2"]) expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("a parallel loop needing a token also makes one token request", async () => {
    tokenEndpoint(100);
    protectedResource();
    const m = await loadMission(`
      mission Loop {
        source Api { auth: oauth2, base: "http://api.invalid" }
        action Go { for i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] parallel { get "/r" { params: { i: i } } store response -> seen { key: i } } }
        run Go
      }`);
    const { result } = await runMission(m, {
      baseUrls: { Api: api.url },
      env: { REQON_API_CLIENT_ID: "cid", REQON_API_CLIENT_SECRET: "cs", REQON_API_TOKEN_URL: `${api.url}/token` },
    });
    expect(result.status).toBe("succeeded");
    expect(api.requestsTo("/token")).toHaveLength(1);
    expect(new Set(api.requestsTo("/r").map((r) => r.headers.authorization))).toEqual(new Set(["Bearer tok-1"]));
  });

  it("a failing token request is AUTH_ERROR for every waiting action, still one request", async () => {
    api.route("POST", "/token", { delayMs: 50, status: 400, json: { error: "invalid_client" } });
    protectedResource();
    const { result } = await runMission(await loadMission(fanMission), {
      baseUrls: { Api: api.url },
      auth: { Api: { clientId: "cid", clientSecret: "wrong", tokenUrl: `${api.url}/token` } },
    });
    expect(result.status).toBe("failed"); // Later, a stage of its own, fails too
    expect(api.requestsTo("/token")).toHaveLength(2); // one shared by the group, then Later's own try
    expect(api.requestsTo("/r")).toHaveLength(0);
    expect(result.errors.map((e) => e.action)).toEqual(expect.arrayContaining([...tenActions, "Later"]));
    expect(result.errors).toHaveLength(11);
    for (const e of result.errors) expect(e).toEqual({ action: e.action, code: "AUTH_ERROR", message: "token request for source 'Api' failed: HTTP 400" });
  });
});

describe("refresh tokens", () => {
  it("an expired access token is refreshed before the first request (refresh grant, client credentials in the body)", async () => {
    tokenEndpoint();
    protectedResource((auth) => auth === "Bearer tok-1");
    const m = await loadMission(`
      mission Expired {
        source Api { auth: oauth2, base: "http://api.invalid" }
        action Go { get "/r" store response -> seen { key: "1" } }
        run Go
      }`);
    const { result } = await runMission(m, {
      baseUrls: { Api: api.url },
      auth: { Api: { accessToken: "old", refreshToken: "refresh-1", expiresAt: "2001-01-01T00:00:00Z", tokenEndpoint: `${api.url}/token`, clientId: "cid", clientSecret: "cs" } },
    });
    expect(result.status).toBe("succeeded");
    expect(api.requestsTo("/token").map(form)).toEqual([{ grant_type: "refresh_token", refresh_token: "refresh-1", client_id: "cid", client_secret: "cs" }]);
    expect(api.requestsTo("/r").map((r) => r.headers.authorization)).toEqual(["Bearer tok-1"]);
  });

  it("ten parallel requests answered 401 cause ONE refresh and one repeat each", async () => {
    tokenEndpoint(100);
    protectedResource((auth) => auth === "Bearer tok-1");
    const { result, events } = await runMission(await loadMission(fanMission), {
      baseUrls: { Api: api.url },
      auth: { Api: { type: "oauth2", accessToken: "stale", refreshToken: "refresh-1", tokenUrl: `${api.url}/token` } },
    });
    expect(result.status).toBe("succeeded");
    expect(api.requestsTo("/token").map(form)).toEqual([{ grant_type: "refresh_token", refresh_token: "refresh-1" }]);
    const byToken = (t: string) => api.requestsTo("/r").filter((r) => r.headers.authorization === `Bearer ${t}`);
    expect(byToken("stale")).toHaveLength(10);
    expect(byToken("tok-1")).toHaveLength(11); // ten repeats and Later
    expect(events.filter((e) => e.type === "auth.refresh")).toHaveLength(1);
    // The repeat belongs to the same attempt.
    expect(events.filter((e) => e.type === "request").every((e) => e.attempt === 1)).toBe(true);
  });

  it("a 401 after the refresh is final: one refresh, one repeat, HTTP 401", async () => {
    tokenEndpoint();
    protectedResource(() => false);
    const m = await loadMission(`
      mission Denied {
        source Api { auth: oauth2, base: "http://api.invalid", retry: { maxAttempts: 3, initialDelay: 10 } }
        action Go { get "/r" }
        run Go
      }`);
    const { result } = await runMission(m, {
      baseUrls: { Api: api.url },
      auth: { Api: { accessToken: "stale", clientId: "cid", clientSecret: "cs", tokenUrl: `${api.url}/token` } },
    });
    expect(result.errors).toEqual([{ action: "Go", message: `GET ${api.url}/r: HTTP 401`, code: "HTTP_ERROR", status: 401 }]);
    expect(api.requestsTo("/token").map((r) => form(r).grant_type)).toEqual(["client_credentials"]);
    expect(api.requestsTo("/r").map((r) => r.headers.authorization)).toEqual(["Bearer stale", "Bearer tok-1"]);
  });

  it("without a way to renew, a 401 is the final answer and no token request is made", async () => {
    tokenEndpoint();
    protectedResource(() => false);
    const m = await loadMission(`
      mission NoRenew {
        source Api { auth: oauth2, base: "http://api.invalid" }
        action Go { get "/r" }
        run Go
      }`);
    const { result } = await runMission(m, { baseUrls: { Api: api.url }, auth: { Api: { accessToken: "only" } } });
    expect(result.errors).toEqual([{ action: "Go", message: `GET ${api.url}/r: HTTP 401`, code: "HTTP_ERROR", status: 401 }]);
    expect(api.requestsTo("/token")).toHaveLength(0);
    expect(api.requestsTo("/r")).toHaveLength(1);
  });

  it("a dry run makes no token request", async () => {
    tokenEndpoint();
    protectedResource();
    const { result, events } = await runMission(await loadMission(fanMission), {
      baseUrls: { Api: api.url }, dryRun: true,
      auth: { Api: { clientId: "cid", clientSecret: "cs", tokenUrl: `${api.url}/token` } },
    });
    expect(result.status).toBe("succeeded");
    expect(api.requests).toHaveLength(0);
    expect(events.filter((e) => e.type === "request").every((e) => e.dryRun === true)).toBe(true);
  });
});

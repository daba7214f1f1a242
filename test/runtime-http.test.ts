// HTTP core (LANGUAGE.md §8, §24.2, §24.6, §29) against a real local server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { harness, rejection, source, waitFor } from "./runtime-http-harness.ts";

let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
});
afterEach(async () => {
  await api.close();
});

describe("URL building and params (§8)", () => {
  it("joins base and path with exactly one slash and keeps the base path prefix", async () => {
    api.route("GET", "/api/v1/items", { json: [] });
    const h = harness({ sources: [source("Shop", `${api.url}/api/v1///`)] });
    await h.get("//items");
    await h.get("items");
    expect(api.requests.map((r) => r.url)).toEqual(["/api/v1/items", "/api/v1/items"]);
  });

  it("uses a full http(s) path as the URL and does not encode the path", async () => {
    api.route("GET", "/a:b/c", { json: {} });
    const h = harness({ sources: [source("Shop", "https://unused.example.test")] });
    await h.get(`${api.url}/a:b/c?x=1`);
    expect(api.requests[0].url).toBe("/a:b/c?x=1");
  });

  it("encodes params: null omitted, arrays repeated, objects as JSON, appended after the path query", async () => {
    api.route("GET", "/q", { json: {} });
    const h = harness({ sources: [source("S", api.url)] });
    await h.get("/q?fixed=1", { params: { a: [1, 2], skip: null, o: { k: "v w" }, b: true, n: 2.5, s: "x&y" } });
    expect(api.requests[0].url).toBe("/q?fixed=1&a=1&a=2&o=%7B%22k%22%3A%22v%20w%22%7D&b=true&n=2.5&s=x%26y");
    expect(api.requests[0].query.get("o")).toBe('{"k":"v w"}');
  });

  it("rejects non-string paths and non-object params with EVAL_ERROR", async () => {
    const h = harness({ sources: [source("S", api.url)] });
    const badPath = await rejection(h.get(42));
    expect([badPath.code, badPath.message]).toEqual(["EVAL_ERROR", "request path must be a string"]);
    const badParams = await rejection(h.get("/x", { params: [1] }));
    expect([badParams.code, badParams.message]).toEqual(["EVAL_ERROR", "params must be an object"]);
    expect(api.requests).toHaveLength(0);
  });

  it("needs a base for the implicit default source unless the path is a full URL", async () => {
    api.route("GET", "/ok", { json: 1 });
    const h = harness({ sources: [{ name: "default", auth: "none", base: null }] });
    await h.http.start();
    const error = await rejection(h.get("/ok"));
    expect(error.code).toBe("CONFIG_ERROR");
    expect(error.message).toBe("the mission declares no source; give its base URL with --base default=URL");
    expect((await h.get(`${api.url}/ok`)).value).toBe(1);
    const withBase = harness({ sources: [{ name: "default", auth: "none", base: null }], options: { baseUrls: { default: api.url } } });
    expect((await withBase.get("/ok")).value).toBe(1);
  });

  it("checks base URLs at start, after baseUrls overrides", async () => {
    const bad = harness({ sources: [source("S", "ftp://x.example.test")] });
    expect((await rejection(bad.http.start())).code).toBe("CONFIG_ERROR");
    const empty = harness({ sources: [source("S", "")] });
    expect((await rejection(empty.http.start())).code).toBe("CONFIG_ERROR");
    api.route("GET", "/x", { json: "over" });
    const overridden = harness({ sources: [source("S", "nonsense")], options: { baseUrls: { S: api.url } } });
    await overridden.http.start();
    expect((await overridden.get("/x")).value).toBe("over");
  });

  it("chooses the source config named by the spec", async () => {
    api.route("GET", "/one/x", { json: 1 });
    api.route("GET", "/two/x", { json: 2 });
    const h = harness({ sources: [source("One", `${api.url}/one`), source("Two", `${api.url}/two`)] });
    expect((await h.get("/x", { source: "Two" })).value).toBe(2);
    expect((await h.get("/x", { source: "One" })).value).toBe(1);
  });
});

describe("headers and body (§24.2)", () => {
  it("sends Accept by default, merges source < request headers case-insensitively, null removes", async () => {
    api.route("POST", "/h", { json: {} });
    const h = harness({ sources: [source("S", api.url, { headers: { "x-team": "core", "X-Drop": "1", accept: "text/csv" } })] });
    await h.get("/h", { method: "POST", body: { a: 1 }, headers: { "X-TEAM": 7, "x-drop": null } });
    const sent = api.requests[0].headers;
    expect(sent.accept).toBe("text/csv");
    expect(sent["x-team"]).toBe("7");
    expect(sent["x-drop"]).toBeUndefined();
    expect(sent["content-type"]).toBe("application/json");
    expect(api.requests[0].body).toBe('{"a":1}');
  });

  it("sends a string body as is and form-encodes for x-www-form-urlencoded", async () => {
    api.route("POST", "/b", { json: {} });
    const h = harness({ sources: [source("S", api.url)] });
    await h.get("/b", { method: "POST", body: "raw text", headers: { "Content-Type": "text/plain" } });
    await h.get("/b", { method: "POST", body: { a: "x y", n: 1 }, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(api.requests[0].body).toBe("raw text");
    expect(api.requests[1].body).toBe("a=x+y&n=1");
  });
});

describe("responses (§8)", () => {
  it("parses JSON and +json, returns text otherwise and null for an empty body", async () => {
    api.route("GET", "/json", { text: '{"a":1}', headers: { "content-type": "application/vnd.api+json; charset=utf-8" } });
    api.route("GET", "/text", { text: "[1]", headers: { "content-type": "text/plain" } });
    api.route("GET", "/empty", { status: 204 });
    const h = harness({ sources: [source("S", api.url)] });
    expect((await h.get("/json")).value).toEqual({ a: 1 });
    expect((await h.get("/text")).value).toBe("[1]");
    expect((await h.get("/empty")).value).toBeNull();
  });

  it("reads JSON numbers beyond the double range as null (§0.3: no non-finite numbers)", async () => {
    api.route("GET", "/big", { text: '{"n":1e400,"m":[-1E+999,1.5e308,7],"k":0.1}', headers: { "content-type": "application/json" } });
    const h = harness({ sources: [source("S", api.url)] });
    expect((await h.get("/big")).value).toEqual({ n: null, m: [null, 1.5e308, 7], k: 0.1 });
  });

  it("reports invalid JSON as BAD_RESPONSE", async () => {
    api.route("GET", "/bad", { text: "{nope", headers: { "content-type": "application/json" } });
    const h = harness({ sources: [source("S", api.url)] });
    const error = await rejection(h.get("/bad"));
    expect(error.code).toBe("BAD_RESPONSE");
    expect(error.message).toMatch(new RegExp(`^GET ${api.url}/bad: response is not valid JSON \\(.+\\)$`));
  });

  it("follows redirects", async () => {
    api.route("GET", "/old", { status: 302, headers: { location: "/new" } });
    api.route("GET", "/new", { json: { moved: true } });
    const h = harness({ sources: [source("S", api.url)] });
    expect((await h.get("/old")).value).toEqual({ moved: true });
  });

  it("fails with HTTP_ERROR, the exact message and status, including the query", async () => {
    api.route("GET", "/missing", { status: 404, json: { error: "nope" } });
    const h = harness({ sources: [source("S", api.url)] });
    const error = await rejection(h.get("/missing", { params: { q: 1 } }));
    expect([error.code, error.status, error.message]).toEqual(["HTTP_ERROR", 404, `GET ${api.url}/missing?q=1: HTTP 404`]);
    expect(api.requests).toHaveLength(1);
  });

  it("emits request and response events with attempt numbers", async () => {
    api.route("GET", "/e", { json: [] });
    const h = harness({ sources: [source("S", api.url)] });
    await h.get("/e");
    expect(h.eventsOf("request")).toEqual([{ type: "request", action: "Fetch", method: "GET", url: `${api.url}/e`, attempt: 1 }]);
    const [response] = h.eventsOf("response");
    expect(response).toMatchObject({ type: "response", action: "Fetch", method: "GET", url: `${api.url}/e`, status: 200 });
    expect(typeof response.ms).toBe("number");
    await waitFor(() => api.requests[0].end !== null);
    expect(api.requests[0].clientClosed).toBe(false);
  });
});

describe("timeouts, network errors and cancellation (§8, §7.4)", () => {
  it("times out per attempt, the request option over the source's, covering a slow body", async () => {
    api.route("GET", "/drip", { json: { data: "x".repeat(30) }, trickle: { chunks: 3, intervalMs: 150 } });
    const h = harness({ sources: [source("S", api.url, { timeout: 5000 })] });
    const error = await rejection(h.get("/drip", { timeout: 200 }));
    expect([error.code, error.message]).toEqual(["TIMEOUT", `GET ${api.url}/drip: timed out after 200 ms`]);
    await waitFor(() => api.requests[0].end !== null);
    expect(api.requests[0].clientClosed).toBe(true); // cut before the body (450 ms) was complete
  });

  it("uses the source timeout when the request has none", async () => {
    api.route("GET", "/slow", { delayMs: 400, json: {} });
    const h = harness({ sources: [source("S", api.url, { timeout: 100 })] });
    expect((await rejection(h.get("/slow"))).message).toBe(`GET ${api.url}/slow: timed out after 100 ms`);
  });

  it("reports a reset connection as NETWORK_ERROR", async () => {
    api.route("GET", "/drop", { reset: true });
    const h = harness({ sources: [source("S", api.url)] });
    const error = await rejection(h.get("/drop"));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.message.startsWith(`GET ${api.url}/drop: network error: `)).toBe(true);
    expect(error.status).toBeUndefined();
  });

  it("aborting the run signal closes the in-flight connection at once", async () => {
    api.route("GET", "/hang", { delayMs: 3000, json: {} });
    const h = harness({ sources: [source("S", api.url)] });
    const pending = rejection(h.get("/hang"));
    await waitFor(() => api.requests.length === 1);
    h.cancellation.cancel();
    const error = await pending;
    expect(error.code).toBe("CANCELLED");
    await waitFor(() => api.requests[0].end !== null);
    expect(api.requests[0].clientClosed).toBe(true); // closed, not answered after its 3 s
  });
});

describe("guarded requests (§24.6)", () => {
  it("turns an HTTP failure into the error value and keeps the original failure", async () => {
    api.route("GET", "/limited", { status: 429, json: { message: "slow down" }, headers: { "Retry-After": "7", "X-Trace": "t1" } });
    const h = harness({ sources: [source("S", api.url)] });
    const result = await h.get("/limited", { guarded: true });
    expect(result.value).toMatchObject({ error: "slow down", code: 429, status: 429, retryAfter: 7, body: { message: "slow down" } });
    expect((result.value as { headers: Record<string, string> }).headers["x-trace"]).toBe("t1");
    expect(result.failure).toMatchObject({ code: "HTTP_ERROR", status: 429, message: `GET ${api.url}/limited: HTTP 429` });
  });

  it("uses status 0 and the fallback text when no response arrived", async () => {
    api.route("GET", "/drop", { reset: true });
    api.route("GET", "/slow", { delayMs: 500, json: {} });
    api.route("GET", "/plain", { status: 500, text: "oops" });
    const h = harness({ sources: [source("S", api.url)] });
    expect((await h.get("/drop", { guarded: true })).value)
      .toEqual({ error: "network", code: 0, status: 0, retryAfter: null, body: null, headers: {} });
    expect((await h.get("/slow", { guarded: true, timeout: 50 })).value).toMatchObject({ error: "timeout", code: 0 });
    expect((await h.get("/plain", { guarded: true })).value).toMatchObject({ error: "http_error", code: 500, body: "oops" });
  });

  it("passes successful responses through unchanged", async () => {
    api.route("GET", "/fine", { json: { id: 1 } });
    const h = harness({ sources: [source("S", api.url)] });
    expect(await h.get("/fine", { guarded: true })).toEqual({ value: { id: 1 } });
  });
});

describe("dry run (§29)", () => {
  it("sends nothing, emits a dryRun request event and answers null ([] when paginated)", async () => {
    const h = harness({ sources: [source("S", api.url)], options: { dryRun: true } });
    expect((await h.get("/x", { params: { a: 1 } })).value).toBeNull();
    expect((await h.get("/p", { paginate: { style: "page", param: "page", size: 10 } })).value).toEqual([]);
    expect(api.requests).toHaveLength(0);
    expect(h.eventsOf("request")).toEqual([
      { type: "request", action: "Fetch", method: "GET", url: `${api.url}/x?a=1`, attempt: 1, dryRun: true },
      { type: "request", action: "Fetch", method: "GET", url: `${api.url}/p?page=1`, attempt: 1, dryRun: true },
    ]);
  });
});

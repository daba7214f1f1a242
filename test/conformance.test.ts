// Tier 2 language conformance (LANGUAGE.md Part II), end to end: every folder under
// fixtures/conformance/<case>/ holds a mission.reqon and a case.json whose expectations were
// computed by hand from the spec. Each case compiles the mission, runs it against a local API
// server programmed with the case's routes, and compares status, stores, errors, warnings,
// request counts and timeline with the expectations. Key order inside result stores carries no
// meaning (§31.2), so missions that care about insertion order (§9.1) observe it themselves,
// e.g. by storing `items | map(.id)`.
//
// case.json:
//   { "note"?: string,                       // where the spec was ambiguous, how we read it
//     "routes"?: [{ "method", "path", "reply": Reply | Reply[] }],   // see support/api-server.ts
//     "inputs"?: {…}, "env"?: {…},
//     "expect": {
//       "status": "succeeded" | "partial" | "failed",
//       "stores"?: { STORE: { KEY: RECORD } },        // deep equal, for the listed stores
//       "errors"?: [{ action, code?, status?, message?, messageIncludes? }],  // in order
//       "warnings"?: [{ kind, … }],                   // every warning event, in order (subset match)
//       "requests"?: { PATH: COUNT },                 // requests the server received per path
//       "requestLog"?: ["METHOD /path?query", …],     // every request received, in order
//       "bodies"?: { PATH: [JSON | TEXT, …] },        // request bodies per path, in order
//       "timeline"?: [[ACTION, STATUS], …] } }        // the whole timeline, in order
// "{API}" anywhere in "expect" stands for the server's base URL.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ErrorRecord, RunEvent, RunResult } from "../runtime/core/types.ts";
import { startApiServer, type ApiServer, type Responder } from "./support/api-server.ts";
import { loadMission, runMission } from "./support/mission.ts";

interface ExpectedError {
  action: string;
  code?: string;
  status?: number;
  message?: string;
  messageIncludes?: string;
}

interface ConformanceCase {
  note?: string;
  routes?: { method: string; path: string; reply: Responder }[];
  inputs?: Record<string, unknown[] | Record<string, unknown>>;
  env?: Record<string, string>;
  expect: {
    status: RunResult["status"];
    stores?: Record<string, Record<string, unknown>>;
    errors?: ExpectedError[];
    warnings?: Record<string, unknown>[];
    requests?: Record<string, number>;
    requestLog?: string[];
    bodies?: Record<string, unknown[]>;
    timeline?: [string, string][];
  };
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const casesDir = join(root, "fixtures", "conformance");
const cases = readdirSync(casesDir)
  .filter((name) => existsSync(join(casesDir, name, "mission.reqon")))
  .sort();

function readCase(name: string, apiUrl: string): { source: string; spec: ConformanceCase } {
  const source = readFileSync(join(casesDir, name, "mission.reqon"), "utf8");
  const text = readFileSync(join(casesDir, name, "case.json"), "utf8");
  const spec = JSON.parse(text) as ConformanceCase;
  // Only the expectations mention the server URL; routes and inputs are taken verbatim.
  spec.expect = JSON.parse(JSON.stringify(spec.expect).replaceAll("{API}", apiUrl)) as ConformanceCase["expect"];
  return { source, spec };
}

/** Errors compared field by field, so a case can leave out what the spec does not fix. */
function checkErrors(actual: ErrorRecord[], expected: ExpectedError[]): void {
  const shown = JSON.stringify(actual, null, 2);
  expect(actual.length, `error list:\n${shown}`).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i]!;
    expect(got.action, `errors[${i}].action in\n${shown}`).toBe(want.action);
    if (want.code !== undefined) expect(got.code, `errors[${i}].code in\n${shown}`).toBe(want.code);
    if (want.status !== undefined) expect(got.status, `errors[${i}].status in\n${shown}`).toBe(want.status);
    if (want.message !== undefined) expect(got.message, `errors[${i}].message`).toBe(want.message);
    if (want.messageIncludes !== undefined) expect(got.message, `errors[${i}].message`).toContain(want.messageIncludes);
  });
}

function checkWarnings(events: RunEvent[], expected: Record<string, unknown>[]): void {
  const warnings = events.filter((e) => e.type === "warning");
  expect(warnings, JSON.stringify(warnings, null, 2)).toHaveLength(expected.length);
  expect(warnings).toMatchObject(expected);
}

/** A request body as JSON when it parses, else its raw text; `null` when empty. */
function parseBody(body: string): unknown {
  if (body === "") return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

let api: ApiServer;
beforeEach(async () => { api = await startApiServer(); });
afterEach(async () => { await api.close(); });

describe("Tier 2 conformance", () => {
  it("has a case per Tier 2 construct", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)("%s", async (name) => {
    const { source, spec } = readCase(name, api.url);
    for (const route of spec.routes ?? []) api.route(route.method, route.path, route.reply);

    const loaded = await loadMission(source, `${name}.reqon`);
    // Every source of the mission (the implicit `default` one included) points at the server.
    const baseUrls = Object.fromEntries(loaded.mission.sources.map((s) => [s.name, api.url]));
    const { result, events } = await runMission(loaded, { baseUrls, inputs: spec.inputs, env: spec.env });
    const want = spec.expect;

    expect(result.status, `errors: ${JSON.stringify(result.errors)}`).toBe(want.status);
    if (want.errors) checkErrors(result.errors, want.errors);
    else expect(result.errors).toEqual([]);
    for (const [store, records] of Object.entries(want.stores ?? {})) {
      expect(result.stores[store], `store '${store}'`).toEqual(records);
    }
    if (want.warnings) checkWarnings(events, want.warnings);
    for (const [path, count] of Object.entries(want.requests ?? {})) {
      expect(api.requestsTo(path).length, `requests to ${path}`).toBe(count);
    }
    if (want.requestLog) {
      expect(api.requests.map((r) => `${r.method} ${r.url}`), "request log").toEqual(want.requestLog);
    }
    for (const [path, bodies] of Object.entries(want.bodies ?? {})) {
      const sent = api.requestsTo(path).map((r) => parseBody(r.body));
      expect(sent, `bodies sent to ${path}`).toEqual(bodies);
    }
    if (want.timeline) {
      expect(result.timeline.map((t) => [t.action, t.status]), "timeline").toEqual(want.timeline);
    }
  });
});

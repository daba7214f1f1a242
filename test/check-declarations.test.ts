// Declarations and options (§2–§5, §25) and what they put into the Analysis.
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/index.ts";
import { analyzed, checkSource } from "./check-support.ts";

describe("analysis of declarations", () => {
  it("takes sources in file order, top-level ones included, the first being the default", () => {
    const analysis = analyzed(`source Early { auth: oauth2, base: "https://e.test" }
mission M {
  source Late { base: env("LATE_URL") }
  action A { get "/a" }
  run A
}
action B { concurrency: 3\n get Late "/b" }
`);
    expect(analysis.sources.map((s) => [s.name, s.auth])).toEqual([["Early", "oauth2"], ["Late", "none"]]);
    expect(analysis.defaultSource).toBe("Early");
    expect([...analysis.actions.keys()]).toEqual(["A", "B"]);
    expect(Object.fromEntries(analysis.concurrency)).toEqual({ A: 10, B: 3 });
  });

  it("has an implicit `default` source when none is declared, and reads mission options", () => {
    const analysis = analyzed(`mission M {\n maxConcurrency: 3\n parallelMode: "fail-fast"\n action A { get "/a" }\n run [A]\n}\n`);
    expect(analysis.sources).toEqual([{ name: "default", auth: "none" }]);
    expect(analysis.defaultSource).toBe("default");
    expect(analysis.options).toEqual({ maxConcurrency: 3, parallelMode: "fail-fast" });
  });
});

describe("source options", () => {
  const withSource = (options: string) => `mission M {\n  source S { ${options} }\n  action A { get "/a" }\n  run A\n}\n`;

  it("accept constant expressions, word values and nested blocks", () => {
    const source = withSource(`auth: "api_key", base: if env("X") == null then "https://a.test" else env("X"),
    timeout: 5000, retry: { maxAttempts: 3, backoff: linear }, apiKey: env("KEY"),
    rateLimit: { requestsPerMinute: 30, strategy: "throttle", maxWait: 5000 },
    circuitBreaker: { failureThreshold: 2 }, oauth: { tokenUrl: "https://id.test", scopes: ["a"] }`);
    expect(checkSource(source).codes).toEqual([]);
  });

  it("report bad words, literals of the wrong kind and unknown nested keys", () => {
    const source = withSource(`base: "https://a.test", rateLimit: { strategy: "wait", burst: 3 }, retry: { backoff: random, maxAttempts: 0 }`);
    expect(checkSource(source).diagnostics.map((d) => d.message)).toEqual([
      `'strategy' must be "pause", "throttle" or "fail"`,
      "unknown option 'burst' for rateLimit",
      "'backoff' must be exponential, linear or constant",
      "'maxAttempts' must be a positive integer",
    ]);
  });

  it("report variables and non-env calls as not constant, at the offending node", () => {
    const result = checkSource(withSource(`base: "https://a.test/" + tenant`));
    expect(result.codes).toEqual(["not-constant@2:40"]);
  });
});

describe("request options", () => {
  const withRequest = (request: string) => `mission M {\n  source S { base: "https://a.test" }\n  action A {\n    ${request}\n  }\n  run A\n}\n`;

  it("accept the §24 options with words left unresolved", () => {
    const source = withRequest(`post "/a" { source: S, body: { a: 1 }, headers: { "X-A": "1" }, timeout: 100,
      retry: { maxAttempts: 2, backoff: constant }, since: lastSync, sinceFormat: unix, syncKey: "k",
      paginate: offset(skip, 50), until: skip > 100, maxPages: 3 }`);
    const result = checkSource(source);
    expect(result.codes).toEqual([]);
    const names = [...result.analysis!.names.keys()].map((i) => i.name);
    expect(names).toEqual(["skip"]); // `S`, `constant`, `unix` are words, not names
  });

  it("reject `delay` in a request's retry block", () => {
    expect(checkSource(withRequest(`get "/a" { retry: { delay: 10 } }`)).diagnostics.map((d) => d.message)).toEqual([
      "unknown option 'delay' for retry",
    ]);
  });
});

describe("compile", () => {
  it("stops after parse or check when asked", () => {
    const source = `mission M {\n  action A { get "/a" }\n  run A\n}\n`;
    const parsed = compile(source, { file: "m.reqon", stopAfter: "parse" });
    expect(parsed.file?.kind).toBe("File");
    expect(parsed.analysis).toBeUndefined();
    const checked = compile(source, { file: "m.reqon", stopAfter: "check" });
    expect(checked.analysis?.mission.name.name).toBe("M");
    expect(checked.ts).toBeUndefined();
  });

  it("does not check a file with syntax errors", () => {
    const result = compile(`mission M {\n  run\n}\n`, { file: "m.reqon" });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["syntax"]);
    expect(result.analysis).toBeUndefined();
  });
});

// Retry placement and targets (§23.1), guarded requests (§24.6), step warnings, skip rules.
import { describe, expect, it } from "vitest";
import type { HttpStep, JumpStep, RetryStep } from "../compiler/parse/ast.ts";
import { analyzed, checkSource, nodesOfKind, offsetOf } from "./check-support.ts";

const mission = (body: string, extra = "") => `mission M {
  action Login { get "/login" }
${extra}
  action A {
${body}
  }
  run A then Login
}
`;

describe("retry", () => {
  it("targets the nearest request before the match, also inside a loop", () => {
    const source = mission(`
    get "/first"
    for u in response {
      get "/users"
      let note = 1
      match response { { code: 429 } -> retry { maxAttempts: 5 }, _ -> continue }
    }
    match response { { code: 401 } -> jump Login then retry, _ -> continue }`);
    const analysis = analyzed(source);
    const [retry] = nodesOfKind<RetryStep>(analysis.file, "RetryStep");
    const [jump] = nodesOfKind<JumpStep>(analysis.file, "JumpStep");
    expect((analysis.retryTargets.get(retry!) as HttpStep).span.start).toBe(offsetOf(source, `get "/users"`));
    expect((analysis.retryTargets.get(jump!) as HttpStep).span.start).toBe(offsetOf(source, `get "/first"`));
  });

  it("retries an HTTP `delete x[k]`", () => {
    const source = mission(`let path = "/x"\n    delete path["1"]\n    match response { { code: 500 } -> retry, _ -> continue }`);
    const analysis = analyzed(source);
    const [retry] = nodesOfKind<RetryStep>(analysis.file, "RetryStep");
    expect(analysis.retryTargets.get(retry!)?.kind).toBe("DeleteStep");
  });

  it("is an error outside a match arm or without a request before the match", () => {
    expect(checkSource(mission(`get "/a"\n    retry`)).codes).toEqual(["retry-outside-match@6:5"]);
    expect(checkSource(mission(`get "/a"\n    jump Login then retry`)).codes).toEqual(["retry-outside-match@6:5"]);
    // A request inside an earlier loop does not count: it is not in the match's block.
    const nested = mission(`for x in [1] { get "/a" }\n    match response { _ -> retry }`);
    expect(checkSource(nested).codes).toEqual(["retry-without-request@6:27"]);
  });
});

describe("guarded requests", () => {
  it("are requests directly followed by `match response`", () => {
    const source = mission(`
    get "/guarded"
    match response { { code: 404 } -> skip, _ -> continue }
    get "/plain"
    let x = 1
    match response { _ -> continue }
    get "/other"
    match x { _ -> continue }`);
    const analysis = analyzed(source);
    const guarded = [...analysis.guarded].map((s) => s.span.start);
    expect(guarded).toEqual([offsetOf(source, `get "/guarded"`)]);
  });

  it("do not include a match on a store named response", () => {
    const source = mission(`get "/a"\n    store response -> response { key: .id }\n    get "/b"\n    match response { _ -> continue }`);
    expect(analyzed(source).guarded.size).toBe(0);
  });
});

describe("step warnings", () => {
  it("match-without-default accepts `_` and an unguarded binding pattern", () => {
    const source = mission(`
    get "/a"
    match response { x -> continue }
    match response { x where x == 1 -> continue }
    match { response == null -> skip, _ -> continue }
    match { response == null -> skip }`);
    expect(checkSource(source).codes).toEqual(["match-without-default@8:5", "match-without-default@10:5"]);
  });

  it("allows skip outside a loop and reports only the first step after abort", () => {
    const source = mission(`get "/a"\n    skip\n    abort "stop"\n    get "/b"\n    get "/c"`);
    expect(checkSource(source).codes).toEqual(["unreachable-step@8:5"]);
  });
});

describe("stages", () => {
  it("all run, so errors of every stage are listed together (§30.1)", () => {
    // unknown-action (stage 1), unknown-function (stage 2), retry-outside-match (stage 3).
    const source = `mission M {\n  action A { let x = nope()\n retry }\n  run A then Ghost\n}\n`;
    expect(checkSource(source).codes).toEqual(["unknown-function@2:22", "retry-outside-match@3:2", "unknown-action@4:14"]);
  });

  it("list every error of one stage and keep warnings", () => {
    const source = `mission M {\n  action A { let x = nope()\n let y = length(1, 2) }\n  action B { get "/b" }\n  run A\n}\n`;
    expect(checkSource(source).codes).toEqual(["unknown-function@2:22", "unused-action@4:10", "wrong-arity@3:10"].sort(byPosition));
  });

  it("give no analysis when there are errors", () => {
    const result = checkSource(`mission M {\n  action A { let x = nope() }\n  run A\n}\n`);
    expect(result.analysis).toBeUndefined();
  });
});

function byPosition(a: string, b: string): number {
  const pos = (s: string) => s.split("@")[1]!.split(":").map(Number) as [number, number];
  const [la, ca] = pos(a);
  const [lb, cb] = pos(b);
  return la - lb || ca - cb;
}

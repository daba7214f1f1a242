// Regressions found by the checker/diagnostics audit against LANGUAGE.md (§1, §6, §16, §27,
// §30.1): each case is a statement of the spec that reqonc once got wrong.
import { describe, expect, it } from "vitest";
import { compile, lineCol } from "../compiler/index.ts";
import { analyzed, checkSource } from "./check-support.ts";

const mission = (body: string, extra = "") => `mission M {
${extra}
  action A {
${body}
  }
  run A
}
`;

describe("binding the wildcard (§11, §16)", () => {
  it("is reserved-name for let and for, not a syntax error", () => {
    const source = mission(`    let _ = 1\n    for _ in [1, 2] { skip }`);
    const result = checkSource(source);
    expect(result.codes).toEqual(["reserved-name@4:9", "reserved-name@5:9"]);
    expect(result.diagnostics[0]!.message).toBe("'_' is reserved and cannot be bound");
  });
});

describe("store kinds as words (§1, §27.1)", () => {
  it("accept the kind bare or quoted", () => {
    const analysis = analyzed(mission(`get "/a"\n    store response -> a { key: .id }`, `store a: "file"("t")\n  store b: 'memory'`));
    expect([...analysis.stores.values()].map((s) => [s.name, s.kind, s.target])).toEqual([
      ["a", "file", "t"],
      ["b", "memory", "b"],
    ]);
  });

  it("report an unknown quoted kind by its word", () => {
    const result = checkSource(mission(`get "/a"`, `store a: "blob"`));
    expect(result.codes).toEqual(["unknown-store-kind@2:10"]);
    expect(result.diagnostics[0]!.message).toBe("unknown store kind 'blob'");
  });
});

describe("every error is listed (§30.1)", () => {
  it("declaration, name and semantic errors appear together", () => {
    const source = `mission M {\n  maxConcurrency: 0\n  action A { let x = nope()\n  retry }\n  run A then Ghost\n}\n`;
    expect(checkSource(source).codes).toEqual([
      "invalid-option-value@2:19", "unknown-function@3:22", "retry-outside-match@4:3", "unknown-action@5:14",
    ]);
  });
});

describe("parallel-key-collision and `source` keys (§6)", () => {
  const races = (a: string, b: string) => `mission M {
  source Shop { base: "https://shop.test" }
  source Depot { base: "https://depot.test" }
  action A {
${a}
  }
  action B {
${b}
  }
  run [A, B]
}
`;
  const sourceKey = `store response -> s { key: concat(source, "-", .id) }`;

  it("are distinct when each action's request names a different source", () => {
    expect(checkSource(races(`get Shop "/a"\n ${sourceKey}`, `get Depot "/b"\n ${sourceKey}`)).codes).toEqual([]);
  });

  it("may collide when a match arm sends another request on the shared response cell", () => {
    const a = `get Shop "/a"\n match response { { code: 404 } -> get Depot "/alt", _ -> continue }\n ${sourceKey}`;
    const codes = checkSource(races(a, `get Depot "/b"\n ${sourceKey}`)).codes;
    expect(codes.map((c) => c.split("@")[0])).toEqual(["parallel-key-collision"]);
  });

  it("stay distinct when the request in a loop body uses the iteration's own cell", () => {
    const a = `get Shop "/a"\n for x in [1] { get Depot "/x" }\n ${sourceKey}`;
    expect(checkSource(races(a, `get Depot "/b"\n ${sourceKey}`)).codes).toEqual([]);
  });
});

describe("syntax messages name a required arrow (§32 `syntax`)", () => {
  const inAction = (step: string) => `mission M {\n  action A {\n    ${step}\n  }\n  run A\n}\n`;
  it.each([
    ["store without ->", `store response items`, "3:20", `expected "->", found "items"`],
    ["map without ->", `map x { a: 1 }`, "3:11", `expected "->", found "{"`],
    ["match-step arm without ->", `match response { 1 2 }`, "3:24", `expected "->", found "2"`],
    ["match-expression arm without =>", `let v = match response { 1 2 }`, "3:32", `expected "=>", found "2"`],
  ])("%s", (_name, step, at, message) => {
    const source = inAction(step);
    const [d, ...rest] = compile(source, { file: "m.reqon", stopAfter: "parse" }).diagnostics;
    expect(rest).toEqual([]);
    const { line, col } = lineCol(source, d!.span.start);
    expect([d!.code, `${line}:${col}`, d!.message]).toEqual(["syntax", at, message]);
  });
});

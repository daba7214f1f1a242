// Static race warnings for parallel groups (§6): key shapes, "provably distinct", jump reach.
import { describe, expect, it } from "vitest";
import { keyShape, provablyDistinct } from "../compiler/check/store-keys.ts";
import type { KeyShape } from "../compiler/check/store-keys.ts";
import { checkSource, notesAt } from "./check-support.ts";

const text = (t: string, exact: boolean): KeyShape => ({ kind: "text", text: t, exact });

describe("provablyDistinct", () => {
  it.each([
    [text("a", true), text("b", true), true],
    [text("a", true), text("a", true), false],
    [text("a-", false), text("b-", false), true],
    [text("a-", false), text("a-b-", false), false],
    [text("a-1", true), text("a-", false), false],
    [text("b-1", true), text("a-", false), true],
    [text("", false), text("a", true), false],
    [{ kind: "unknown" }, text("a", true), false],
  ] as const)("%o vs %o → %s", (a, b, expected) => {
    expect(provablyDistinct(a, b)).toBe(expected);
    expect(provablyDistinct(b, a)).toBe(expected);
  });

  it("keys starting with `source` are distinct only for different known sources", () => {
    const source: KeyShape = { kind: "source" };
    expect(provablyDistinct(source, source, "Shop", "Depot")).toBe(true);
    expect(provablyDistinct(source, source, "Shop", "Shop")).toBe(false);
    expect(provablyDistinct(source, source, undefined, "Shop")).toBe(false);
  });
});

describe("keyShape", () => {
  const names = new Map();
  const str = (value: string) => ({ kind: "StringLit", value, span: { start: 0, end: 0 } }) as const;
  const sub = { kind: "SubjectPath", field: "id", span: { start: 0, end: 0 } } as const;
  const callee = { kind: "Name", name: "concat", span: { start: 0, end: 0 } } as const;

  it("reads literal prefixes of concat(...) and string `+`", () => {
    expect(keyShape({ kind: "Call", callee, args: [str("a-"), str("x"), sub], span: { start: 0, end: 0 } }, names)).toEqual(text("a-x", false));
    expect(keyShape({ kind: "Call", callee, args: [str("a-"), str("x")], span: { start: 0, end: 0 } }, names)).toEqual(text("a-x", true));
    expect(keyShape({ kind: "Binary", op: "+", left: str("p/"), right: sub, span: { start: 0, end: 0 } }, names)).toEqual(text("p/", false));
    expect(keyShape(sub, names)).toEqual({ kind: "unknown" });
    expect(keyShape(undefined, names)).toEqual({ kind: "unknown" });
  });
});

const races = (actions: string, pipeline: string) => `mission R {
  source Shop { base: "https://shop.test" }
  source Depot { base: "https://depot.test" }
${actions}
  run ${pipeline}
}
`;

describe("parallel-key-collision", () => {
  it("warns when siblings write one store with keys that may collide", () => {
    const source = races(`
  action A { get "/a"\n store response -> rows { key: .id } }
  action B { get "/b"\n store response -> rows { key: .id } }`, "[A, B]");
    const result = checkSource(source);
    expect(result.codes).toEqual(["parallel-key-collision@8:20"]);
    expect(result.diagnostics[0]!.message).toBe(
      "actions 'A' and 'B' both write store 'rows' in one parallel group and their keys may collide; give each a distinct prefix",
    );
    expect(notesAt(source, result.diagnostics[0]!.notes)).toEqual(["'A' writes store 'rows' here@6:20"]);
  });

  it("accepts distinct literal prefixes and distinct sources, not sequential stages", () => {
    const source = races(`
  action A { get Shop "/a"\n store response -> rows { key: concat("a-", .id) }\n store response -> bySrc { key: concat(source, ":", .id) } }
  action B { get Depot "/b"\n store response -> rows { key: "b-" + .id }\n store response -> bySrc { key: source + ":" + .id } }
  action C { get "/c"\n store response -> rows { key: .id } }`, "[A, B] then C then A");
    expect(checkSource(source).codes).toEqual([]);
  });

  it("counts writes of actions reached through jump and run", () => {
    const source = races(`
  action A { get "/a"\n store response -> rows { key: .id } }
  action B { run Helper }
  action Helper { get "/h"\n store response -> rows { key: .id } }`, "[A, B]");
    expect(checkSource(source).codes).toEqual(["parallel-key-collision@9:20"]);
  });
});

describe("parallel-read-write", () => {
  it("warns once per reader, writer and store, at the first read, with the write in a note", () => {
    const source = races(`
  action Load { get "/p"\n store response -> products { key: .sku } }
  action Use { for p in products { store p -> copy { key: p.sku } }\n let n = length(products) }`, "[Load, Use]");
    const result = checkSource(source);
    expect(result.codes).toEqual(["parallel-read-write@7:25"]);
    expect(result.diagnostics[0]!.message).toBe(
      "action 'Use' reads store 'products', which 'Load' writes in the same parallel group; Use may see partial data",
    );
    expect(notesAt(source, result.diagnostics[0]!.notes)).toEqual(["'Load' writes store 'products' here@6:20"]);
  });

  it("ignores an action reading what it writes itself", () => {
    const source = races(`
  action A { get "/p"\n store response -> products { key: .sku }\n let n = length(products) }
  action B { get "/q" }`, "[A, B]");
    expect(checkSource(source).codes).toEqual([]);
  });
});

// Small helpers of the generator that every emitted name and string passes through.
import { describe, expect, it } from "vitest";
import { SOURCE_OPTIONS, type OptionSpec } from "../compiler/check/option-tables.ts";
import { compile } from "../compiler/index.ts";
import { commentText, objectLiteral, propKey, str } from "../compiler/generate/js.ts";
import { NameAllocator, identifierFrom } from "../compiler/generate/names.ts";

describe("names", () => {
  it("allocates deterministic unique names and never a reserved word", () => {
    const names = new NameAllocator(["cx"]);
    expect(["item", "item", "item", "class", "cx", "new", "constructor"].map((n) => names.allocate(n)))
      .toEqual(["item", "item_1", "item_2", "class_1", "cx_1", "new_1", "constructor_1"]);
  });

  it("makes an identifier out of any text", () => {
    expect(identifierFrom("page-num")).toBe("page_num");
    expect(identifierFrom("9lives")).toBe("_9lives");
    expect(identifierFrom("")).toBe("v");
  });
});

describe("strings, keys and comments", () => {
  it("escapes line separators that JSON.stringify leaves raw", () => {
    expect(str("a\u2028b\u2029c\"")).toBe('"a\\u2028b\\u2029c\\""');
  });

  it("never writes a literal __proto__ key, and tolerates repeated keys", () => {
    expect(propKey("__proto__")).toBe('["__proto__"]');
    expect(objectLiteral([["a", "1"], ["a", "2"]])).toBe('{ "a": 1, ["a" as string]: 2 }');
  });

  it("keeps comment text on one line", () => {
    expect(commentText("get x\r\nprocess.exit(1)\u2028y\u2029z")).toBe("get x process.exit(1) y z");
    expect(commentText("x".repeat(200))).toHaveLength(80);
  });
});

describe("the generator lowers every source option the checker accepts", () => {
  // A sample value per option kind; nested blocks get a sample for each of their own options.
  function sample(spec: OptionSpec): string {
    switch (spec.kind) {
      case "count": case "duration": case "literalPositiveInt": return "1";
      case "bool": return "true";
      case "word": return JSON.stringify(spec.words[0]);
      case "block": return `{ ${[...spec.table].map(([name, nested]) => `${name}: ${sample(nested)}`).join(", ")} }`;
      default: return spec.kind === "expr" && spec.object ? "{}" : '"x"';
    }
  }

  it.each([...SOURCE_OPTIONS.keys()].filter((name) => name !== "auth" && name !== "base"))("%s", (name) => {
    const value = name === "retry" ? "{ maxAttempts: 2 }" : sample(SOURCE_OPTIONS.get(name)!);
    const source = `mission M {\n  source S { auth: bearer, base: "http://s.test", ${name}: ${value} }\n  action A { get S "/x" }\n  run A\n}\n`;
    const result = compile(source, { file: "m.reqon" });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ts).toContain("function sources(");
  });
});

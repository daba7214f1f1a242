// Small helpers of the generator that every emitted name and string passes through.
import { describe, expect, it } from "vitest";
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

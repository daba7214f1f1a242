// The built-in function table (§15.7, §20) and its element-expression rules (§19.4).
import { describe, expect, it } from "vitest";
import { arityText, builtin, BUILTINS, elementArguments } from "../compiler/builtins.ts";
import type { Expr } from "../compiler/parse/ast.ts";

const span = { start: 0, end: 0 };
const ident = (name: string): Expr => ({ kind: "Ident", name, span });
const dot = (field: string): Expr => ({ kind: "SubjectPath", field, span });
const lambda: Expr = { kind: "Lambda", params: [{ kind: "Name", name: "x", span }], body: ident("x"), span };

describe("builtins", () => {
  it("covers the §20 names with their arities", () => {
    expect(BUILTINS.size).toBe(73); // §20 and the §35 fromUnix, parseDecimal
    expect(arityText(builtin("fromUnix")!)).toBe("1 argument(s)");
    expect(arityText(builtin("length")!)).toBe("1 argument(s)");
    expect(arityText(builtin("substring")!)).toBe("2 to 3 argument(s)");
    expect(arityText(builtin("concat")!)).toBe("at least 1 argument(s)");
    expect(builtin("now")!.maxArgs).toBe(0);
    expect(builtin("transform")).toBeUndefined();
  });

  it("marks element-expression parameters", () => {
    expect(elementArguments(builtin("filter")!, [ident("xs"), dot("ok")])).toEqual([false, true]);
    expect(elementArguments(builtin("reduce")!, [ident("xs"), lambda, ident("init")])).toEqual([false, true, false]);
    expect(builtin("reduce")!.lambdaParams).toBe(2);
  });

  it("treats the second argument of sum/avg/min/max as a projection only for a lambda or a leading dot", () => {
    const product: Expr = { kind: "Binary", op: "*", left: dot("price"), right: ident("rate"), span };
    expect(elementArguments(builtin("sum")!, [ident("xs"), product])).toEqual([false, true]);
    expect(elementArguments(builtin("max")!, [ident("xs"), lambda])).toEqual([false, true]);
    expect(elementArguments(builtin("min")!, [ident("a"), ident("b")])).toEqual([false, false]);
    expect(elementArguments(builtin("min")!, [ident("a"), dot("b"), ident("c")])).toEqual([false, false, false]);
  });
});

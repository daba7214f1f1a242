// Expression helpers of runtime/values.ts: LANGUAGE.md §0.3, §15, §19 (operators, membership,
// `is TYPE`, `.length`, date subtraction).
import { describe, expect, it } from "vitest";
import { expectEvalError } from "./support/expect-eval-error.ts";
import * as rt from "../runtime/values/values.ts";


describe("get (member access, §15.3, §19.6)", () => {
  it.each([
    [{ a: 1 }, "a", 1],
    [{ a: null }, "a", null],
    [{ a: 1 }, "missing", null],
    [null, "a", null],
    [5, "a", null],
    ["abc", "a", null],
    [[1, 2, 3], "length", 3],
    ["héllo", "length", 5],
    ["", "length", 0],
    [{ length: 7 }, "length", 7],
    [{ name: "x" }, "length", null],
    [{}, "constructor", null],
    [{}, "toString", null],
    [[1], "0", null],
  ])("get(%j, %j) = %j", (a, name, expected) => {
    expect(rt.get(a, name)).toStrictEqual(expected);
  });
});

describe("index (§15.3)", () => {
  it.each([
    [[10, 20, 30], 0, 10],
    [[10, 20, 30], 2, 30],
    [[10, 20, 30], 3, null],
    [[10, 20, 30], -1, null],
    [[10, 20, 30], 1.5, null],
    [[10, 20, 30], "1", null],
    [[null], 0, null],
    [{ a: 1, "2": "two", true: "yes" }, "a", 1],
    [{ a: 1, "2": "two" }, 2, "two"],
    [{ true: "yes" }, true, "yes"],
    [{ a: 1 }, null, null],
    [{ a: 1 }, ["a"], null],
    [null, 0, null],
    ["abc", 0, null],
    [7, 0, null],
  ])("index(%j, %j) = %j", (a, i, expected) => {
    expect(rt.index(a, i)).toStrictEqual(expected);
  });
});

describe("truthiness and logic (§15.6)", () => {
  it.each([
    [false, false], [null, false], [undefined, false], [0, false], ["", false],
    [true, true], [1, true], [-1, true], ["0", true], ["false", true], [[], true], [{}, true],
  ])("truthy(%j) = %j", (v, expected) => {
    expect(rt.truthy(v)).toBe(expected);
    expect(rt.not(v)).toBe(!expected);
  });

  it("and/or return operand values", () => {
    expect(rt.and(0, () => "b")).toBe(0);
    expect(rt.and("a", () => "b")).toBe("b");
    expect(rt.or(null, () => "fallback")).toBe("fallback");
    expect(rt.or("", () => 0)).toBe(0);
    expect(rt.or("nick", () => "name")).toBe("nick");
    expect(rt.or(null, () => rt.or("", () => "anonymous"))).toBe("anonymous");
  });

  it("and/or short-circuit", () => {
    const boom = () => {
      throw new Error("right side evaluated");
    };
    expect(rt.and(false, boom)).toBe(false);
    expect(rt.or([], boom)).toStrictEqual([]);
  });
});

describe("equality (§15.5)", () => {
  it.each([
    [1, 1, true],
    [1, "1", false],
    [0, false, false],
    [null, null, true],
    [null, undefined, true],
    [null, 0, false],
    ["a", "a", true],
    [[1, [2, { x: 3 }]], [1, [2, { x: 3 }]], true],
    [[1, 2], [2, 1], false],
    [[1], [1, 1], false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: null }, false],
    [{ a: null }, { b: null }, false],
    [{}, [], false],
    [0, -0, true],
  ])("eq(%j, %j) = %j", (a, b, expected) => {
    expect(rt.eq(a, b)).toBe(expected);
    expect(rt.ne(a, b)).toBe(!expected);
    expect(rt.deepEqual(b, a)).toBe(expected);
  });
});

describe("ordering comparisons (§15.5)", () => {
  // [a, b, a < b, a <= b, a > b, a >= b]
  it.each([
    [1, 2, true, true, false, false],
    [2, 2, false, true, false, true],
    [-1.5, -2, false, false, true, true],
    ["a", "b", true, true, false, false],
    ["B", "a", true, true, false, false], // code units: uppercase first
    ["10", "9", true, true, false, false], // two strings: not numeric
    ["2025-01-02T00:00:00.000Z", "2025-01-10T00:00:00.000Z", true, true, false, false],
    [10, "9", false, false, true, true], // number vs numeric string: numeric
    [" 5 ", 5, false, true, false, true],
    ["1e2", 99, false, false, true, true],
    [1, "abc", false, false, false, false],
    [1, "", false, false, false, false],
    [null, 1, false, false, false, false],
    [null, null, false, false, false, false],
    [true, false, false, false, false, false],
    [[1], [2], false, false, false, false],
  ])("%j vs %j", (a, b, lt, le, gt, ge) => {
    expect([rt.lt(a, b), rt.le(a, b), rt.gt(a, b), rt.ge(a, b)]).toStrictEqual([lt, le, gt, ge]);
  });
});

describe("+ (§15.5)", () => {
  it.each([
    [1, 2, 3],
    [0.1, 0.2, 0.30000000000000004],
    ["a", "b", "ab"],
    ["n=", 5, "n=5"],
    [2.5, "x", "2.5x"],
    ["a", null, "a"],
    [null, "b", "b"],
    ["v", true, "vtrue"],
    ["list ", [1, "a"], 'list [1,"a"]'],
    ["o", { a: 1 }, 'o{"a":1}'],
    [1e308, 1e308, null],
  ])("add(%j, %j) = %j", (a, b, expected) => {
    expect(rt.add(a, b)).toStrictEqual(expected);
  });

  it.each([
    [1, null],
    [null, null],
    [true, 1],
    [[1], [2]],
    [{}, 1],
  ])("add(%j, %j) is EVAL_ERROR", (a, b) => {
    expectEvalError(() => rt.add(a, b), /operator '\+'/);
  });
});

describe("- * / % and unary (§15.5)", () => {
  it("computes numbers", () => {
    expect(rt.sub(5, 7)).toBe(-2);
    expect(rt.mul(3, 4)).toBe(12);
    expect(rt.div(7, 2)).toBe(3.5);
    expect(rt.mod(7, 3)).toBe(1);
    expect(rt.mod(-7, 3)).toBe(-1); // sign of the dividend
    expect(rt.mod(7, -3)).toBe(1);
    expect(rt.neg(4)).toBe(-4);
    expect(rt.neg(0)).toBe(0);
    expect(Object.is(rt.neg(0), -0)).toBe(false);
    expect(rt.pos(4)).toBe(4);
    expect(rt.mul(1e200, 1e200)).toBe(null); // non-finite → null
  });

  it("division and remainder by zero", () => {
    expectEvalError(() => rt.div(1, 0), /^division by zero$/);
    expectEvalError(() => rt.mod(1, 0), /^division by zero$/);
    expectEvalError(() => rt.div(0, 0), /^division by zero$/);
  });

  it.each([
    ["sub", () => rt.sub(1, null)],
    ["sub", () => rt.sub("5", 2)],
    ["mul", () => rt.mul("2", 3)],
    ["div", () => rt.div(null, 2)],
    ["mod", () => rt.mod(4, true)],
  ])("%s with a non-number is EVAL_ERROR", (_op, run) => {
    expectEvalError(run, /expects numbers/);
  });

  it("unary operators take numbers only", () => {
    expectEvalError(() => rt.neg("1"), "operator '-' expects a number (got string)");
    expectEvalError(() => rt.pos(null), "operator '+' expects a number (got null)");
  });
});

describe("date subtraction (§19.6)", () => {
  it("date − milliseconds is an earlier ISO date", () => {
    expect(rt.sub("2025-03-04T05:06:07.000Z", 86_400_000)).toBe("2025-03-03T05:06:07.000Z");
    expect(rt.sub("2025-03-04", 1)).toBe("2025-03-03T23:59:59.999Z");
  });

  it("date − date is milliseconds", () => {
    expect(rt.sub("2025-03-05T00:00:00Z", "2025-03-04T00:00:00Z")).toBe(86_400_000);
    expect(rt.sub("2025-03-04T00:00:00Z", "2025-03-04T00:00:01Z")).toBe(-1000);
  });

  it("non-date strings are EVAL_ERROR", () => {
    expectEvalError(() => rt.sub("soon", 5), /date strings/);
    expectEvalError(() => rt.sub("2025-01-01", "later"), /date strings/);
  });
});

describe("contains, startsWith, endsWith, in (§19.2, §19.6)", () => {
  it.each([
    ["hello", "ell", true],
    ["hello", "", true],
    ["hello", "xyz", false],
    ["a1", 1, false],
    [[1, { a: 2 }], { a: 2 }, true],
    [[1, 2], "1", false],
    [{ a: 1 }, "a", false],
    [null, "a", false],
    [42, 4, false],
  ])("contains(%j, %j) = %j", (a, b, expected) => {
    expect(rt.contains(a, b)).toBe(expected);
  });

  it.each([
    ["a", ["b", "a"], true],
    [{ x: 1 }, [{ x: 1 }], true],
    ["ell", "hello", true],
    ["id", { id: null }, true],
    ["name", { id: 1 }, false],
    [1, { "1": "one" }, true],
    ["toString", {}, false],
    [1, "123", false],
    [1, null, false],
    [1, 1, false],
  ])("isIn(%j, %j) = %j", (a, b, expected) => {
    expect(rt.isIn(a, b)).toBe(expected);
  });

  it("startsWith / endsWith work on strings only", () => {
    expect(rt.startsWith("invoice-7", "invoice")).toBe(true);
    expect(rt.startsWith("invoice-7", "7")).toBe(false);
    expect(rt.endsWith("invoice-7", "-7")).toBe(true);
    expect(rt.endsWith(17, 7)).toBe(false);
    expect(rt.startsWith(["a"], "a")).toBe(false);
    expect(rt.startsWith(null, "")).toBe(false);
  });
});

describe("is TYPE (§19.2)", () => {
  const cases: [unknown, string, boolean][] = [
    ["x", "string", true], [1, "string", false],
    [1.5, "number", true], ["1", "number", false],
    [3, "int", true], [3.5, "int", false], [3, "integer", true], ["3", "integer", false],
    [3.5, "decimal", true], [3, "decimal", true], [null, "decimal", false],
    [false, "boolean", true], [0, "boolean", false],
    [[], "array", true], [{}, "array", false],
    [{}, "object", true], [[], "object", false], [null, "object", false],
    [null, "null", true], [0, "null", false],
    ["2025-03-04T05:06:07.000Z", "date", true], ["2025-03-04", "date", true],
    ["Tue, 04 Mar 2025 05:06:07 GMT", "date", true],
    ["not a date", "date", false], ["5", "date", false], [1741064767000, "date", false],
    [0, "any", true], ["", "any", true], [null, "any", false],
  ];
  it.each(cases)("%j is %s = %j", (v, type, expected) => {
    expect(rt.isType(v, type)).toBe(expected);
  });
});

describe("spread sources, str, keyString", () => {
  it("fields: null → {}, object as is, else EVAL_ERROR", () => {
    expect(rt.fields(null)).toStrictEqual({});
    expect(rt.fields({ a: 1 })).toStrictEqual({ a: 1 });
    expectEvalError(() => rt.fields([1]), /cannot spread array into an object/);
    expectEvalError(() => rt.fields("x"), /cannot spread string into an object/);
  });

  it("elements: null → [], array as is, else EVAL_ERROR", () => {
    expect(rt.elements(null)).toStrictEqual([]);
    expect(rt.elements([1, 2])).toStrictEqual([1, 2]);
    expectEvalError(() => rt.elements({ a: 1 }), /cannot spread object into an array/);
  });

  it.each([
    [null, ""], ["s", "s"], [7, "7"], [2.5, "2.5"], [-0, "0"], [true, "true"], [false, "false"],
    [[1, "a", null], '[1,"a",null]'], [{ a: { b: 1 } }, '{"a":{"b":1}}'],
  ])("str(%j) = %j", (v, expected) => {
    expect(rt.str(v)).toBe(expected);
  });

  it.each([
    ["abc", "abc"], ["", ""], [7, "7"], [2.5, "2.5"], [true, "true"], [false, "false"],
    [null, null], [{ id: 1 }, null], [[1], null],
  ])("keyString(%j) = %j", (v, expected) => {
    expect(rt.keyString(v)).toBe(expected);
  });

  it("isObject / isArray", () => {
    expect([rt.isObject({}), rt.isObject([]), rt.isObject(null)]).toStrictEqual([true, false, false]);
    expect([rt.isArray([]), rt.isArray({}), rt.isArray("a")]).toStrictEqual([true, false, false]);
  });
});

describe("number string form (§10, §15.7: shortest decimal form, no exponent)", () => {
  it.each([
    [7, "7"], [2.5, "2.5"], [-0, "0"], [1e21, "1000000000000000000000"], [1.2345e25, "12345000000000000000000000"],
    [-1e21, "-1000000000000000000000"], [1.5e-7, "0.00000015"], [-2.5e-7, "-0.00000025"], [1e-7, "0.0000001"], [123.456, "123.456"],
  ])("%s → %s", (n, text) => {
    expect(rt.str(n)).toBe(text);
    expect(rt.keyString(n)).toBe(text);
    expect(Number(text)).toBe(n === 0 ? 0 : n);
  });
});

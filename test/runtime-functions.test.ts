// Built-in functions of runtime/functions.ts: LANGUAGE.md §15.7 and §20.
import { describe, expect, it } from "vitest";
import { BUILTINS } from "../compiler/builtins.ts";
import { expectEvalError } from "./support/expect-eval-error.ts";
import { fn, FUNCTION_NAMES } from "../runtime/functions/index.ts";

// Calendar functions must not depend on the machine's zone; run this file away from UTC.
process.env.TZ = "Asia/Kolkata";

type Call = (...args: unknown[]) => unknown;
const call = (name: string, ...args: unknown[]): unknown =>
  (fn as unknown as Record<string, Call>)[name]!(...args);


/** [function, args, expected] rows, checked with deep equality. */
type Row = [string, unknown[], unknown];
function table(rows: Row[]): void {
  it.each(rows)("%s(%j) = %j", (name, args, expected) => {
    expect(call(name, ...args)).toStrictEqual(expected);
  });
}

/** [function, args, message] rows that must fail with EVAL_ERROR. */
function errors(rows: [string, unknown[], string | RegExp][]): void {
  it.each(rows)("%s(%j) is EVAL_ERROR", (name, args, message) => {
    expectEvalError(() => call(name, ...args), message);
  });
}

describe("the function table", () => {
  it("FUNCTION_NAMES equals the compiler's built-in table", () => {
    expect(FUNCTION_NAMES).toStrictEqual([...BUILTINS.keys()].sort());
  });

  it("fn has a method for every name except env (lowered to cx.env)", () => {
    expect(Object.keys(fn).sort()).toStrictEqual(FUNCTION_NAMES.filter((n) => n !== "env"));
    for (const method of Object.values(fn)) expect(typeof method).toBe("function");
  });
});

describe("length and concat (§15.7)", () => {
  table([
    ["length", [[1, 2, 3]], 3],
    ["length", ["héllo"], 5],
    ["length", ["😀"], 2], // UTF-16 units
    ["length", [{ a: 1, b: null }], 2],
    ["length", [null], 0],
    ["length", [""], 0],
    ["concat", ["a", 1, null, true, 2.5], "a1true2.5"],
    ["concat", ["x", [1, "b"], { k: null }], 'x[1,"b"]{"k":null}'],
    ["concat", [null, "a"], "a"],
    ["concat", [5], "5"],
    ["concat", [[1], [2, 3], null, 4, "s", { o: 1 }], [1, 2, 3, 4, "s", { o: 1 }]],
    ["concat", [[], [[1]]], [[1]]],
  ]);
  errors([
    ["length", [5], "length() expects an array, string, object or null (got number)"],
    ["length", [true], "length() expects an array, string, object or null (got boolean)"],
  ]);
  it("concat splices arrays of any size (no call-stack limit)", () => {
    const big = Array.from({ length: 300_000 }, (_, i) => i);
    const joined = call("concat", big, [300_000]) as number[];
    expect(joined).toHaveLength(300_001);
    expect(joined[299_999]).toBe(299_999);
    expect(joined[300_000]).toBe(300_000);
  });
});

describe("strings (§20.1)", () => {
  table([
    ["lowercase", ["AbC"], "abc"],
    ["uppercase", ["straße"], "STRASSE"],
    ["lowercase", [null], null],
    ["trim", ["  a b \n"], "a b"],
    ["trimStart", ["  a "], "a "],
    ["trimEnd", ["  a "], "  a"],
    ["substring", ["hello", 1, 3], "el"],
    ["substring", ["hello", 1], "ello"],
    ["substring", ["hello", -5, 2], "he"],
    ["substring", ["hello", 2, 99], "llo"],
    ["substring", ["hello", 3, 1], ""],
    ["substring", ["hello", 9], ""],
    ["substring", ["hello", 1, null], "ello"],
    ["substring", [null, 1], null],
    ["split", ["a,b,,c", ","], ["a", "b", "", "c"]],
    ["split", ["abc", ""], ["a", "b", "c"]],
    ["split", [null, ","], null],
    ["join", [["a", 1, null, true, [2]], "-"], "a-1--true-[2]"],
    ["join", [["a", "b"]], "a,b"],
    ["join", [[]], ""],
    ["join", [null, ","], null],
    ["replace", ["a.b.c", ".", "-"], "a-b-c"],
    ["replace", ["cost: $x", "$x", "$&1"], "cost: $&1"],
    ["replace", ["abc", "", "-"], "abc"],
    ["replace", [null, "a", "b"], null],
    ["slugify", ["  Héllo, Wörld! 2025 "], "hello-world-2025"],
    ["slugify", ["--Already--slug--"], "already-slug"],
    ["slugify", ["Ça va?"], "ca-va"],
    ["slugify", ["!!!"], ""],
    ["slugify", [null], null],
  ]);
  errors([
    ["lowercase", [5], "lowercase() expects a string (got number)"],
    ["trim", [[" a "]], "trim() expects a string (got array)"],
    ["substring", ["abc", "1"], /^substring\(\) expects a number start \(got string\)$/],
    ["split", ["a,b", 1], /^split\(\) expects a string separator/],
    ["join", ["a,b"], "join() expects an array (got string)"],
    ["replace", ["abc", "a", 1], /^replace\(\)/],
    ["slugify", [{}], /^slugify\(\)/],
  ]);
});

describe("arrays (§20.2)", () => {
  table([
    ["first", [[1, 2]], 1],
    ["first", [[]], null],
    ["first", [null], null],
    ["last", [[1, 2]], 2],
    ["last", [[]], null],
    ["includes", [[1, { a: [2] }], { a: [2] }], true],
    ["includes", [[1, 2], "1"], false],
    ["includes", ["hello", "ell"], true],
    ["includes", [null, 1], null],
    ["isEmpty", [null], true],
    ["isEmpty", [""], true],
    ["isEmpty", [[]], true],
    ["isEmpty", [{}], true],
    ["isEmpty", [0], false],
    ["isEmpty", [" "], false],
    ["isEmpty", [[null]], false],
    ["isEmpty", [{ a: null }], false],
    ["count", [[1, null, 3]], 3],
    ["count", [null], null],
    ["flatten", [[[1, [2]], 3, [], [4]]], [1, [2], 3, 4]],
    ["unique", [[1, "1", 1, { a: 1 }, { a: 1 }, null, null]], [1, "1", { a: 1 }, null]],
    ["sort", [[3, 1, null, 2, 10]], [1, 2, 3, 10, null]],
    ["sort", [["b", "B", "a", "10", "9"]], ["10", "9", "B", "a", "b"]],
    ["sort", [[]], []],
    ["sort", [[null, null]], [null, null]],
  ]);
  errors([
    ["first", ["abc"], "first() expects an array (got string)"],
    ["count", [{}], "count() expects an array (got object)"],
    ["includes", [5, 5], "includes() expects an array or string (got number)"],
    ["flatten", [1], /^flatten\(\)/],
    ["unique", [{}], /^unique\(\)/],
    ["sort", [[1, "2"]], "sort() cannot order a mix of numbers and strings"],
    ["sort", [[true, false]], "sort() can only order numbers and strings (got boolean)"],
    ["sort", [[[1], [2]]], "sort() can only order numbers and strings (got array)"],
  ]);

  it("sort does not modify its argument", () => {
    const input = [2, 1];
    expect(fn.sort(input)).toStrictEqual([1, 2]);
    expect(input).toStrictEqual([2, 1]);
  });

  it("map / filter / find / findIndex take element functions", () => {
    const orders = [{ id: 1, total: 50 }, { id: 2, total: 150 }, { id: 3, total: 300 }];
    const big = (o: unknown) => (o as { total: number }).total > 100;
    expect(fn.map(orders, (o) => (o as { id: number }).id)).toStrictEqual([1, 2, 3]);
    expect(fn.map([1], () => undefined)).toStrictEqual([null]);
    expect(fn.filter(orders, big)).toStrictEqual(orders.slice(1));
    expect(fn.filter([0, 1, "", "a", null, [], {}], (x) => x)).toStrictEqual([1, "a", [], {}]);
    expect(fn.find(orders, big)).toStrictEqual(orders[1]);
    expect(fn.find(orders, () => false)).toBe(null);
    expect(fn.findIndex(orders, big)).toBe(1);
    expect(fn.findIndex(orders, () => 0)).toBe(-1);
    expect(fn.filter(null, big)).toBe(null);
    expectEvalError(() => fn.map({ a: 1 }, (x) => x), "map() expects an array (got object)");
    expectEvalError(() => fn.filter("abc", (x) => x), "filter() expects an array (got string)");
  });

  it("reduce folds from init with (acc, x)", () => {
    expect(fn.reduce([1, 2, 3], (acc, x) => (acc as number) + (x as number), 10)).toBe(16);
    expect(fn.reduce([], (acc) => acc, "init")).toBe("init");
    expect(fn.reduce(["a", "b"], (acc, x) => `${acc}${x}`, "")).toBe("ab");
    expect(fn.reduce(null, (acc) => acc, 0)).toBe(null);
    expectEvalError(() => fn.reduce(3, (acc) => acc, 0), /^reduce\(\) expects an array/);
  });

  it("sortBy is stable and uses the sort ordering", () => {
    const rows = [
      { n: "a", k: 2 }, { n: "b", k: null }, { n: "c", k: 1 }, { n: "d", k: 2 }, { n: "e", k: 1 },
    ];
    const byK = (r: unknown) => (r as { k: unknown }).k;
    expect(fn.sortBy(rows, byK)?.map((r) => (r as { n: string }).n)).toStrictEqual(["c", "e", "a", "d", "b"]);
    expectEvalError(() => fn.sortBy([{ k: 1 }, { k: "x" }], byK), /^sortBy\(\) cannot order a mix/);
  });

  it("sort is stable for equal keys (objects compare only by key)", () => {
    const input = Array.from({ length: 50 }, (_, i) => ({ i, k: i % 3 }));
    const sorted = fn.sortBy(input, (r) => (r as { k: number }).k) as { i: number; k: number }[];
    for (let j = 1; j < sorted.length; j++) {
      const [a, b] = [sorted[j - 1]!, sorted[j]!];
      expect(a.k < b.k || (a.k === b.k && a.i < b.i)).toBe(true);
    }
  });
});

describe("sum, avg, min, max (§20.2)", () => {
  table([
    ["sum", [[1, 2, null, 3.5]], 6.5],
    ["sum", [[]], 0],
    ["sum", [null], null],
    ["sum", [[1e308, 1e308]], null],
    ["avg", [[1, 2, null, 6]], 3],
    ["avg", [[]], null],
    ["avg", [[null]], null],
    ["min", [[3, 1, null, 2]], 1],
    ["max", [[3, 1, null, 2]], 3],
    ["min", [["b", "a", "B"]], "B"],
    ["max", [["b", "a", "B"]], "b"],
    ["min", [[]], null],
    ["min", [[null]], null],
    ["min", [null], null],
    ["min", [4, 2, 8], 2],
    ["max", [4, null, 8], 8],
    ["max", [5], 5],
    ["max", ["2025-01-01", "2024-12-31"], "2025-01-01"],
  ]);
  errors([
    ["sum", [[1, "2"]], "sum() expects numbers (got string)"],
    ["avg", [[{}]], "avg() expects numbers (got object)"],
    ["sum", ["12"], "sum() expects an array (got string)"],
    ["min", [[1, "a"]], "min() cannot order a mix of numbers and strings"],
    ["max", [true, 1], "max() can only order numbers and strings (got boolean)"],
  ]);

  it("projections are element functions", () => {
    const items = [{ price: 2, qty: 3 }, { price: null, qty: 1 }, { price: 5, qty: 2 }];
    const price = (el: unknown) => (el as { price: number | null }).price;
    expect(fn.sum(items, price)).toBe(7);
    expect(fn.avg(items, price)).toBe(3.5);
    expect(fn.min(items, price)).toBe(2);
    expect(fn.max(items, (el) => (el as { qty: number }).qty)).toBe(3);
    expect(fn.sum(null, price)).toBe(null);
    expectEvalError(() => fn.sum(items, () => "x"), "sum() expects numbers (got string)");
  });
});

describe("objects (§20.3)", () => {
  const o = { b: 1, a: null, c: [1] };
  table([
    ["keys", [o], ["b", "a", "c"]],
    ["values", [o], [1, null, [1]]],
    ["entries", [o], [["b", 1], ["a", null], ["c", [1]]]],
    ["keys", [null], null],
    ["keys", [{}], []],
    ["hasKey", [o, "a"], true],
    ["hasKey", [o, "z"], false],
    ["hasKey", [{}, "toString"], false],
    ["hasKey", [{ "1": 0 }, 1], true],
    ["hasKey", [null, "a"], null],
    ["pick", [o, ["c", "b", "zz"]], { b: 1, c: [1] }],
    ["omit", [o, ["a"]], { b: 1, c: [1] }],
    ["pick", [o, []], {}],
    ["pick", [null, ["a"]], null],
    ["merge", [{ a: 1, b: 1 }, null, { b: 2, c: 3 }], { a: 1, b: 2, c: 3 }],
    ["merge", [null], {}],
  ]);
  errors([
    ["keys", [[1]], "keys() expects an object (got array)"],
    ["values", ["s"], "values() expects an object (got string)"],
    ["entries", [1], /^entries\(\)/],
    ["hasKey", [[1], "a"], "hasKey() expects an object (got array)"],
    ["hasKey", [o, ["a"]], "hasKey() expects a string field name (got array)"],
    ["pick", [o, "a"], "pick() expects an array of field names (got string)"],
    ["omit", [o, [{}]], "omit() expects field names as strings (got object)"],
    ["merge", [{ a: 1 }, [1]], "merge() expects objects or null (got array)"],
  ]);

  it("keeps a `__proto__` field of JSON data as a field in pick, omit and merge", () => {
    const data = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as Record<string, unknown>;
    const asJson = (v: unknown) => JSON.stringify(v);
    expect(asJson(fn.pick(data, ["__proto__", "a"]))).toBe('{"__proto__":{"x":1},"a":2}');
    expect(asJson(fn.omit(data, ["a"]))).toBe('{"__proto__":{"x":1}}');
    expect(asJson(fn.merge({ b: 0 }, data))).toBe('{"b":0,"__proto__":{"x":1},"a":2}');
    expect(Object.getPrototypeOf(fn.merge(data))).toBe(Object.prototype);
  });

  it("merge does not modify its arguments", () => {
    const first = { a: 1 };
    fn.merge(first, { a: 2 });
    expect(first).toStrictEqual({ a: 1 });
  });
});

describe("numbers and conversion (§20.4)", () => {
  table([
    ["round", [2.5], 3],
    ["round", [-2.5], -3],
    ["round", [2.4], 2],
    ["round", [-0.4], 0],
    ["round", [1.005, 2], 1.01],
    ["round", [-1.005, 2], -1.01],
    ["round", [1.2345, 3], 1.235],
    ["round", [1234.5, -2], 1200],
    ["round", [1e-7, 2], 0],
    ["round", [7, null], 7],
    ["round", [null], null],
    ["floor", [-1.5], -2],
    ["ceil", [1.2], 2],
    ["abs", [-3], 3],
    ["sqrt", [16], 4],
    ["sqrt", [-1], null],
    ["pow", [2, 10], 1024],
    ["pow", [10, 400], null],
    ["pow", [null, 2], null],
    ["floor", [null], null],
    ["toNumber", [" 42 "], 42],
    ["toNumber", ["-1.5e3"], -1500],
    ["toNumber", ["12abc"], null],
    ["toNumber", [""], null],
    ["toNumber", ["0x10"], null],
    ["toNumber", ["1e999"], null],
    ["toNumber", [true], 1],
    ["toNumber", [false], 0],
    ["toNumber", [7.5], 7.5],
    ["toNumber", [null], null],
    ["toNumber", [[1]], null],
    ["toString", [null], ""],
    ["toString", [12.5], "12.5"],
    ["toString", [false], "false"],
    ["toString", [{ a: [1] }], '{"a":[1]}'],
    ["toBoolean", ["TRUE"], true],
    ["toBoolean", ["False"], false],
    ["toBoolean", ["no"], true],
    ["toBoolean", [""], false],
    ["toBoolean", [0], false],
    ["toBoolean", [null], false],
    ["toBoolean", [[]], true],
    ["toArray", [[1, 2]], [1, 2]],
    ["toArray", [null], []],
    ["toArray", ["a"], ["a"]],
    ["toArray", [{ a: 1 }], [{ a: 1 }]],
  ]);
  errors([
    ["round", ["2.5"], "round() expects a number (got string)"],
    ["round", [2.5, 1.5], "round() expects an integer digit count (got 1.5)"],
    ["floor", [true], "floor() expects a number (got boolean)"],
    ["sqrt", [[4]], "sqrt() expects a number (got array)"],
    ["pow", [2, "3"], "pow() expects a number exponent (got string)"],
  ]);
});

describe("miscellaneous (§20.5)", () => {
  table([
    ["exists", [null], false],
    ["exists", [0], true],
    ["exists", [""], true],
  ]);

  it("uuid and generateId are random v4 UUIDs", () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(fn.uuid()).toMatch(v4);
    expect(fn.generateId()).toMatch(v4);
    expect(fn.uuid()).not.toBe(fn.uuid());
  });
});

describe("dates (§20.6)", () => {
  const D = "2025-03-04T05:06:07.089Z"; // a Tuesday
  table([
    ["parseDate", ["2025-03-04"], "2025-03-04T00:00:00.000Z"],
    ["parseDate", ["2025-03-04T05:06"], "2025-03-04T05:06:00.000Z"], // no zone → UTC
    ["parseDate", ["2025-03-04 05:06:07"], "2025-03-04T05:06:07.000Z"],
    ["parseDate", ["2025-03-04T05:06:07+02:00"], "2025-03-04T03:06:07.000Z"],
    ["parseDate", ["Tue, 04 Mar 2025 05:06:07 GMT"], "2025-03-04T05:06:07.000Z"],
    ["parseDate", [0], "1970-01-01T00:00:00.000Z"],
    ["parseDate", [1741064767089], D],
    ["parseDate", ["not a date"], null],
    ["parseDate", ["5"], null],
    ["parseDate", [""], null],
    ["parseDate", [null], null],
    ["parseDate", [1e20], null],
    ["year", [D], 2025],
    ["month", [D], 3],
    ["day", [D], 4],
    ["hour", [D], 5],
    ["minute", [D], 6],
    ["dayOfWeek", [D], 2],
    ["dayOfWeek", ["2025-03-02"], 0],
    ["hour", ["2025-03-04T23:30:00Z"], 23], // not shifted into the local zone
    ["day", ["2025-03-04T23:30:00Z"], 4],
    ["year", ["nope"], null],
    ["year", [null], null],
    ["addDays", [D, 1], "2025-03-05T05:06:07.089Z"],
    ["addDays", ["2025-03-01", -1], "2025-02-28T00:00:00.000Z"],
    ["addDays", [D, 0.5], "2025-03-04T17:06:07.089Z"],
    ["subtractDays", [D, 4], "2025-02-28T05:06:07.089Z"],
    ["addHours", [D, 20], "2025-03-05T01:06:07.089Z"],
    ["addDays", [D, null], null],
    ["addDays", ["bad", 1], null],
    ["addMonths", ["2025-01-31T10:00:00Z", 1], "2025-02-28T10:00:00.000Z"],
    ["addMonths", ["2024-01-31T10:00:00Z", 1], "2024-02-29T10:00:00.000Z"],
    ["addMonths", ["2025-03-31", -1], "2025-02-28T00:00:00.000Z"],
    ["addMonths", ["2025-11-30", 3], "2026-02-28T00:00:00.000Z"],
    ["addMonths", ["2025-05-15", -17], "2023-12-15T00:00:00.000Z"],
    ["addMonths", [D, 0], D],
    ["diffDays", ["2025-03-10", "2025-03-04"], 6],
    ["diffDays", ["2025-03-04", "2025-03-10"], -6],
    ["diffDays", ["2025-03-05T23:59:59Z", "2025-03-04T00:00:00Z"], 1], // truncated
    ["diffDays", ["2025-03-04T00:00:00Z", "2025-03-05T23:59:59Z"], -1], // toward zero
    ["diffDays", ["2025-03-04T12:00:00Z", "2025-03-04T00:00:00Z"], 0],
    ["diffDays", [null, D], null],
    ["isBefore", ["2025-01-01", "2025-01-02"], true],
    ["isBefore", ["2025-01-02", "2025-01-02"], false],
    ["isAfter", ["2025-01-02", "2025-01-01T23:59:59Z"], true],
    ["isAfter", ["2025-01-02", "bad"], null],
    ["days", [2], 172_800_000],
    ["hours", [1.5], 5_400_000],
    ["minutes", [-1], -60_000],
    ["seconds", [3], 3000],
    ["days", [null], null],
  ]);
  errors([
    ["year", [true], "year() expects a date string or epoch milliseconds (got boolean)"],
    ["addDays", [D, "1"], "addDays() expects a number (got string)"],
    ["addMonths", [D, 1.5], "addMonths() expects a whole number of months (got 1.5)"],
    ["formatDate", [D, 5], "formatDate() expects a format string (got number)"],
    ["days", ["2"], "days() expects a number (got string)"],
    ["diffDays", [[1], D], /^diffDays\(\) expects a date/],
  ]);

  it("now() is the current time as an ISO string", () => {
    const before = Date.now();
    const now = fn.now();
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(now)).toBeLessThanOrEqual(Date.now());
  });

  describe("formatDate tokens", () => {
    const d = "2025-03-04T05:06:07.089Z";
    it.each([
      ["YYYY-MM-DD", "2025-03-04"],
      ["YY/M/D", "25/3/4"],
      ["MMMM MMM", "March Mar"],
      ["HH:mm:ss.SSS", "05:06:07.089"],
      ["H:m:s", "5:6:7"],
      ["DD.MM.YYYY HH:mm", "04.03.2025 05:06"],
      ["[at] YYYY", "[at] 2025"],
      ["YYYYY", "2025Y"],
      ["", ""],
    ])("%j → %j", (format, expected) => {
      expect(fn.formatDate(d, format)).toBe(expected);
    });

    it("uses UTC and pads two-digit fields", () => {
      expect(fn.formatDate("2025-12-31T23:59:59.999Z", "YYYY-MM-DD HH:mm:ss.SSS")).toBe(
        "2025-12-31 23:59:59.999",
      );
      expect(fn.formatDate("2025-10-11T12:13:14.005Z", "MM DD HH mm ss SSS M D H m s")).toBe(
        "10 11 12 13 14 005 10 11 12 13 14",
      );
      expect(fn.formatDate(0, "MMMM D, YYYY")).toBe("January 1, 1970");
      expect(fn.formatDate(null, "YYYY")).toBe(null);
      expect(fn.formatDate("bad", "YYYY")).toBe(null);
    });
  });
});

// Name resolution (§16): variables point at their binding node, map rebinding is block-local,
// loop variables and pattern bindings have their scopes, other names become built-ins, stores
// or input stores.
import { describe, expect, it } from "vitest";
import type { Node } from "../compiler/parse/ast.ts";
import { analyzed, checkSource, identsNamed, offsetOf } from "./check-support.ts";

const mission = (body: string, extra = "") => `mission M {
${extra}
  action A {
${body}
  }
  run A
}
`;

/** Where (offset) the binding node of each `name` identifier starts, or the resolution kind. */
function resolutionsOf(source: string, name: string): (number | string)[] {
  const analysis = analyzed(source);
  return identsNamed(analysis, name).map((ident) => {
    const r = analysis.names.get(ident);
    if (!r) return "unresolved";
    if (r.kind === "variable") return (r.binding as Node).span.start;
    return r.kind === "store" ? `store:${r.store}` : r.kind;
  });
}

describe("variables", () => {
  it("resolve to the let, loop or pattern binding that introduced them", () => {
    const source = mission(`
    get "/a"
    let cutoff = 3
    for o in response.orders where .n > cutoff {
      match o { { id: oid } -> store { id: oid, o: o } -> seen { key: oid }, _ -> skip }
    }`);
    expect(resolutionsOf(source, "cutoff")).toEqual([offsetOf(source, "cutoff")]);
    const loopVariable = offsetOf(source, "o in");
    expect(resolutionsOf(source, "o")).toEqual([loopVariable, loopVariable]);
    const oid = offsetOf(source, "oid");
    expect(resolutionsOf(source, "oid")).toEqual([oid, oid]);
  });

  it("bind a loop variable in `where` and the body but not in the collection", () => {
    const source = mission(`for x in x where x.ok { store x -> out }`);
    const [collection, where, body] = resolutionsOf(source, "x");
    expect(collection).toBe("store:x");
    expect(where).toBe(offsetOf(source, "x in"));
    expect(body).toBe(where);
  });

  it("let sees the outer binding on its right-hand side and shadows it afterwards", () => {
    const source = mission(`
    let n = 1
    for i in [1, 2] {
      let n = n + i
      store { id: n } -> out
    }
    store { id: n } -> out`);
    const outer = offsetOf(source, "n = 1");
    const inner = offsetOf(source, "n = n");
    expect(resolutionsOf(source, "n")).toEqual([outer, inner, outer]);
  });

  it("lambda parameters and the pagination parameter in `until` are variables", () => {
    const source = mission(`
    get "/t" { paginate: page(page, 10), until: page >= 3 }
    let big = map(response, t => t.size * 2)`);
    expect(resolutionsOf(source, "page")).toEqual([offsetOf(source, "page,")]);
    expect(resolutionsOf(source, "t")).toEqual([offsetOf(source, "t =>")]);
  });
});

describe("map rebinding (§12 rule 4)", () => {
  it("rebinds a variable to the map step from there to the end of the block only", () => {
    const source = mission(`
    get "/a"
    let p = response
    for i in [1] {
      map p -> Listing { ...p, extra: i }
      store p -> inner { key: "k" }
    }
    store p -> outer { key: "k" }`);
    const analysis = analyzed(source);
    const uses = identsNamed(analysis, "p").map((ident) => analysis.names.get(ident));
    const letP = offsetOf(source, "p = response");
    const mapStep = offsetOf(source, "map p");
    // map value, spread inside the map, store inside the loop, store after the loop
    expect(uses.map((r) => r?.kind === "variable" && (r.binding as Node).span.start)).toEqual([letP, letP, mapStep, letP]);
    expect(uses[2]?.kind === "variable" && (uses[2].binding as unknown as { kind: string }).kind).toBe("MapStep");
  });

  it("does not rebind a name that is not a variable", () => {
    const source = mission(`map response -> R { a: 1 }\n    store response -> out { key: "k" }`);
    expect(resolutionsOf(source, "response")).toEqual(["response", "response"]);
  });
});

describe("non-variable names", () => {
  it("response, errors and source are built-in unless a store of that name exists", () => {
    const source = mission(`get "/a"\n    store { e: errors, s: source } -> log { key: "x" }\n    store response -> out { key: .id }`);
    expect(resolutionsOf(source, "errors")).toEqual(["errors"]);
    expect(resolutionsOf(source, "source")).toEqual(["source"]);
    const shadowed = mission(`get "/a"\n    store response -> errors { key: .id }\n    let n = length(errors)`);
    expect(resolutionsOf(shadowed, "errors")).toEqual(["store:errors"]);
  });

  it("declared and written stores are stores; other names are input stores", () => {
    const source = mission(`for c in customers { store c -> seen { key: c.id } }\n    let n = length(seen)\n    let m = length(cache)`, `store cache: file("c")`);
    const analysis = analyzed(source);
    expect([...analysis.stores.values()].map((s) => [s.name, s.kind, s.target, s.declared, s.written, s.input])).toEqual([
      ["cache", "file", "c", true, false, false],
      ["seen", "memory", "seen", false, true, false],
      ["customers", "memory", "customers", false, false, true],
    ]);
  });

  it("`delete x[k]` is an HTTP DELETE when x is a variable, else a store deletion", () => {
    const source = mission(`get "/a"\n    let base = "/items"\n    delete base["1"]\n    delete items["1"]`);
    const analysis = analyzed(source);
    const [http, store] = [...analysis.mission.declarations].flatMap((d) => (d.kind === "ActionDecl" ? d.body.steps : [])).filter((s) => s.kind === "DeleteStep");
    expect(analysis.httpDeletes.has(http as never)).toBe(true);
    expect(analysis.httpDeletes.has(store as never)).toBe(false);
    expect((analysis.httpDeleteBindings.get(http as never) as Node).span.start).toBe(offsetOf(source, "base ="));
    expect(analysis.stores.get("items")?.written).toBe(true);
    expect(analysis.stores.has("base")).toBe(false);
  });

  it("reports functions and declarations used as values", () => {
    const result = checkSource(mission(`let a = now\n    let b = Shop`, `source Shop { base: "https://x.test" }`));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "'now' is a function; call it as now()",
      "'Shop' is a source and cannot be used as a value",
    ]);
  });
});

describe("possible-typo", () => {
  it("suggests the closest variable in scope or written store within distance 2", () => {
    const source = mission(`
    get "/a"
    store response -> products { key: .id }
    for item in response { let quantity = item.q\n      store { id: quantity + quantiy } -> t }
    let x = length(prodcts)
    let y = length(zzzzzz)`);
    expect(checkSource(source).diagnostics.map((d) => d.message)).toEqual([
      "'quantiy' is read as an input store; did you mean 'quantity'?",
      "'prodcts' is read as an input store; did you mean 'products'?",
    ]);
  });

  it("never suggests a variable that is out of scope or another input store", () => {
    const source = mission(`
    for item in [1] { let total = 1 }
    let a = length(totl)
    let b = length(orders)
    let c = length(order)`);
    expect(checkSource(source).codes).toEqual([]);
  });
});

describe("bindings", () => {
  it("reports reserved names, duplicates in one block and store shadowing", () => {
    const source = mission(`
    get "/a"
    store response -> rows { key: .id }
    let v = 1
    let v = 2
    for rows in [1] { let v = 3 }
    let f = map([1], response => 1)`);
    expect(checkSource(source).codes).toEqual(["duplicate-binding@8:9", "shadows-store@9:9", "reserved-name@10:22"]);
    const shadow = mission(`get "/a"\n    store response -> rows { key: .id }\n    for rows in [1] { continue }`);
    expect(checkSource(shadow).codes).toEqual(["shadows-store@6:9"]);
  });

  it("map rebinding in the same block is not a duplicate", () => {
    const source = mission(`let v = { a: 1 }\n    map v -> V { b: .a }\n    store v -> out { key: "k" }`);
    expect(checkSource(source).codes).toEqual([]);
  });

  it("a pattern identifier naming a schema is a test, not a binding", () => {
    const source = mission(`get "/a"\n    match response { [Job] -> continue, job -> continue }`, `schema Job { id: string }`);
    const analysis = analyzed(source);
    expect([...analysis.patternBindings].map((n) => n.name)).toEqual(["job"]);
  });
});

describe("calls and types", () => {
  it("checks arity of calls, pipes and method calls with the receiver counted", () => {
    const source = mission(`
    get "/a"
    let a = response | join(",", 1)
    let b = response.first(1)
    let c = substring("abc", 1)
    let d = response is money`);
    expect(checkSource(source).diagnostics.map((d) => d.message)).toEqual([
      "'join' expects 1 to 2 argument(s) (got 3)",
      "'first' expects 1 argument(s) (got 2)",
      "unknown type 'money'",
    ]);
  });

  it("checks the parameter count of lambdas given for element parameters", () => {
    const source = mission(`
    let a = reduce([1], (acc, x) => acc + x, 0)
    let b = reduce([1], x => x, 0)
    let c = map([1], (x, i) => x)
    let d = sum([1], x => x)`);
    expect(checkSource(source).diagnostics.map((d) => d.message)).toEqual([
      "'reduce' expects a lambda with 2 parameter(s) (got 1)",
      "'map' expects a lambda with 1 parameter(s) (got 2)",
    ]);
  });
});

describe("path interpolation", () => {
  it("resolves `{name}` in a string-literal path like a bare name", () => {
    const source = mission(`for u in users { get "/users/{u.id}/orgs/{org}" }\n    get "/x/{nowt}"\n    store response -> out { key: .id }`);
    const result = checkSource(source);
    const stores = [...result.analysis!.stores.values()].filter((s) => s.input).map((s) => s.name);
    expect(stores).toEqual(["users", "org", "nowt"]);
    expect(checkSource(mission(`get "/at/{now}"`)).codes).toEqual(["function-as-value@4:11"]);
  });
});

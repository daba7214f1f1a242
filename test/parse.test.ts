// Grammar tests: accept/reject tables (reject cases pin the message and line:col), AST shapes
// for precedence and for the ambiguities the parser resolves, and the generated grammar module.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type {
  ActionDecl, Expr, File, HttpStep, MatchExpr, Mission, OptionEntry, OptionValue, Pattern, Step,
} from "../compiler/parse/ast.ts";
import { parse } from "../compiler/parse/index.ts";
import { readGrammarText, renderGrammarModule } from "../scripts/gen-grammar.mjs";

// ---------------------------------------------------------------- helpers

/** Wraps steps into an action of a mission (with sources Shop and Depot declared). */
const inAction = (steps: string) =>
  `mission M {\n  source Shop { base: "https://s.test" }\n  source Depot { base: "https://d.test" }\n  action A {\n    ${steps}\n  }\n  run A\n}\n`;

function parseOk(source: string): File {
  const result = parse(source);
  expect(result.diagnostics, JSON.stringify(result.diagnostics)).toEqual([]);
  return result.file!;
}

function stepsOf(source: string): Step[] {
  const mission = parseOk(source).missions[0];
  const action = mission.declarations.find((d): d is ActionDecl => d.kind === "ActionDecl")!;
  return action.body.steps;
}

const firstStep = (steps: string) => stepsOf(inAction(steps))[0];

/** The expression of `let x = EXPR`, printed as an s-expression. */
function expr(text: string): string {
  const step = firstStep(`let x = ${text}`);
  if (step.kind !== "LetStep") throw new Error(step.kind);
  return show(step.value);
}

/** Compact s-expression form of an expression or pattern, so precedence reads at a glance. */
function show(node: Expr | Pattern | OptionValue): string {
  switch (node.kind) {
    case "NullLit": return "null";
    case "BoolLit": return String(node.value);
    case "NumberLit": return String(node.value);
    case "StringLit": return JSON.stringify(node.value);
    case "Ident": return node.name;
    case "SubjectPath": return `.${node.field}`;
    case "Member": return `(. ${show(node.object)} ${node.field})`;
    case "Index": return `([] ${show(node.object)} ${show(node.index)})`;
    case "Call": return `(${[node.callee.name, ...node.args.map(show)].join(" ")})`;
    case "MethodCall": return `(.${node.callee.name} ${[node.receiver, ...node.args].map(show).join(" ")})`;
    case "Unary": return `(${node.op} ${show(node.operand)})`;
    case "Binary": case "Logical": return `(${node.op} ${show(node.left)} ${show(node.right)})`;
    case "Conditional": return `(? ${show(node.test)} ${show(node.then)} ${show(node.else)})`;
    case "IfExpr": return `(if ${show(node.test)} ${show(node.then)} ${show(node.else)})`;
    case "Filter": return `(where ${show(node.value)} ${show(node.test)})`;
    case "Pipe": return `(| ${[show(node.value), node.callee.name, ...node.args.map(show)].join(" ")})`;
    case "IsType": return `(is ${show(node.value)} ${node.type.name})`;
    case "Holds": return `(holds ${show(node.test)})`;
    case "Lambda": return `(=> (${node.params.map((p) => p.name).join(" ")}) ${show(node.body)})`;
    case "ArrayLit": return `[${node.items.map((i) => (i.kind === "Spread" ? `...${show(i.value)}` : show(i))).join(" ")}]`;
    case "ObjectLit": return `{${node.entries.map((e) => (e.kind === "Spread" ? `...${show(e.value)}` : `${e.key}: ${show(e.value)}`)).join(", ")}}`;
    case "MatchExpr": return showMatch(node);
    case "Wildcard": return "_";
    case "LiteralPattern": return `=${JSON.stringify(node.value)}`;
    case "BindPattern": return `$${node.name.name}`;
    case "ArrayPattern": return `[${node.elements.map(show).join(" ")}]`;
    case "ObjectPattern": return `{${node.fields.map((f) => `${f.key}: ${show(f.pattern)}`).join(", ")}}`;
    case "OptionBlock": return `<${node.entries.map((e) => `${e.name.name}: ${show(e.value)}`).join(", ")}>`;
    case "Pagination": return `${node.style}(${node.param.name}, ${node.size}${node.cursorPath ? `, ${node.cursorPath.join(".")}` : ""})`;
    case "LastSync": return `lastSync(${node.key?.value ?? ""})<${node.options.map((e) => `${e.name.name}: ${show(e.value)}`).join(", ")}>`;
  }
}

function showMatch(node: MatchExpr): string {
  const arms = node.arms.map((a) => `${show(a.test)}${a.guard ? ` if ${show(a.guard)}` : ""} => ${show(a.value)}`);
  return `(match${node.target ? ` ${show(node.target)}` : ""} ${arms.join("; ")})`;
}

function options(entries: OptionEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.name.name, show(e.value)]));
}

/** `line:col` (1-based) of an offset. */
function lineCol(source: string, offset: number): string {
  const before = source.slice(0, offset);
  return `${before.split("\n").length}:${offset - before.lastIndexOf("\n")}`;
}

// ---------------------------------------------------------------- accept table

const CATALOG = `// A complete tier-1 mission
mission CatalogRefresh {
  maxConcurrency: 2

  source Shop  { auth: bearer, base: "https://shop.example.test/api" }
  source Depot { auth: none,   base: "https://depot.example.test" }

  action ListProducts {
    get Shop "/products" { params: { active: true } }
    store response -> products { key: .sku }
  }

  action LoadLevels {
    concurrency: 4
    for p in products parallel {
      get Depot concat("/levels/", p.sku)
      store response -> levels { key: p.sku }
    }
  }

  action LoadPrices {
    get Shop "/prices"
    store response -> prices { key: .sku }
  }

  action Publish {
    match {
      length(errors) > 0 and length(levels) == 0 -> abort "no stock data",
      _ -> continue
    }
    for p in products {
      map p -> Listing { ...p, onHand: levels[p.sku].available, price: prices[p.sku].amount }
      store p -> listings { key: .sku }
    }
  }

  run ListProducts then [LoadLevels, LoadPrices] then Publish
}
`;

const MULTI_SOURCE = `mission MultiSourceSync {
  source Xero { auth: oauth2, base: "https://api.xero.com" }
  source QuickBooks { auth: oauth2, base: "https://quickbooks.api.com" }
  source Stripe { auth: bearer, base: "https://api.stripe.com" }

  action FetchXero {
    get Xero "/invoices"
    store response -> xeroInvoices { key: .InvoiceID }
  }

  action FetchQuickBooks {
    get QuickBooks "/invoices"
    store response -> qbInvoices { key: .Id }
  }

  action FetchStripe {
    get Stripe "/invoices"
    store response -> stripeInvoices { key: .id }
  }

  action Reconcile {
    // All invoices are now available
    for xero in xeroInvoices {
      // Cross-reference with other sources
    }
  }

  // Fetch all in parallel, then reconcile
  run [FetchXero, FetchQuickBooks, FetchStripe] then Reconcile
}`;

const FAN_OUT = `mission FanOutFanIn {
  action FetchMaster {
    get "/items"
    store response -> items { key: .id }
  }

  action EnrichWithPricing {
    for item in items {
      get "/pricing" { params: { itemId: item.id } }
      store response -> pricing { key: item.id }
    }
  }

  action Combine {
    for item in items {
      map item -> EnrichedItem {
        ...item,
        price: pricing[item.id].price,
        stock: inventory[item.id].quantity
      }
      store item -> enrichedItems { key: .id }
    }
  }

  run FetchMaster then [EnrichWithPricing] then Combine
}`;

const SEED_FRAGMENTS = `mission Seeds {
  maxConcurrency: 3
  parallelMode: "fail-fast"

  action FetchWithLimit {
    concurrency: 5  // Max 5 concurrent requests within this action

    for item in items parallel {
      get concat("/items/", item.id)
    }
  }

  action Merge {
    // Check which sources succeeded
    match {
      length(dataA) > 0 and length(dataB) > 0 -> {
        // Full merge
      },
      length(dataA) > 0 -> {
        // Partial merge - only A available
      },
      _ -> abort "No data available"
    }
    match {
      length(errors) > 0 -> {
        store { errors: errors, partial: true } -> mergeLog
        // Continue with available data
      },
      _ -> continue
    }
  }

  action ParallelA {
    get "/a"
    store response -> shared { key: concat("a-", .id) }
  }

  action ParallelB {
    get "/b"
    store response -> shared { key: concat(source, "-", .id) }
  }

  run [A, B, C, D, E] then Finish
  run [FetchOrders, FetchOrderItems, FetchOrderPayments] then ProcessOrders
  run Fetch then Process then Export
}`;

const ACCEPT: [string, string][] = [
  ["catalog mission (§2)", CATALOG],
  ["seed: multi-source", MULTI_SOURCE],
  ["seed: fan-out fan-in", FAN_OUT],
  ["seed: fragments", SEED_FRAGMENTS],
  ["seed: standalone action at top level", `action ParallelA {\n  // Sets its own 'response'\n  get "/a"\n}`],
  ["empty mission", "mission M {}"],
  ["empty file", ""],
  ["only comments", "// nothing\n/* at all */"],
  ["source with env base (§4)", `mission M { source Public { base: env("PUBLIC_API_URL") } run A }`],
  ["request with source and options (§8)", inAction(`get Shop concat("/accounts/", acct.id, "/invoices") { params: { status: "open", limit: 50 } }`)],
  ["store forms (§10)", inAction(`store { checkedAt: now(), failures: length(errors) } -> audit { key: "last" }\n store response.items -> rows`)],
  ["for parallel (§11)", inAction(`for c in customers parallel {\n get concat("/customers/", c.id, "/notes")\n store response -> notes { key: .noteId } }`)],
  ["map with arithmetic (§12)", inAction(`for o in orders {\n map o -> Shipment { ...o, carrier: carriers[o.carrierId].name, weightKg: .grams / 1000 }\n store o -> shipments { key: .id } }`)],
  ["let with pipe (§17)", inAction(`let cutoff = addDays(now(), -30)\n let stale = accounts | filter(.lastSeen < cutoff)`)],
  ["match expression in map (§19.5)", inAction(`map t -> Ticket {\n id: .id,\n level: match .priority { 1 => "urgent", 2 => "high", p where p > 2 => "normal", _ => "unknown" },\n late: if .dueAt < now() then true else false\n }`)],
  ["target match with schema patterns (§22)", `mission M {
  schema Job { jobId: string, state: string? }
  action A {
    get "/jobs"
    match response {
      [] -> skip,
      [Job] -> store response -> jobs { key: .jobId },
      { error: reason } where reason != "busy" -> abort reason,
      _ -> abort "unexpected jobs payload"
    }
  }
  run A
}`],
  ["pagination (§24.3)", inAction(`get "/tickets" {\n params: { per_page: 100 },\n paginate: page(page, 100),\n until: response.meta.last == true or page >= 20\n }\n for t in response.tickets { store t -> tickets { key: .id } }`)],
  ["guarded request (§24.6)", inAction(`for u in staff {
  get concat("/users/", u.id)
  match response {
    { code: 404 } -> skip,
    { code: 429 } -> retry { maxAttempts: 5, backoff: linear, initialDelay: 2000 },
    { code: c } where c >= 500 -> queue failedUsers { item: { id: u.id, status: c } },
    { error: e } -> abort e,
    _ -> store response -> users { key: .id }
  }
}`)],
  ["validate (§28)", inAction(`for inv in response.invoices {\n validate inv { assume .total >= 0, assume .currency is string, assume length(.lines) > 0 }\n match inv { { currency: null } -> skip, _ -> store inv -> invoices { key: .id } } }`)],
  ["store declarations (§27)", `mission M { store cache: file("cache") store mem: memory store m2: memory() store pg: postgrest("rows") run A }`],
  ["schema with every field form", `schema Order { id: string, total: number?, lines: array<Line>, tags: array, meta: { source: string, at: date? }, ...Base, nothing: null, and: int }`],
  ["source from OpenAPI (tier 3)", `mission M { source Pets from "petstore.yaml" { auth: bearer } action A { call Pets.listPets { params: { limit: 10 } } } run A }`],
  ["schedules (tier 3)", `mission M {\n schedule: every 5 minutes { timezone: "UTC", skipIfRunning: true }\n schedule: cron "0 * * * *"\n schedule: at "2030-01-01T00:00:00Z"\n run A }`],
  ["wait (tier 3)", inAction(`wait { path: "/hook", timeout: 300000, expectedEvents: 2, eventFilter: .type == "done", storage: { target: hooks, key: .id } }`)],
  ["directives (§14, §23)", inAction(`match response { { code: 401 } -> jump Refresh then retry, { code: 409 } -> jump Fix then continue, { code: 1 } -> jump Other, _ -> skip }\n retry\n continue\n run Other\n clear rows\n delete rows["k"]\n queue dead`)],
  ["upper-case methods", inAction(`GET "/a"\n POST "/b" { body: { a: 1 } }\n PUT Shop "/c"\n PATCH "/d"\n DELETE "/e"`)],
  ["contextual words as names", inAction(`let source = "a"\n store source -> store\n let get = response.store\n let m = { and: 1, or: 2, match: .for, "odd key": 3 }\n for in in map { skip }`)],
  ["trailing commas and optional separators", `mission M { maxConcurrency: 2, action A { let a = [1, 2,], let o = { a: 1, }, let c = f(a, b,), } run [A, B,] }`],
  ["comments everywhere", `mission /* c */ M { // c\n action A { get /* c */ "/x" // c\n } run A /* c */ }`],
  ["numbers and strings", inAction(`let a = 1_000_000\n let b = 3.14\n let c = 'single \\' quote'\n let d = "esc \\n \\t \\u00e9 \\q"`)],
  ["several missions and top-level declarations", `source S { base: "x" }\n mission A { run X }\n mission B { run Y }\n schema T { a: int }`],
  ["several pipelines", `mission M { run A  run B then C }`],
  ["pipeline across lines (§6)", `mission M {\n run [A, B]\n then C\n then [D]\n }`],
  ["empty parallel group is for the checker", `mission M { run [] }`],
  ["binding `_` is for the checker (reserved-name, §16)", inAction(`let _ = 1\n for _ in xs { skip }`)],
  ["a quoted store kind (§1 word values)", `mission M { store a: "file"("t") store b: 'memory' run A }`],
  ["lambdas as arguments (§19.4)", inAction(`let t = reduce(xs, (acc, x) => acc + x.n, 0)\n let m = map(xs, x => x * 2)\n let e = f(() => 1)`)],
  ["abort forms (§14)", inAction(`abort\n abort "x"\n abort concat("a", "b")\n abort /* why */ "x"`)],
  ["match step arm bodies", inAction(`match { a -> { skip }, b -> get "/x" { params: {} }, _ -> store response -> s }`)],
  ["since forms (§24.5)", inAction(`get "/a" { since: lastSync }\n get "/b" { since: lastSync("k"), sinceParam: "updated" }\n get "/c" { since: lastSync { param: "s", format: unix } }\n get "/d" { since: now() }`)],
  ["request retry and timeout options", inAction(`get Shop "/x" { retry: { maxAttempts: 3, backoff: exponential }, timeout: 5000, headers: { "X-Trace": "1" } }`)],
  ["source options (§25)", `mission M { source S { auth: api_key, base: "https://s", rateLimit: { requestsPerMinute: 60, strategy: pause }, circuitBreaker: { failureThreshold: 5 }, oauth: { tokenUrl: "https://t", scopes: ["read"] }, headers: { Accept: "x" } } run A }`],
];

describe("accepts", () => {
  it.each(ACCEPT)("%s", (_name, source) => {
    const result = parse(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.file?.kind).toBe("File");
  });
});

// ---------------------------------------------------------------- reject table

const REJECT: [string, string, string, string][] = [
  // [name, source, line:col, message]
  ["=> in a match step", inAction(`match { a > 1 => skip }`), "5:19", `expected "->", found "=>"`],
  ["=> in a target match step", inAction(`match x { 1 => skip }`), "5:17", `expected "->", found "=>"`],
  ["-> in a match expression", inAction(`let v = match y { 1 -> "a" }`), "5:25", `expected "=>", found "->"`],
  ["-> in a condition match expression", inAction(`let v = match { y -> "a" }`), "5:23", `expected "=>", found "->"`],
  ["missing expression", inAction(`let x =`), "6:3", `expected an expression, found "}"`],
  ["dangling operator", inAction(`let x = 1 +`), "6:3", `expected an expression, found "}"`],
  ["wildcard as a value", inAction(`let x = _`), "5:13", `expected an expression, found "_"`],
  ["reserved word as a name", inAction(`let true = 1`), "5:9", `expected an identifier or ":", found "true"`],
  ["reserved word as an action", `mission M { action match { } }`, "1:20", `expected ":" or an identifier, found "match"`],
  ["lambda outside arguments", inAction(`let f = x => x`), "5:15", `expected "}", a step or an option, found "=>"`],
  ["call of a call", inAction(`let x = a(b)(c)`), "5:17", `expected "}", found "("`],
  ["leading-dot number", inAction(`let x = .5`), "5:14", `expected a field name, found "5"`],
  ["exponent (e5 reads as an option name)", inAction(`let x = 1e5`), "6:3", `expected ":", found "}"`],
  ["missing comma in arguments", inAction(`let x = f(a b)`), "5:17", `expected ")", found "b"`],
  ["missing comma in an object", inAction(`let x = { a: 1 b: 2 }`), "5:20", `expected "}", found "b"`],
  ["double comma in an array", inAction(`let x = [1,, 2]`), "5:16", `expected "]", found ","`],
  ["if without else", inAction(`let x = if a then b`), "6:3", `expected "else", found "}"`],
  ["store without target", inAction(`store response -> { key: .id }`), "5:23", `expected an identifier, found "{"`],
  ["unclosed block", `mission M { action A { get "/x" }`, "1:34", `expected "}", found end of file`],
  ["unclosed group", `mission M { run [A, B }`, "1:23", `expected "]", found "}"`],
  ["group without comma", `mission M { run [A B] }`, "1:20", `expected "]", found "B"`],
  ["mission without name", `mission { }`, "1:9", `expected an identifier, found "{"`],
  ["pipeline outside the mission", `action A { get "/x" }\nrun A`, "2:1", `expected "action", "schema", "store", "source" or "mission", found "run"`],
  ["validate without assume", inAction(`validate response { .a > 1 }`), "5:25", `expected "}" or "assume", found "."`],
  ["stray character", inAction(`let x = 1 # 2`), "5:15", `expected "}", a step or an option, found "#"`],
  ["unterminated comment", `mission M { /* open`, "1:13", `expected "}", an option or a declaration, found "/"`],
];

describe("rejects", () => {
  it.each(REJECT)("%s", (_name, source, at, message) => {
    const result = parse(source);
    expect(result.file).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect({ code: d.code, severity: d.severity, at: lineCol(source, d.span.start), message: d.message })
      .toEqual({ code: "syntax", severity: "error", at, message });
  });

  it("reports an unterminated string at its start", () => {
    const source = inAction(`let x = "abc\n let y = 1`);
    const [d] = parse(source).diagnostics;
    expect(d).toMatchObject({ code: "unterminated-string", severity: "error", message: "unterminated string" });
    expect(lineCol(source, d.span.start)).toBe("5:13");
    expect(source.slice(d.span.start, d.span.end)).toBe(`"abc`);
  });

  it("treats a backslash before a line break as unterminated, quotes in comments as comments", () => {
    expect(parse(`mission M { let: 'a\\\n' }`).diagnostics[0].code).toBe("unterminated-string");
    expect(parse(`mission M { // it's\n /* "x */ run A }`).diagnostics).toEqual([]);
  });
});

// ---------------------------------------------------------------- precedence (§19.1)

describe("precedence", () => {
  const table: [string, string][] = [
    ["not a == b", "(not (== a b))"],
    ["not a and b", "(and (not a) b)"],
    ["-x.y", "(- (. x y))"],
    ["-1 * 2", "(* (- 1) 2)"],
    ["a | f where c", "(where (| a f) c)"],
    ["a | f(1) | g(x, 2)", "(| (| a f 1) g x 2)"],
    ["a + b * c - d % e", "(- (+ a (* b c)) (% d e))"],
    ["a or b and c or d", "(or (or a (and b c)) d)"],
    ["a ? b : c ? d : e", "(? a b (? c d e))"],
    ["a or b ? c + 1 : d", "(? (or a b) (+ c 1) d)"],
    ["a ? b : c | f", "(| (? a b c) f)"],
    ["x in xs and y contains z", "(and (in x xs) (contains y z))"],
    ["a startsWith b == c endsWith d", "(endsWith (== (startsWith a b) c) d)"],
    [".a is string", "(is .a string)"],
    ["a + 1 is int and b is null", "(and (is (+ a 1) int) (is b null))"],
    ["a < b == c >= d", "(>= (== (< a b) c) d)"],
    ["if a then b else if c then d else e", "(if a b (if c d e))"],
    ["if a > 1 then b or c else d ? e : f", "(if (> a 1) (or b c) (? d e f))"],
    ["if a then b else c | f", "(| (if a b c) f)"],
    ["products where .status == \"active\" and .qty > 0", `(where products (and (== .status "active") (> .qty 0)))`],
    ["a where b where c", "(where (where a b) c)"],
    ["length(reviews where .rating == 5)", "(length (where reviews (== .rating 5)))"],
    ["items.map(.qty).join(\", \")", `(.join (.map items .qty) ", ")`],
    [".lines[0].qty", "(. ([] .lines 0) qty)"],
    ["prices[p.sku].amount", "(. ([] prices (. p sku)) amount)"],
    ["f(x)[0].y", "(. ([] (f x) 0) y)"],
    ["(a + b) * c", "(* (+ a b) c)"],
    ["- - a", "(- (- a))"],
    ["+a - -b", "(- (+ a) (- b))"],
    ["a.match.if", "(. (. a match) if)"],
    ["reduce(xs, (acc, x) => acc + x, 0)", "(reduce xs (=> (acc x) (+ acc x)) 0)"],
    ["map(xs, x => x.a where x.b)", "(map xs (=> (x) (where (. x a) (. x b))))"],
    ["[1, ...xs, \"s\"]", `[1 ...xs "s"]`],
    ["{ ...o, and: 1, \"odd key\": null }", "{...o, and: 1, odd key: null}"],
    ["match .p { 1 => \"a\", -2 => \"b\", p where p > 2 => p, _ => null }", `(match .p =1 => "a"; =-2 => "b"; $p if (> p 2) => p; _ => null)`],
    ["match { .a > 1 => \"big\", _ => \"small\" }", `(match (> .a 1) => "big"; _ => "small")`],
    ["match x { [a, {k: v}] => v, [] => 0 }", "(match x [$a {k: $v}] => v; [] => 0)"],
    ["1_000_000 + 2.5", "(+ 1000000 2.5)"],
    ["\"a\\n\\t\\\"\\u0041\\q\" + 'it\\'s'", `(+ "a\\n\\t\\"Aq" "it's")`],
    ["true and false or null", "(or (and true false) null)"],
  ];
  it.each(table)("%s", (text, expected) => {
    expect(expr(text)).toBe(expected);
  });

  it("marks integers and keeps spans over whole operations", () => {
    const source = inAction("let x = a + b * 2.0");
    const step = stepsOf(source)[0];
    if (step.kind !== "LetStep" || step.value.kind !== "Binary") throw new Error("shape");
    expect(source.slice(step.value.span.start, step.value.span.end)).toBe("a + b * 2.0");
    expect(step.value.right.kind === "Binary" && step.value.right.right).toMatchObject({ kind: "NumberLit", value: 2, integer: false });
    expect(source.slice(step.span.start, step.span.end)).toBe("let x = a + b * 2.0");
    expect(source.slice(step.name.span.start, step.name.span.end)).toBe("x");
  });
});

// ---------------------------------------------------------------- ambiguities

describe("HTTP step source", () => {
  it("takes a declared source name as the source", () => {
    const step = firstStep(`get Shop "/x"`) as HttpStep;
    expect(step).toMatchObject({ kind: "HttpStep", method: "GET", source: { name: "Shop" } });
    expect(show(step.path)).toBe(`"/x"`);
  });

  it("takes any other word as the start of the path expression", () => {
    const step = firstStep(`get url { params: { a: 1 } }`) as HttpStep;
    expect(step.source).toBeUndefined();
    expect(show(step.path)).toBe("url");
    expect(options(step.options)).toEqual({ params: "{a: 1}" });
    expect(step.optionsSpan).toBeDefined();
  });

  it("does not mistake a longer word starting with a source name", () => {
    const step = firstStep(`get Shopping`) as HttpStep;
    expect(step.source).toBeUndefined();
    expect(show(step.path)).toBe("Shopping");
  });

  it("without declared sources, never reads a source", () => {
    const step = stepsOf(`mission M { action A { get base + "/x" } }`)[0] as HttpStep;
    expect(step.source).toBeUndefined();
    expect(show(step.path)).toBe(`(+ base "/x")`);
  });

  it("sees sources declared at top level or after use, but not in comments or strings", () => {
    const src = `mission M { action A { get Late "/x" } }\nsource Late { base: "u" }`;
    expect((stepsOf(src)[0] as HttpStep).source?.name).toBe("Late");
    const commented = `mission M { // source Fake { }\n greeting: "source Str {"\n action A { get Fake } }`;
    expect(parse(commented).diagnostics).toEqual([]);
  });
});

describe("delete", () => {
  it("delete NAME[expr] is a DeleteStep", () => {
    expect(firstStep(`delete rows[k.id]`)).toMatchObject({ kind: "DeleteStep", store: { name: "rows" }, key: { kind: "Member", field: "id" } });
  });
  it("other deletes are HTTP DELETEs", () => {
    expect(firstStep(`delete "/x"`)).toMatchObject({ kind: "HttpStep", method: "DELETE" });
    expect(firstStep(`delete Shop "/x"`)).toMatchObject({ kind: "HttpStep", method: "DELETE", source: { name: "Shop" } });
    expect(firstStep(`delete rows[k] { headers: {} }`)).toMatchObject({ kind: "HttpStep", method: "DELETE" });
    expect(firstStep(`delete rows[k].x`)).toMatchObject({ kind: "HttpStep", method: "DELETE" });
    expect(firstStep(`DELETE url`)).toMatchObject({ kind: "HttpStep", method: "DELETE" });
  });
});

describe("abort message on the same line (§14)", () => {
  it("abort then a line break then store is two steps", () => {
    const steps = stepsOf(inAction(`abort\n    store response -> s`));
    expect(steps.map((s) => s.kind)).toEqual(["AbortStep", "StoreStep"]);
    expect(steps[0]).not.toHaveProperty("message");
  });
  it("a line comment after abort ends the line too", () => {
    const steps = stepsOf(inAction(`abort // give up\n    let y = 1`));
    expect(steps.map((s) => s.kind)).toEqual(["AbortStep", "LetStep"]);
    expect(steps[0]).not.toHaveProperty("message");
  });
  it("a message on the same line belongs to abort", () => {
    const step = firstStep(`abort /* c */ concat("a",\n "b")`);
    expect(step.kind === "AbortStep" && step.message && show(step.message)).toBe(`(concat "a" "b")`);
  });
});

describe("contextual words and match forms", () => {
  it("let source, .store and keyword keys stay names", () => {
    const steps = stepsOf(inAction(`let source = "a"\n store source -> out\n let v = response.store\n let o = { and: 1 }`));
    expect(steps.map((s) => s.kind)).toEqual(["LetStep", "StoreStep", "LetStep", "LetStep"]);
    expect(steps[1]).toMatchObject({ value: { kind: "Ident", name: "source" }, store: { name: "out" } });
  });

  it("match at step start is a match step, elsewhere an expression", () => {
    const [step, letStep] = stepsOf(inAction(`match x { 1 -> skip, v where v > 2 -> continue }\n let m = match x { 1 => 2 }`));
    expect(step).toMatchObject({ kind: "MatchStep", target: { name: "x" } });
    if (step.kind !== "MatchStep") throw new Error();
    expect(step.arms.map((a) => show(a.test as Pattern))).toEqual(["=1", "$v"]);
    expect(step.arms[1].guard && show(step.arms[1].guard)).toBe("(> v 2)");
    expect(letStep).toMatchObject({ kind: "LetStep", value: { kind: "MatchExpr" } });
  });

  it("condition-form arms hold expressions and the wildcard; bodies are blocks or steps", () => {
    const step = firstStep(`match { a -> { skip }, _ -> abort "x" }`);
    if (step.kind !== "MatchStep") throw new Error();
    expect(step.target).toBeUndefined();
    expect(step.arms.map((a) => [a.test.kind, a.body.kind])).toEqual([["Ident", "Block"], ["Wildcard", "AbortStep"]]);
  });

  it("object and array patterns", () => {
    const step = firstStep(`match r { { "x-y": v, code: 404 } -> skip, [Job] -> skip, null -> skip, -3 -> skip }`);
    if (step.kind !== "MatchStep") throw new Error();
    expect(step.arms.map((a) => show(a.test as Pattern))).toEqual(["{x-y: $v, code: =404}", "[$Job]", "=null", "=-3"]);
  });

  it("for keeps its own where and parallel", () => {
    const step = firstStep(`for x in xs where .a > 1 and x.b parallel { skip }`);
    expect(step).toMatchObject({ kind: "ForStep", variable: { name: "x" }, collection: { kind: "Ident" }, parallel: true });
    if (step.kind !== "ForStep") throw new Error();
    expect(show(step.where!)).toBe("(and (> .a 1) (. x b))");
    const filtered = firstStep(`for x in (xs where .a) { skip }`);
    expect(filtered.kind === "ForStep" && show(filtered.collection)).toBe("(where xs .a)");
    expect(filtered).toMatchObject({ parallel: false });
  });

  it("keeps the exact text of each assumption", () => {
    const step = firstStep(`validate inv {\n assume   .total >= 0 ,  assume length(.lines)>0 }`);
    expect(step.kind === "ValidateStep" && step.assumes.map((a) => a.text)).toEqual([".total >= 0", "length(.lines)>0"]);
    expect(step).toMatchObject({ target: { kind: "Ident", name: "inv" } });
    expect(firstStep(`validate { assume true }`)).not.toHaveProperty("target");
  });

  it("jump, run, queue, retry and clear carry their names and options", () => {
    const steps = stepsOf(inAction(`jump Refresh then retry\n run Other\n queue dead { item: response, key: .id }\n retry { maxAttempts: 2 }\n clear rows`));
    expect(steps[0]).toMatchObject({ kind: "JumpStep", action: { name: "Refresh" }, then: "retry" });
    expect(steps[1]).toMatchObject({ kind: "RunStep", action: { name: "Other" } });
    expect(steps[2].kind === "QueueStep" && options(steps[2].options)).toEqual({ item: "response", key: ".id" });
    expect(steps[3].kind === "RetryStep" && options(steps[3].options)).toEqual({ maxAttempts: "2" });
    expect(steps[4]).toMatchObject({ kind: "ClearStep", store: { name: "rows" } });
  });
});

describe("options", () => {
  it("classifies option values by name and shape", () => {
    const step = firstStep(`get "/x" {
      params: { a: 1 }, headers: { "X-A": "b" }, body: {}, retry: { maxAttempts: 3 },
      paginate: cursor("c", 50, .meta.next), until: .done, since: lastSync { param: "s", format: unix },
      odd: { "a b": 1 }, timeout: 10
    }`) as HttpStep;
    expect(options(step.options)).toEqual({
      params: "{a: 1}", headers: "{X-A: \"b\"}", body: "{}", retry: "<maxAttempts: 3>",
      paginate: "cursor(c, 50, meta.next)", until: ".done", since: "lastSync()<param: \"s\", format: unix>",
      odd: "{a b: 1}", timeout: "10",
    });
  });

  it("parses every pagination and since form", () => {
    const step = firstStep(`get "/x" { paginate: offset(skip, 1_00), since: lastSync("k") }`) as HttpStep;
    expect(options(step.options)).toEqual({ paginate: "offset(skip, 100)", since: "lastSync(k)<>" });
    expect((firstStep(`get "/x" { paginate: page("p", 5) }`) as HttpStep).options[0].value).toMatchObject({ style: "page", param: { name: "p" }, size: 5 });
    expect(options((firstStep(`get "/x" { paginate: cursor(c, 5, "a.b"), since: now() }`) as HttpStep).options))
      .toEqual({ paginate: "cursor(c, 5, a.b)", since: "(now)" });
  });

  it("nests option blocks in sources and keeps mission options, schedules and pipelines apart", () => {
    const mission: Mission = parseOk(`mission M {
      maxConcurrency: 2
      schedule: every 1_0 minutes { timezone: "UTC" }
      source S { base: "u", rateLimit: { requestsPerMinute: 60, strategy: "pause" } }
      run A then [B, C]
      run D
    }`).missions[0];
    expect(options(mission.options)).toEqual({ maxConcurrency: "2" });
    expect(mission.schedules).toMatchObject([{ kind: "Schedule", form: "every", text: "10 minutes" }]);
    const source = mission.declarations[0];
    expect(source.kind === "SourceDecl" && options(source.options)).toEqual({ base: `"u"`, rateLimit: `<requestsPerMinute: 60, strategy: "pause">` });
    expect(mission.pipelines.map((p) => p.stages.map((s) => `${s.parallel ? "[" : ""}${s.actions.map((a) => a.name).join(",")}`)))
      .toEqual([["A", "[B,C"], ["D"]]);
  });

  it("splits action option lines from steps", () => {
    const file = parseOk(`mission M { action A { concurrency: 4\n get "/x"\n other: true } }`);
    const action = file.missions[0].declarations[0] as ActionDecl;
    expect(options(action.options)).toEqual({ concurrency: "4", other: "true" });
    expect(action.body.steps.map((s) => s.kind)).toEqual(["HttpStep"]);
  });
});

describe("files and declarations", () => {
  it("collects missions and top-level declarations", () => {
    const file = parseOk(`source S { base: "x" }\nmission A { run X }\naction T { skip }\nmission B { }`);
    expect(file.missions.map((m) => m.name.name)).toEqual(["A", "B"]);
    expect(file.topLevel.map((d) => d.kind)).toEqual(["SourceDecl", "ActionDecl"]);
  });

  it("builds schemas, store declarations and OpenAPI sources", () => {
    const file = parseOk(`schema S { a: string?, b: array<T>, c: { d: int }, ...Base, e: null }
      store cache: file("c") store m: memory()
      source P from "pets.yaml" { auth: bearer }`);
    const [schema, cache, mem, pets] = file.topLevel;
    expect(schema).toMatchObject({ kind: "SchemaDecl", fields: [
      { kind: "SchemaField", name: { name: "a" }, optional: true, type: { kind: "NamedType", name: { name: "string" } } },
      { kind: "SchemaField", type: { kind: "NamedType", name: { name: "array" }, element: { name: { name: "T" } } } },
      { kind: "SchemaField", type: { kind: "ShapeType", fields: [{ name: { name: "d" } }] } },
      { kind: "SchemaSpread", schema: { name: "Base" } },
      { kind: "SchemaField", type: { name: { name: "null" } } },
    ] });
    expect(cache).toMatchObject({ kind: "StoreDecl", storeKind: { name: "file" }, target: { value: "c" } });
    expect(mem).toMatchObject({ kind: "StoreDecl", storeKind: { name: "memory" } });
    expect(mem).not.toHaveProperty("target");
    expect(pets).toMatchObject({ kind: "SourceDecl", from: { value: "pets.yaml" } });
  });

  it("parses tier-3 steps", () => {
    const [call, wait] = stepsOf(`mission M { source P from "p.yaml" { } action A { call P.listPets { params: {} }\n wait { path: "/h" } } }`);
    expect(call).toMatchObject({ kind: "CallStep", source: { name: "P" }, operation: { name: "listPets" } });
    expect(wait.kind === "WaitStep" && options(wait.options)).toEqual({ path: `"/h"` });
  });
});

// ---------------------------------------------------------------- grammar module

describe("generated grammar module", () => {
  it("is in sync with reqon.ohm (run node scripts/gen-grammar.mjs)", () => {
    const committed = readFileSync(new URL("../compiler/parse/reqon-grammar.ts", import.meta.url), "utf8");
    expect(committed).toBe(renderGrammarModule(readGrammarText()));
  });
});

describe("undeclared source names", () => {
  it("reads `get Name \"/path\"` as a request naming a source, for the checker to report", () => {
    const { file, diagnostics } = parse(`mission M {\n  action A { get Billing "/x" }\n  run A\n}`);
    expect(diagnostics).toEqual([]);
    const step = file!.missions[0]!.declarations[0]!;
    expect(step.kind === "ActionDecl" && step.body.steps[0]).toMatchObject({ kind: "HttpStep", source: { name: "Billing" } });
  });
});

describe("byte-order mark", () => {
  it("reads a leading UTF-8 BOM as white space", () => {
    const { file, diagnostics } = parse("\uFEFFmission M {\n  action A { get \"/x\" }\n  run A\n}");
    expect(diagnostics).toEqual([]);
    expect(file!.missions[0]!.name.name).toBe("M");
  });
});

// The Reqon AST: plain discriminated unions with source spans.
// The checker and the generator only ever see these nodes, never Ohm's parse tree.

/** Half-open character offsets [start, end) into the mission source text. */
export interface Span {
  start: number;
  end: number;
}

export interface Node {
  span: Span;
}

/** An identifier occurrence (keeps its own span so diagnostics can point at the name). */
export interface Name extends Node {
  kind: "Name";
  name: string;
}

// ---------------------------------------------------------------- file & mission

export interface File extends Node {
  kind: "File";
  /** Every `mission` block found (the checker reports 0 or >1). */
  missions: Mission[];
  /** Declarations written outside the mission block (belong to the mission, §2). */
  topLevel: Declaration[];
}

export type Declaration = SourceDecl | StoreDecl | SchemaDecl | ActionDecl;

export interface Mission extends Node {
  kind: "Mission";
  name: Name;
  options: OptionEntry[];
  /** `schedule: …` items (§36.1; the checker reports more than one). */
  schedules: Schedule[];
  declarations: Declaration[];
  /** Every `run` pipeline (the checker reports 0 or >1). */
  pipelines: Pipeline[];
}

/** `name: value` inside a mission, source, action, request, store or nested option block. */
export interface OptionEntry extends Node {
  kind: "OptionEntry";
  name: Name;
  value: OptionValue;
}

/** Option values: an expression, a nested `{ … }` option block, pagination, or `lastSync`. */
export type OptionValue = Expr | OptionBlock | Pagination | LastSync;

export interface OptionBlock extends Node {
  kind: "OptionBlock";
  entries: OptionEntry[];
}

export interface Pagination extends Node {
  kind: "Pagination";
  /** offset | page | cursor */
  style: "offset" | "page" | "cursor";
  /** The query-parameter name P (IDENT or STRING). */
  param: Name;
  /** Page size N (an INT literal in the source). */
  size: number;
  sizeSpan: Span;
  /** cursor only: where the next cursor is found, as field names (e.g. ["meta","next"]). */
  cursorPath?: string[];
}

export interface LastSync extends Node {
  kind: "LastSync";
  /** `lastSync("key")` */
  key?: StringLit;
  /** `lastSync { param, format }` */
  options: OptionEntry[];
}

export interface Schedule extends Node {
  kind: "Schedule";
  form: "every" | "cron" | "at";
  /** `N UNIT` for every; the string's value for cron and at. */
  text: string;
  /** Where the text is written (the string literal, or `N UNIT`). */
  textSpan: Span;
  /** every only: the count and the unit word as written. */
  every?: { count: number; unit: string };
  options: OptionEntry[];
}

export interface SourceDecl extends Node {
  kind: "SourceDecl";
  name: Name;
  /** Tier 3 OpenAPI source: `source X from "spec.yaml" { … }`. */
  from?: StringLit;
  options: OptionEntry[];
}

export interface StoreDecl extends Node {
  kind: "StoreDecl";
  name: Name;
  /** The kind word as written (memory, file, sql, nosql, postgrest); validated by the checker. */
  storeKind: Name;
  target?: StringLit;
}

export interface SchemaDecl extends Node {
  kind: "SchemaDecl";
  name: Name;
  fields: FieldDef[];
}

export type FieldDef = SchemaField | SchemaSpread;

export interface SchemaField extends Node {
  kind: "SchemaField";
  name: Name;
  type: TypeRef;
  optional: boolean;
}

export interface SchemaSpread extends Node {
  kind: "SchemaSpread";
  schema: Name;
}

export type TypeRef = NamedType | ShapeType;

/** `string`, `int`, `array<T>`, `null`, or a schema name (resolved by the checker). */
export interface NamedType extends Node {
  kind: "NamedType";
  name: Name;
  element?: TypeRef;
}

export interface ShapeType extends Node {
  kind: "ShapeType";
  fields: FieldDef[];
}

export interface ActionDecl extends Node {
  kind: "ActionDecl";
  name: Name;
  /** `concurrency: N` and any other `name: value` lines at the top level of the body. */
  options: OptionEntry[];
  body: Block;
}

// ---------------------------------------------------------------- pipeline

export interface Pipeline extends Node {
  kind: "Pipeline";
  stages: Stage[];
}

export interface Stage extends Node {
  kind: "Stage";
  /** true for a bracketed group `[A, B]` (even with one element). */
  parallel: boolean;
  actions: Name[];
}

// ---------------------------------------------------------------- steps

export interface Block extends Node {
  kind: "Block";
  steps: Step[];
}

export type Step =
  | HttpStep
  | StoreStep
  | ForStep
  | MapStep
  | MatchStep
  | LetStep
  | ValidateStep
  | DeleteStep
  | ClearStep
  | RunStep
  | CallStep
  | WaitStep
  | AbortStep
  | ContinueStep
  | SkipStep
  | RetryStep
  | QueueStep
  | JumpStep;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpStep extends Node {
  kind: "HttpStep";
  method: HttpMethod;
  /** The positional source name, when the word after the method names a declared source. */
  source?: Name;
  path: Expr;
  /** Request options (`params`, `headers`, `body`, `paginate`, …); `[]` when absent. */
  options: OptionEntry[];
  /** Span of the `{ … }` option block, if written. */
  optionsSpan?: Span;
}

export interface StoreStep extends Node {
  kind: "StoreStep";
  value: Expr;
  store: Name;
  /** `key`, `upsert`, `partial` (others are reported by the checker). */
  options: OptionEntry[];
}

export interface ForStep extends Node {
  kind: "ForStep";
  variable: Name;
  collection: Expr;
  where?: Expr;
  parallel: boolean;
  body: Block;
}

export interface MapStep extends Node {
  kind: "MapStep";
  value: Expr;
  /** Label after `->` (may name a schema; never validated). */
  label: Name;
  entries: ObjectEntry[];
  /**
   * `map EXPR -> label` without an entry block (§35): response becomes EXPR, and a lower-case
   * label is bound to it as `let` would.
   */
  bare?: true;
}

/** `match { cond -> … }` (condition form) or `match EXPR { pattern -> … }` (target form). */
export interface MatchStep extends Node {
  kind: "MatchStep";
  target?: Expr;
  arms: MatchArm[];
}

export interface MatchArm extends Node {
  kind: "MatchArm";
  /** Condition form: an expression or `_` (Wildcard). Target form: a pattern. */
  test: Expr | Pattern;
  guard?: Expr;
  body: Block | Step;
}

export interface LetStep extends Node {
  kind: "LetStep";
  name: Name;
  value: Expr;
}

export interface ValidateStep extends Node {
  kind: "ValidateStep";
  target?: Expr;
  assumes: Assume[];
}

export interface Assume extends Node {
  kind: "Assume";
  test: Expr;
  /** Source text of the expression (reported as `constraint`). */
  text: string;
}

/**
 * `delete S[k]` as written. The parser cannot know whether `S` is a variable (then it is an
 * HTTP DELETE of the path `S[k]`) — the resolver in the checker decides and the generator
 * reads `resolvedAsHttp`.
 */
export interface DeleteStep extends Node {
  kind: "DeleteStep";
  store: Name;
  key: Expr;
}

export interface ClearStep extends Node {
  kind: "ClearStep";
  store: Name;
}

/** `run Action` inside an action body: same as `jump Action` (§18). */
export interface RunStep extends Node {
  kind: "RunStep";
  action: Name;
}

/** Tier 3 `call Source.operationId { … }`. */
export interface CallStep extends Node {
  kind: "CallStep";
  source: Name;
  operation: Name;
  options: OptionEntry[];
}

/** Tier 3 `wait { … }`. */
export interface WaitStep extends Node {
  kind: "WaitStep";
  options: OptionEntry[];
}

export interface AbortStep extends Node {
  kind: "AbortStep";
  message?: Expr;
}

export interface ContinueStep extends Node {
  kind: "ContinueStep";
}

export interface SkipStep extends Node {
  kind: "SkipStep";
}

export interface RetryStep extends Node {
  kind: "RetryStep";
  options: OptionEntry[];
}

export interface QueueStep extends Node {
  kind: "QueueStep";
  store: Name;
  /** `item` and `key`. */
  options: OptionEntry[];
}

export interface JumpStep extends Node {
  kind: "JumpStep";
  action: Name;
  then?: "retry" | "continue";
}

// ---------------------------------------------------------------- patterns (target-form match)

export type Pattern =
  | Wildcard
  | LiteralPattern
  | BindPattern
  | ArrayPattern
  | ObjectPattern;

/** `_` — in patterns and as the condition-form default arm. */
export interface Wildcard extends Node {
  kind: "Wildcard";
}

export interface LiteralPattern extends Node {
  kind: "LiteralPattern";
  /** string, number (negative allowed), boolean or null */
  value: string | number | boolean | null;
}

/** A bare identifier: a schema test when it names a schema, otherwise a binding. */
export interface BindPattern extends Node {
  kind: "BindPattern";
  name: Name;
}

export interface ArrayPattern extends Node {
  kind: "ArrayPattern";
  elements: Pattern[];
}

export interface ObjectPattern extends Node {
  kind: "ObjectPattern";
  fields: { key: string; keySpan: Span; pattern: Pattern }[];
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | NullLit
  | BoolLit
  | NumberLit
  | StringLit
  | ArrayLit
  | ObjectLit
  | Ident
  | SubjectPath
  | Member
  | Index
  | Call
  | MethodCall
  | Unary
  | Binary
  | Logical
  | Conditional
  | IfExpr
  | MatchExpr
  | Pipe
  | Filter
  | IsType
  | Holds
  | Lambda;

export interface NullLit extends Node {
  kind: "NullLit";
}

export interface BoolLit extends Node {
  kind: "BoolLit";
  value: boolean;
}

export interface NumberLit extends Node {
  kind: "NumberLit";
  value: number;
  /** true when written without a fraction (an INT in the spec's notation). */
  integer: boolean;
}

export interface StringLit extends Node {
  kind: "StringLit";
  /** The decoded value (escapes resolved). */
  value: string;
}

export interface ArrayLit extends Node {
  kind: "ArrayLit";
  items: (Expr | Spread)[];
}

export interface Spread extends Node {
  kind: "Spread";
  value: Expr;
}

export interface ObjectLit extends Node {
  kind: "ObjectLit";
  entries: ObjectEntry[];
}

/** Object literal / map entry: `name: e`, `"odd key": e`, or `...e`. */
export type ObjectEntry = Property | Spread;

export interface Property extends Node {
  kind: "Property";
  key: string;
  keySpan: Span;
  value: Expr;
}

/** A bare name; resolved by the checker (variable, response, errors, source, store, input store). */
export interface Ident extends Node {
  kind: "Ident";
  name: string;
}

/** `.a` — field `a` of the current subject (the chain continues as Member/Index nodes). */
export interface SubjectPath extends Node {
  kind: "SubjectPath";
  field: string;
}

export interface Member extends Node {
  kind: "Member";
  object: Expr;
  field: string;
  fieldSpan: Span;
}

export interface Index extends Node {
  kind: "Index";
  object: Expr;
  index: Expr;
}

/** `f(args)`: always a built-in function (the callee is a bare identifier). */
export interface Call extends Node {
  kind: "Call";
  callee: Name;
  args: Expr[];
}

/** `e.f(args)` — means `f(e, args)` (§19.3). */
export interface MethodCall extends Node {
  kind: "MethodCall";
  receiver: Expr;
  callee: Name;
  args: Expr[];
}

export interface Unary extends Node {
  kind: "Unary";
  op: "-" | "+" | "not";
  operand: Expr;
}

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%"
  | "==" | "!=" | "<" | "<=" | ">" | ">="
  | "contains" | "startsWith" | "endsWith" | "in";

export interface Binary extends Node {
  kind: "Binary";
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface Logical extends Node {
  kind: "Logical";
  /** `??` (§35): the right operand only when the left is null. */
  op: "and" | "or" | "??";
  left: Expr;
  right: Expr;
}

/** `c ? a : b` */
export interface Conditional extends Node {
  kind: "Conditional";
  test: Expr;
  then: Expr;
  else: Expr;
}

/** `if c then a else b` */
export interface IfExpr extends Node {
  kind: "IfExpr";
  test: Expr;
  then: Expr;
  else: Expr;
}

/** Match expression: `match e? { arm => value, … }`. */
export interface MatchExpr extends Node {
  kind: "MatchExpr";
  target?: Expr;
  arms: MatchExprArm[];
}

export interface MatchExprArm extends Node {
  kind: "MatchExprArm";
  /** Target form: a pattern; condition form: an expression or Wildcard. */
  test: Expr | Pattern;
  guard?: Expr;
  value: Expr;
}

/** `e | f(args)` — the piped value becomes the first argument. */
export interface Pipe extends Node {
  kind: "Pipe";
  value: Expr;
  callee: Name;
  args: Expr[];
}

/** `e where cond` — filter expression (§19.6). */
export interface Filter extends Node {
  kind: "Filter";
  value: Expr;
  test: Expr;
}

/** `e is TYPE` */
export interface IsType extends Node {
  kind: "IsType";
  value: Expr;
  type: Name;
}

/**
 * An assumption of `validate … or { … }` (§35), made by the parser: true when `test` is truthy,
 * false when it is falsy or raises an error. Its subject is the validated value.
 */
export interface Holds extends Node {
  kind: "Holds";
  test: Expr;
}

/** `x => e`, `(acc, x) => e` — only as call arguments. */
export interface Lambda extends Node {
  kind: "Lambda";
  params: Name[];
  body: Expr;
}

/** Exhaustiveness helper for `switch (node.kind)`. */
export function assertNever(x: never): never {
  throw new Error(`unexpected node ${JSON.stringify((x as { kind?: string })?.kind)}`);
}

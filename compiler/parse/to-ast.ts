// The one Ohm operation, `toAst`: turns a match into the plain nodes of ast.ts (spans from
// `this.source`). This file covers files, declarations, options and pipelines; steps and
// expressions live in to-ast-steps.ts and to-ast-expr.ts.
import type * as ohm from "ohm-js";
import type {
  Block, Declaration, FieldDef, File, LastSync, Mission, Name, OptionEntry, OptionValue, Pagination,
  Pipeline, Schedule, Stage, Step, StringLit, TypeRef,
} from "./ast.ts";
import { expressionActions } from "./to-ast-expr.ts";
import { stepActions } from "./to-ast-steps.ts";
import { decodeString, each, nameOf, numberValue, optional, spanFromTo, spanOf, stringLit } from "./to-ast-util.ts";

type N = ohm.Node;
type MissionItem = Declaration | OptionEntry | Schedule | Pipeline;

const optionsOf = (optOptions: N): OptionEntry[] => optional<OptionEntry[]>(optOptions) ?? [];
const isDeclaration = (item: MissionItem): item is Declaration =>
  item.kind === "SourceDecl" || item.kind === "StoreDecl" || item.kind === "SchemaDecl" || item.kind === "ActionDecl";

const declarationActions: ohm.ActionDict<unknown> = {
  File(items): File {
    const all = each<Mission | Declaration>(items);
    return {
      kind: "File",
      missions: all.filter((i): i is Mission => i.kind === "Mission"),
      topLevel: all.filter((i): i is Declaration => i.kind !== "Mission"),
      // The whole text, leading and trailing whitespace included.
      span: { start: 0, end: this.source.sourceString.length },
    };
  },
  Mission(_mission, name, _lb, items, _commas, _rb): Mission {
    const all = each<MissionItem>(items);
    return {
      kind: "Mission",
      name: nameOf(name),
      options: all.filter((i): i is OptionEntry => i.kind === "OptionEntry"),
      schedules: all.filter((i): i is Schedule => i.kind === "Schedule"),
      declarations: all.filter(isDeclaration),
      pipelines: all.filter((i): i is Pipeline => i.kind === "Pipeline"),
      span: spanOf(this),
    };
  },
  Schedule(_schedule, _colon, when, options): Schedule {
    const parts = when.toAst() as Pick<Schedule, "form" | "text" | "textSpan" | "every">;
    return { kind: "Schedule", ...parts, options: optionsOf(options), span: spanOf(this) };
  },
  ScheduleWhen_every(_every, count, unit) {
    const n = numberValue(count.sourceString);
    return {
      form: "every",
      text: `${n} ${unit.sourceString}`,
      textSpan: spanFromTo(spanOf(count), spanOf(unit)),
      every: { count: n, unit: unit.sourceString },
    };
  },
  ScheduleWhen_cron(_cron, text) {
    const lit = stringLit(text);
    return { form: "cron", text: lit.value, textSpan: lit.span };
  },
  ScheduleWhen_at(_at, text) {
    const lit = stringLit(text);
    return { form: "at", text: lit.value, textSpan: lit.span };
  },
  SourceDecl(_source, name, _from, from, options): Declaration {
    const decl: Declaration = { kind: "SourceDecl", name: nameOf(name), options: options.toAst() as OptionEntry[], span: spanOf(this) };
    if (from.children.length > 0) decl.from = stringLit(from.children[0]);
    return decl;
  },
  StoreDecl(_store, name, _colon, kind, _lp, target, _rp): Declaration {
    // A quoted kind (`store s: "file"`) is the same word (§1 "Word values").
    const storeKind = nameOf(kind);
    if (/^["']/.test(storeKind.name)) storeKind.name = decodeString(storeKind.name);
    const decl: Declaration = { kind: "StoreDecl", name: nameOf(name), storeKind, span: spanOf(this) };
    // `("(" string? ")")?`: the inner optional string of the (optional) argument list.
    const inner = target.children[0];
    if (inner && inner.children.length > 0) decl.target = stringLit(inner.children[0]) as StringLit;
    return decl;
  },
  SchemaDecl(_schema, name, _lb, fields, _commas, _rb): Declaration {
    return { kind: "SchemaDecl", name: nameOf(name), fields: each<FieldDef>(fields), span: spanOf(this) };
  },
  FieldDef_spread(_dots, schema): FieldDef {
    return { kind: "SchemaSpread", schema: nameOf(schema), span: spanOf(this) };
  },
  FieldDef_field(name, _colon, type, question): FieldDef {
    return { kind: "SchemaField", name: nameOf(name), type: type.toAst() as TypeRef, optional: question.children.length > 0, span: spanOf(this) };
  },
  TypeRef_shape(_lb, fields, _commas, _rb): TypeRef {
    return { kind: "ShapeType", fields: each<FieldDef>(fields), span: spanOf(this) };
  },
  TypeRef_named(name, _lt, element, _gt): TypeRef {
    const type: TypeRef = { kind: "NamedType", name: name.toAst() as Name, span: spanOf(this) };
    if (element.children.length > 0) type.element = element.children[0].toAst() as TypeRef;
    return type;
  },
  ActionDecl(_action, name, lb, items, _commas, _rb): Declaration {
    // Option lines may appear anywhere at the top level of the body (§5); the rest are steps.
    const all = each<OptionEntry | Step>(items);
    const body: Block = {
      kind: "Block",
      steps: all.filter((i): i is Step => i.kind !== "OptionEntry"),
      span: { start: lb.source.startIdx, end: this.source.endIdx },
    };
    return {
      kind: "ActionDecl", name: nameOf(name), body, span: spanOf(this),
      options: all.filter((i): i is OptionEntry => i.kind === "OptionEntry"),
    };
  },
  Pipeline(_run, first, _thens, rest): Pipeline {
    return { kind: "Pipeline", stages: [first.toAst() as Stage, ...each<Stage>(rest)], span: spanOf(this) };
  },
  Stage_group(_lb, names, _comma, _rb): Stage {
    const actions = names.children.length > 0 ? names.children[0].asIteration().children.map(nameOf) : [];
    return { kind: "Stage", parallel: true, actions, span: spanOf(this) };
  },
  Stage_single(name): Stage {
    return { kind: "Stage", parallel: false, actions: [nameOf(name)], span: spanOf(this) };
  },

  // ---------------------------------------------------------------- options
  Options(_lb, entries, _commas, _rb) {
    return each<OptionEntry>(entries);
  },
  // `params: Expr`, `paginate: Pagination`, `since: LastSync` or `name: OptionValue`.
  OptionEntry(name, _colon, value): OptionEntry {
    return { kind: "OptionEntry", name: nameOf(name), value: value.toAst() as OptionValue | Pagination | LastSync, span: spanOf(this) };
  },
  OptionValue(value): OptionValue {
    if (value.ctorName === "Options") {
      return { kind: "OptionBlock", entries: value.toAst() as OptionEntry[], span: spanOf(this) };
    }
    return value.toAst() as OptionValue;
  },
  Pagination_offsetOrPage(style, _lp, param, _comma, size, _rp): Pagination {
    return {
      kind: "Pagination", style: style.sourceString as "offset" | "page", param: param.toAst() as Name,
      size: numberValue(size.sourceString), sizeSpan: spanOf(size), span: spanOf(this),
    };
  },
  Pagination_cursor(_cursor, _lp, param, _c1, size, _c2, path, _rp): Pagination {
    return {
      kind: "Pagination", style: "cursor", param: param.toAst() as Name,
      size: numberValue(size.sourceString), sizeSpan: spanOf(size), cursorPath: path.toAst() as string[], span: spanOf(this),
    };
  },
  pageParam(param): Name {
    const name = param.ctorName === "string" ? stringLit(param).value : param.sourceString;
    return { kind: "Name", name, span: spanOf(this) };
  },
  cursorPath(path): string[] {
    return path.ctorName === "string" ? stringLit(path).value.split(".") : path.sourceString.slice(1).split(".");
  },
  LastSync(_lastSync, _lp, key, _rp, options): LastSync {
    const node: LastSync = { kind: "LastSync", options: optionsOf(options), span: spanOf(this) };
    if (key.children.length > 0) node.key = stringLit(key.children[0]);
    return node;
  },
};

export function createAstSemantics(grammar: ohm.Grammar): ohm.Semantics {
  return grammar.createSemantics().addOperation("toAst", {
    ...declarationActions,
    ...stepActions,
    ...expressionActions,
    _iter(...children: N[]) {
      return children.map((c) => c.toAst());
    },
    _terminal() {
      return this.sourceString;
    },
  });
}

// The data half of the module: `mission` (§31.1), `sources()` (§25.1, constant expressions
// evaluated at run start) and the schema table (§22.1).

import type { FieldDef, OptionEntry, SchemaDecl, TypeRef } from "../parse/ast.ts";
import type { SourceInfo } from "../check/analysis.ts";
import { GeneratorError, Scope, newFunction, ty, type GenContext, type StepCx } from "./context.ts";
import { blockEntries, emitOptionValue, emitRetryOptions } from "./requests.ts";
import { num, propKey, specLiteral, specParts, str } from "./js.ts";
import { writeObject } from "./layout.ts";
import { SOURCE_OPTIONS } from "../check/option-tables.ts";
import { requestsNeedDefaultBase } from "./default-base.ts";

export function writeMissionInfo(gen: GenContext): void {
  const { analysis, writer: w } = gen;
  const list = (name: string, items: string[]): void => {
    w.write(`${name}: [`);
    if (items.length > 0) w.newLine().indent(() => items.forEach((item) => w.writeLine(`${item},`)));
    w.writeLine("],");
  };
  w.write("export const mission = ").inlineBlock(() => {
    w.writeLine(`name: ${str(analysis.mission.name.name)},`);
    w.writeLine(`maxConcurrency: ${analysis.options.maxConcurrency === null ? "null" : num(analysis.options.maxConcurrency)},`);
    w.writeLine(`parallelMode: ${str(analysis.options.parallelMode)},`);
    list("sources", analysis.sources.map((s) =>
      specLiteral([["name", str(s.name)], ["auth", str(s.auth)], ["base", literalBase(s)]])));
    list("stores", [...analysis.stores.values()].map((s) => specLiteral([
      ["name", str(s.name)], ["kind", str(s.kind)], ["target", str(s.target)],
      ["declared", String(s.declared)], ["input", String(s.input)],
    ])));
    list("actions", [...analysis.actions.keys()].map((name) =>
      specLiteral([["name", str(name)], ["concurrency", num(analysis.concurrency.get(name) ?? 10)]])));
    list("pipeline", (analysis.mission.pipelines[0]?.stages ?? []).map((stage, i) => specLiteral([
      ["stage", String(i)], ["parallel", String(stage.parallel)],
      ["actions", `[${stage.actions.map((a) => str(a.name)).join(", ")}]`],
    ])));
  }).write(`${ty(gen, " satisfies rt.MissionInfo")};`).newLine();
}

/** The base URL when written as a plain string; null when computed at run time. */
function literalBase(source: SourceInfo): string {
  const base = source.decl?.options.find((o) => o.name.name === "base")?.value;
  return base?.kind === "StringLit" ? str(base.value) : "null";
}

const CREDENTIAL_FIELDS: Record<string, string> = {
  token: "token", username: "username", password: "password", apiKey: "apiKey", apiKeyHeader: "header",
};
// The nested option names come from the checker's table, so the two cannot drift apart.
const RATE_LIMIT_FIELDS = nestedOptionNames("rateLimit");
const BREAKER_FIELDS = nestedOptionNames("circuitBreaker");
const OAUTH_FIELDS = nestedOptionNames("oauth");
/** Source options the checker accepts that have no runtime field: `auth` is read into SourceInfo,
 *  the response-validation options belong to OpenAPI sources (Part III). */
const NOT_LOWERED = new Set(["auth", "validateResponses", "validationMode"]);

function nestedOptionNames(option: string): string[] {
  const spec = SOURCE_OPTIONS.get(option);
  if (spec?.kind !== "block") throw new GeneratorError(`source option ${str(option)} is not a block in the checker's table`);
  return [...spec.table.keys()];
}

export function writeSources(gen: GenContext): void {
  const w = gen.writer;
  const scx: StepCx = { gen, fn: newFunction(), scope: new Scope(), matchTarget: null };
  w.write(`function sources(cx${ty(gen, ": rt.ConfigContext")})${ty(gen, ": rt.SourceConfig[]")}`).block(() => {
    w.writeLine("return [");
    w.indent(() => gen.analysis.sources.forEach((s) => writeObject(w, "", sourceConfig(s, scx), ",")));
    w.writeLine("];");
  });
}

/** The `SourceConfig` fields of one source, as `name: value` parts. */
function sourceConfig(source: SourceInfo, scx: StepCx): string[] {
  const fields: [string, string | undefined][] = [["name", str(source.name)], ["auth", str(source.auth)]];
  const credentials: [string, string | undefined][] = [];
  let base = "null";
  for (const option of source.decl?.options ?? []) {
    const name = option.name.name;
    const value = (): string => emitOptionValue(name, option.value, scx);
    if (name === "base") base = value();
    else if (name === "headers" || name === "timeout") fields.push([name, value()]);
    else if (name === "retry") fields.push([name, emitRetryOptions(nestedEntries(option), scx)]);
    else if (name === "rateLimit") fields.push([name, nestedSpec(option, RATE_LIMIT_FIELDS, scx)]);
    else if (name === "circuitBreaker") fields.push([name, nestedSpec(option, BREAKER_FIELDS, scx)]);
    else if (name === "oauth") credentials.push(["oauth", nestedSpec(option, OAUTH_FIELDS, scx)]);
    else if (Object.hasOwn(CREDENTIAL_FIELDS, name)) credentials.push([CREDENTIAL_FIELDS[name]!, credentialValue(option, scx)]);
    else if (!NOT_LOWERED.has(name)) {
      throw new GeneratorError(`unknown source option ${str(name)}`);
    }
  }
  fields.splice(2, 0, ["base", base]);
  if (source.decl === undefined && requestsNeedDefaultBase(scx.gen.analysis)) fields.push(["baseRequired", "true"]);
  if (credentials.length > 0) fields.push(["credentials", specLiteral(credentials)]);
  return specParts(fields);
}

/** Credential fields are strings in the runtime contract: a missing env() value means "none". */
function credentialValue(option: OptionEntry, scx: StepCx): string {
  if (option.value.kind === "StringLit") return str(option.value.value);
  return `rt.str(${emitOptionValue(option.name.name, option.value, scx)}) || undefined`;
}

function nestedEntries(option: OptionEntry): OptionEntry[] {
  const v = option.value;
  if (v.kind === "OptionBlock" || v.kind === "ObjectLit") return blockEntries(v);
  throw new GeneratorError(`${str(option.name.name)} must be an option block`);
}

function nestedSpec(option: OptionEntry, known: string[], scx: StepCx): string {
  return specLiteral(nestedEntries(option).map((e) => {
    if (!known.includes(e.name.name)) throw new GeneratorError(`unknown ${option.name.name} option ${str(e.name.name)}`);
    return [e.name.name, emitOptionValue(e.name.name, e.value, scx)];
  }));
}

// ---------------------------------------------------------------- schemas

export function writeSchemas(gen: GenContext): void {
  const w = gen.writer;
  w.write(`const schemas${ty(gen, ": rt.SchemaTable")} = `).inlineBlock(() => {
    for (const schema of gen.analysis.schemas.values()) {
      const name = schema.name.name;
      w.writeLine(`${propKey(name)}: [`);
      w.indent(() => fieldSpecs(schema.fields, gen).forEach((f) => w.writeLine(`${f},`)));
      // TypeScript types a key such as "constructor" from Object.prototype instead of the
      // table's index signature; `satisfies` gives its literal the right type back.
      w.writeLine(name in Object.prototype ? `]${ty(gen, " satisfies rt.SchemaFieldSpec[]")},` : "],");
    }
  }).write(";").newLine();
}

/** Field specs in order, with `...Other` replaced by Other's fields (cycles are compile errors). */
function fieldSpecs(fields: FieldDef[], gen: GenContext, seen: Set<SchemaDecl> = new Set()): string[] {
  return fields.flatMap((field) => {
    if (field.kind === "SchemaField") {
      return [`{ name: ${str(field.name.name)}, optional: ${field.optional}, type: ${typeSpec(field.type, gen)} }`];
    }
    const other = gen.analysis.schemas.get(field.schema.name);
    if (other === undefined || seen.has(other)) throw new GeneratorError(`cannot expand ...${str(field.schema.name)}`);
    return fieldSpecs(other.fields, gen, new Set([...seen, other]));
  });
}

const TYPE_WORDS: Record<string, string> = {
  string: "string", number: "number", decimal: "number", float: "number", int: "int", integer: "int",
  boolean: "boolean", date: "date", datetime: "date", object: "object", any: "any", null: "null", array: "array",
};

function typeSpec(type: TypeRef, gen: GenContext): string {
  if (type.kind === "ShapeType") return `{ type: "shape", fields: [${fieldSpecs(type.fields, gen).join(", ")}] }`;
  const word = type.name.name;
  if (word === "array" && type.element !== undefined) {
    return `{ type: "array", element: ${typeSpec(type.element, gen)} }`;
  }
  if (Object.hasOwn(TYPE_WORDS, word)) return `{ type: ${str(TYPE_WORDS[word]!)} }`;
  if (gen.analysis.schemas.has(word)) return `{ type: "schema", name: ${str(word)} }`;
  throw new GeneratorError(`unknown type ${str(word)}`);
}

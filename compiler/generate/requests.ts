// HTTP steps → `await cx.request({ …RequestSpec })` (§8, §24). Options map one-to-one onto
// RequestSpec fields; word-valued options become strings; the path may interpolate `{name}`.

import type {
  DeleteStep, Expr, HttpStep, LastSync, ObjectLit, OptionBlock, OptionEntry, OptionValue, Pagination,
} from "../parse/ast.ts";
import { REQUEST_OPTIONS, RETRY_DIRECTIVE_OPTIONS } from "../check/option-tables.ts";
import { isPagination, paginationOf } from "../check/pagination-object.ts";
import { blockEntries as optionBlockEntries, bodySentAsParams, requestSource } from "../check/walk.ts";
import { GeneratorError, bindName, exprCx, type StepCx } from "./context.ts";
import { emitExpr } from "./expressions.ts";
import { arrowBody, num, objectLiteral, specLiteral, specParts, str } from "./js.ts";
import { resolveBareName } from "./bare-names.ts";

const WORD_OPTIONS = new Set(["backoff", "strategy", "sinceFormat", "format", "auth"]);

/** The fields of the request's RequestSpec, as `name: value` parts. */
export function emitHttpRequest(step: HttpStep, scx: StepCx): string[] {
  const options = new Map(step.options.map((o) => [o.name.name, o.value]));
  const written = options.get("paginate");
  const paginate = written && paginationOf(written);
  if (paginate !== undefined && !isPagination(paginate)) {
    throw new GeneratorError("'paginate' must be offset(…), page(…) or cursor(…)");
  }
  const value = (name: string): string | undefined => {
    const v = options.get(name);
    return v === undefined ? undefined : emitOptionValue(name, v, scx);
  };
  for (const name of options.keys()) if (!REQUEST_OPTIONS.has(name)) throw new GeneratorError(`unknown request option ${str(name)}`);
  const bodyIsParams = bodySentAsParams(step);
  return specParts([
    ["method", str(step.method)],
    ["source", str(requestSource(step, scx.gen.analysis.defaultSource))],
    ["path", emitPath(step.path, scx)],
    ["params", bodyIsParams ? value("body") : value("params")],
    ["headers", value("headers")],
    ["body", bodyIsParams ? undefined : value("body")],
    ["hasBody", options.has("body") && !bodyIsParams ? "true" : undefined],
    ["timeout", value("timeout")],
    ["retry", value("retry")],
    ["paginate", paginate && emitPaginate(paginate)],
    ["until", options.has("until") ? emitUntil(options.get("until")!, paginate, scx) : undefined],
    ["maxPages", value("maxPages")],
    ["since", options.has("since") ? emitSince(options.get("since")!, scx) : undefined],
    ["sinceParam", value("sinceParam")],
    ["sinceFormat", value("sinceFormat")],
    ["syncKey", value("syncKey")],
    ["guarded", scx.gen.analysis.guarded.has(step) ? "true" : undefined],
  ]);
}


/** `delete x[k]` where `x` is a variable: an HTTP DELETE of the path `x[k]` on the default source. */
export function emitHttpDelete(step: DeleteStep, scx: StepCx): string[] {
  const variable = scx.scope.lookup(step.store.name);
  if (variable === undefined) throw new GeneratorError(`variable ${str(step.store.name)} of an HTTP delete is not in scope`);
  const guarded = scx.gen.analysis.guarded.has(step);
  return specParts([
    ["method", str("DELETE")],
    ["source", str(scx.gen.analysis.defaultSource)],
    ["path", `rt.index(${variable}, ${emitExpr(step.key, exprCx(scx))})`],
    ["guarded", guarded ? "true" : undefined],
  ]);
}


const INTERPOLATION = /\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\}/g;

/** A single string-literal path interpolates `{name}` / `{name.field}` (§24.1) via concat. */
function emitPath(path: Expr, scx: StepCx): string {
  if (path.kind !== "StringLit") return emitExpr(path, exprCx(scx));
  const parts: string[] = [];
  let last = 0;
  for (const m of path.value.matchAll(INTERPOLATION)) {
    if (m.index > last) parts.push(str(path.value.slice(last, m.index)));
    const [name, ...fields] = m[1]!.split(".");
    parts.push(fields.reduce((acc, f) => `rt.get(${acc}, ${str(f)})`, resolveBareName(name!, scx)));
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return str(path.value);
  if (last < path.value.length) parts.push(str(path.value.slice(last)));
  return `rt.fn.concat(${parts.join(", ")})`;
}

/** An option value as a JS expression; `name` says whether a bare word is a string (§1). */
export function emitOptionValue(name: string, value: OptionValue, scx: StepCx): string {
  if (WORD_OPTIONS.has(name)) {
    const word = wordOf(value);
    if (word !== null) return str(word);
  }
  if (name === "retry" && (value.kind === "OptionBlock" || value.kind === "ObjectLit")) {
    return emitRetryOptions(blockEntries(value), scx);
  }
  return emitDataValue(name, value, scx);
}

/** A value with no word meaning: an option block reads as an object literal of expressions. */
function emitDataValue(name: string, value: OptionValue, scx: StepCx): string {
  switch (value.kind) {
    case "OptionBlock":
      return objectLiteral(value.entries.map((e) => [e.name.name, emitDataValue(e.name.name, e.value, scx)]), scx.gen.typed);
    case "Pagination":
    case "LastSync":
      throw new GeneratorError(`${str(name)} cannot take ${value.kind}`);
    default:
      return emitExpr(value, exprCx(scx));
  }
}

/** Entries of `{ … }` written as an option block or parsed as an object literal (the checker has rejected spreads in one). */
export function blockEntries(value: OptionBlock | ObjectLit): OptionEntry[] {
  const entries = optionBlockEntries(value);
  if (entries === undefined) throw new GeneratorError("a spread in an option block");
  return entries;
}

/** `{ maxAttempts, backoff, … }` of §23.1 (for `retry` request options and the directive). */
export function emitRetryOptions(entries: OptionEntry[], scx: StepCx): string {
  return specLiteral(entries.map((e) => {
    // Names from the checker's table, so the two cannot drift apart.
    if (!RETRY_DIRECTIVE_OPTIONS.has(e.name.name)) throw new GeneratorError(`unknown retry option ${str(e.name.name)}`);
    return [e.name.name, emitOptionValue(e.name.name, e.value, scx)];
  }));
}

/** A bare word or string literal (`backoff: linear`, `format: "unix"`), else null. */
export function wordOf(value: OptionValue): string | null {
  if (value.kind === "Ident") return value.name;
  if (value.kind === "StringLit") return value.value;
  return null;
}

function emitPaginate(p: Pagination): string {
  return specLiteral([
    ["style", str(p.style)],
    ["param", str(p.param.name)],
    ["size", num(p.size)],
    ["cursorPath", p.cursorPath && `[${p.cursorPath.map(str).join(", ")}]`],
  ]);
}

/** `until` runs per page with `response`/subject = the page body and `P` bound to the value sent. */
function emitUntil(until: OptionValue, paginate: Pagination | undefined, scx: StepCx): string {
  if (until.kind === "OptionBlock" || until.kind === "Pagination" || until.kind === "LastSync") {
    throw new GeneratorError("'until' must be an expression");
  }
  const scope = scx.scope.child();
  const inner = { ...scx, scope };
  const param = paginate ? bindName(inner, paginate.param, paginate.param.name) : "_param";
  return `(cx, ${param}) => ${arrowBody(emitExpr(until, exprCx(inner)))}`;
}

function emitSince(since: OptionValue, scx: StepCx): string {
  if (since.kind === "LastSync") return emitLastSync(since, scx);
  // A bare `lastSync` may reach us as a plain identifier.
  if (since.kind === "Ident" && since.name === "lastSync") return specLiteral([["lastSync", "true"]]);
  return specLiteral([["lastSync", "false"], ["value", emitOptionValue("since", since, scx)]]);
}

function emitLastSync(since: LastSync, scx: StepCx): string {
  const options = new Map(since.options.map((o) => [o.name.name, o.value]));
  // `format` is a word (§24.5); `param` is an expression, as the checker resolves it (like `sinceParam`).
  const format = options.get("format");
  const param = options.get("param");
  return specLiteral([
    ["lastSync", "true"],
    ["key", since.key && str(since.key.value)],
    ["param", param && (param.kind === "StringLit" ? str(param.value) : `rt.str(${emitOptionValue("param", param, scx)})`)],
    ["format", format && emitOptionValue("format", format, scx)],
  ]);
}

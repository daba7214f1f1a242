// Validates an option list against its table: unknown names, literals of the wrong kind,
// word values, nested blocks. Shared by mission, source, action and step options.

import { isPagination, paginationOf } from "./pagination-object.ts";
import type { OptionEntry, OptionValue } from "../parse/ast.ts";
import type { OptionSpec, OptionTable } from "./option-tables.ts";
import { LAST_SYNC_OPTIONS } from "./option-tables.ts";
import type { Session } from "./session.ts";
import { blockEntries } from "./walk.ts";

export interface OptionContext {
  session: Session;
  /** Declared source names (for `source:` on a request). */
  sources: ReadonlySet<string>;
  /** Called for every known entry after its value was checked (source passes add constness). */
  onEntry?: (entry: OptionEntry, spec: OptionSpec) => void;
}

export function checkOptions(entries: readonly OptionEntry[], table: OptionTable, context: string, cx: OptionContext): void {
  for (const entry of entries) {
    const spec = table.get(entry.name.name);
    if (!spec) {
      cx.session.report("unknown-option", entry.name.span, { name: entry.name.name, context });
      continue;
    }
    checkValue(entry, spec, cx);
    cx.onEntry?.(entry, spec);
  }
}

function checkValue(entry: OptionEntry, spec: OptionSpec, cx: OptionContext): void {
  const { value } = entry;
  const name = entry.name.name;
  const invalid = (description: string) =>
    cx.session.report("invalid-option-value", value.span, { option: name, description });
  switch (spec.kind) {
    case "expr":
      if (value.kind === "Pagination" || value.kind === "LastSync") invalid("an expression");
      else if (spec.object && isLiteral(value) && !isObjectValue(value)) invalid("an object");
      return;
    case "literalPositiveInt":
      if (!isPositiveInt(literalNumber(value))) invalid("a positive integer");
      return;
    case "count":
      if (isLiteral(value) && !isPositiveInt(literalNumber(value))) invalid("a positive integer");
      return;
    case "duration": {
      const ms = literalNumber(value);
      if (isLiteral(value) && (ms === undefined || ms < 0)) invalid("a number of milliseconds");
      return;
    }
    case "bool":
      if (value.kind !== "BoolLit") invalid("true or false");
      return;
    case "word": {
      const word = wordValue(value);
      if (word === undefined) invalid(spec.description);
      else if (!spec.words.includes(word)) {
        if (spec.unknownWord) cx.session.report(spec.unknownWord, value.span, { kind: word });
        else invalid(spec.description);
      }
      return;
    }
    case "block": {
      const entries = blockEntries(value);
      if (entries) checkOptions(entries, spec.table, spec.context, cx);
      else invalid("an option block { … }");
      return;
    }
    case "sourceName": {
      const source = wordValue(value);
      if (source === undefined) invalid("a source name");
      else if (!cx.sources.has(source)) cx.session.report("unknown-source", value.span, { name: source });
      return;
    }
    case "pagination": {
      const object = value.kind === "Pagination" ? undefined : paginationOf(value);
      if (object !== undefined) {
        // The object form (§35) reports its own first problem.
        if (!isPagination(object)) cx.session.report("invalid-option-value", object.span, { option: object.option, description: object.description });
      } else if (value.kind !== "Pagination") invalid("offset(P, N), page(P, N) or cursor(P, N, PATH)");
      else if (!isPositiveInt(value.size)) {
        cx.session.report("invalid-option-value", value.sizeSpan, { option: name, description: "given a positive integer page size" });
      }
      return;
    }
    case "since":
      if (value.kind === "LastSync") checkOptions(value.options, LAST_SYNC_OPTIONS, "lastSync", cx);
      else if (value.kind === "Pagination" || value.kind === "OptionBlock") invalid("lastSync or an expression");
      return;
    default:
      return assertNeverSpec(spec);
  }
}

function assertNeverSpec(spec: never): never {
  throw new Error(`unexpected option spec ${JSON.stringify(spec)}`);
}

/** A word value: a bare identifier or a string literal. */
export function wordValue(value: OptionValue): string | undefined {
  if (value.kind === "Ident") return value.name;
  if (value.kind === "StringLit") return value.value;
  return undefined;
}

/** Literal values (whose kind is known without evaluation). */
export function isLiteral(value: OptionValue): boolean {
  switch (value.kind) {
    case "NullLit":
      return false; // null means "not given" for every option
    case "BoolLit":
    case "NumberLit":
    case "StringLit":
    case "ArrayLit":
    case "ObjectLit":
    case "OptionBlock":
      return true;
    case "Unary":
      return value.op !== "not" && value.operand.kind === "NumberLit";
    default:
      return false;
  }
}

/** The number a literal (optionally signed) denotes. */
export function literalNumber(value: OptionValue): number | undefined {
  if (value.kind === "NumberLit") return value.value;
  if (value.kind === "Unary" && value.operand.kind === "NumberLit") {
    if (value.op === "-") return -value.operand.value;
    if (value.op === "+") return value.operand.value;
  }
  return undefined;
}

function isPositiveInt(n: number | undefined): boolean {
  return n !== undefined && Number.isInteger(n) && n >= 1;
}

function isObjectValue(value: OptionValue): boolean {
  return value.kind === "ObjectLit" || value.kind === "OptionBlock";
}

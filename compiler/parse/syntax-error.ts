// Turns Ohm's rightmost failure into one readable diagnostic: "expected X, found Y".
// X lists what the grammar expected there, minus the operators that could merely continue an
// expression (unless nothing else was expected); Y is the offending token or "end of file".
import type * as ohm from "ohm-js";
import { diagnostic } from "../diagnostics/make.ts";
import type { Diagnostic } from "../diagnostics/types.ts";

/** Expectations that only say "the expression could go on"; they drown the useful ones. */
const CONTINUATIONS = new Set([
  ".", "[", "(", "|", "?", "where", "or", "and", "is", "==", "!=", "<=", ">=", "<", ">",
  "contains", "startsWith", "endsWith", "in", "+", "-", "*", "/", "%", "??", "->", "=>", "parallel",
  ",", "...",
]);
const ARROWS = new Set(["->", "=>"]);

// Both methods exist on Ohm's MatchResult but are missing from its type declarations.
interface FailedMatch {
  getRightmostFailurePosition(): number;
  getRightmostFailures(): OhmFailure[];
}

export function syntaxDiagnostic(source: string, result: ohm.MatchResult): Diagnostic {
  const match = result as unknown as FailedMatch;
  const position = skipSpace(source, match.getRightmostFailurePosition());
  const found = tokenAt(source, position);
  const expected = describeExpected(match, found);
  return diagnostic("syntax", { start: position, end: position + Math.max(found.length, 1) }, {
    expected,
    found: describeFound(found),
  });
}

function describeExpected(match: FailedMatch, found: string): string {
  const failures = match.getRightmostFailures().filter((f) => !f.isFluffy());
  // "not …" failures come from lookaheads (keyword guards, `->` vs minus); they never help.
  let texts = [...new Set(failures.map((f) => f.getText()))].filter((t) => t !== "end of input" && !t.startsWith("not "));
  const quoted = new Set(failures.filter((f) => f.type === "string").map((f) => f.getText()));
  // The wrong arrow in a match: name the right one and nothing else (§19.5).
  if (ARROWS.has(found)) {
    const other = [...ARROWS].find((a) => a !== found && texts.includes(a));
    if (other && !texts.includes(found)) return quote(other);
  }
  texts = summarize(texts, STEP_WORDS, 3, "a step");
  texts = summarize(texts, MISSION_ITEM_WORDS, 6, "a declaration");
  if (texts.includes("an identifier")) texts = summarize(texts, OPTION_NAMES, 3, "an option");
  if (texts.includes("a number") && texts.includes("a string")) texts = summarize(texts, EXPRESSION_STARTS, 1, "an expression");
  const useful = texts.filter((t) => !CONTINUATIONS.has(t));
  // Only continuations expected: a required arrow (`store x -> S`) is the one worth naming.
  const arrows = texts.filter((t) => ARROWS.has(t));
  const chosen = useful.length > 0 ? useful : arrows.length > 0 ? arrows : texts;
  if (chosen.length === 0) return "end of file";
  return joinAlternatives(chosen.slice(0, 8).map((t) => (quoted.has(t) ? quote(t) : t)));
}

/** Replaces the members of `group` by `summary` when at least `min` of them are expected. */
function summarize(texts: string[], group: Set<string>, min: number, summary: string): string[] {
  const members = texts.filter((t) => group.has(t));
  if (members.length < min) return texts;
  const at = texts.findIndex((t) => group.has(t));
  const rest = texts.filter((t) => !group.has(t));
  rest.splice(Math.min(at, rest.length), 0, summary);
  return rest;
}

const STEP_WORDS = new Set([
  "get", "post", "put", "patch", "delete", "GET", "POST", "PUT", "PATCH", "DELETE", "call", "store",
  "for", "map", "match", "let", "validate", "abort", "continue", "skip", "retry", "queue", "jump",
  "run", "clear", "wait",
]);
/** Words that start mission items (at top level only five of them are possible). */
const MISSION_ITEM_WORDS = new Set(["mission", "action", "schema", "store", "source", "run", "schedule"]);
/** An option line `name: value` is expected wherever these are (with "an identifier"). */
const OPTION_NAMES = new Set([
  "an identifier", "params", "headers", "body", "item", "key", "until", "eventFilter", "paginate", "since",
]);
const EXPRESSION_STARTS = new Set([
  "an identifier", "a number", "a string", "null", "true", "false", "(", "[", "{", "if", "match",
  ".", "-", "+", "not", "a field name",
]);

interface OhmFailure {
  getText(): string;
  type: string;
  isFluffy(): boolean;
}

function joinAlternatives(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function describeFound(token: string): string {
  if (token === "") return "end of file";
  return token.startsWith('"') || token.startsWith("'") ? token : quote(token);
}

function quote(text: string): string {
  return `"${text}"`;
}

/** Skips whitespace and comments: the failure is reported at the next real token. */
function skipSpace(source: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < source.length && source.charCodeAt(i) <= 32) i++;
    if (source.startsWith("//", i)) {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (source.startsWith("/*", i)) {
      const close = source.indexOf("*/", i + 2);
      if (close < 0) return i;
      i = close + 2;
    } else {
      return i;
    }
  }
}

const PUNCTUATION = ["...", "->", "=>", "==", "!=", "<=", ">="];

/** The token starting at `at` ("" at end of input). */
function tokenAt(source: string, at: number): string {
  if (at >= source.length) return "";
  const rest = source.slice(at, at + 200);
  const word = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?)/.exec(rest);
  if (word) return word[0];
  const str = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/.exec(rest);
  if (str) return str[0].length > 40 ? str[0].slice(0, 37) + "..." : str[0];
  return PUNCTUATION.find((p) => rest.startsWith(p)) ?? String.fromCodePoint(rest.codePointAt(0)!);
}

// Loads the Reqon grammar once per process (from the generated recipe: a few ms, where compiling
// reqon.ohm would take ~180 ms) and derives, per set of declared source names, a grammar whose
// `sourceName` rule matches exactly those names. That is how `get Shop "/x"` (Shop a source)
// and `get url { … }` (url a variable) are told apart in a PEG. Derived grammars are cached.
import * as ohm from "ohm-js";
import { reqonGrammarRecipe } from "./reqon-grammar.ts";
import { createAstSemantics } from "./to-ast.ts";

export interface ReqonParser {
  grammar: ohm.Grammar;
  semantics: ohm.Semantics;
}

// `makeRecipe` is exported by ohm-js but missing from its type declarations.
const { makeRecipe } = ohm as unknown as { makeRecipe(recipe: unknown): ohm.Grammar };

let base: ReqonParser | undefined;
const bySourceNames = new Map<string, ReqonParser>();

export function baseParser(): ReqonParser {
  if (!base) {
    const grammar = makeRecipe(JSON.parse(reqonGrammarRecipe));
    base = { grammar, semantics: createAstSemantics(grammar) };
  }
  return base;
}

/** The parser for a file declaring these sources (the base parser when there are none). */
export function parserFor(sourceNames: readonly string[]): ReqonParser {
  if (sourceNames.length === 0) return baseParser();
  const key = sourceNames.join(",");
  let parser = bySourceNames.get(key);
  if (!parser) {
    const { grammar: super_, semantics: superSemantics } = baseParser();
    const grammar = makeRecipe([
      "grammar", {}, "ReqonWithSources", super_, "File",
      { sourceName: ["override", {}, null, [], sourceNameBody(sourceNames)] },
    ]);
    parser = { grammar, semantics: grammar.extendSemantics(superSemantics) };
    bySourceNames.set(key, parser);
  }
  return parser;
}

/** Recipe of `"A" ~identPart | "B" ~identPart | …`. */
function sourceNameBody(names: readonly string[]): unknown[] {
  const word = (name: string) =>
    ["seq", {}, ["terminal", {}, name], ["not", {}, ["app", {}, "identPart", []]]];
  return ["alt", {}, ...names.map(word)];
}

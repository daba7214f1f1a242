// A cheap lexical pass run before Ohm: finds unterminated strings (reported as their own
// diagnostic, at the string start) and the names of declared sources, which decide how
// `get NAME …` parses (see grammar.ts). Comments and strings are blanked so that a word inside
// them is never mistaken for a declaration.
import type { Span } from "./ast.ts";

export interface Prescan {
  /** The source with comment and string contents replaced by spaces (offsets unchanged). */
  blanked: string;
  /** The first string literal with a raw line break or no closing quote, if any. */
  unterminatedString?: Span;
}

export function prescan(source: string): Prescan {
  const out = source.split("");
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  while (i < source.length) {
    const c = source[i];
    if (c === "/" && source[i + 1] === "/") {
      const end = lineEnd(source, i);
      blank(i, end);
      i = end;
    } else if (c === "/" && source[i + 1] === "*") {
      const close = source.indexOf("*/", i + 2);
      const end = close < 0 ? source.length : close + 2;
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(source, i);
      if (end < 0) {
        return { blanked: out.join(""), unterminatedString: { start: i, end: lineEnd(source, i) } };
      }
      blank(i + 1, end - 1);
      i = end;
    } else {
      i++;
    }
  }
  return { blanked: out.join("") };
}

/** Offset just past the closing quote of the string starting at `start`, or -1. */
function stringEnd(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\n" || c === "\r") return -1;
    if (c === quote) return i + 1;
    if (c === "\\") {
      if (source[i + 1] === "\n" || source[i + 1] === "\r") return -1;
      i++;
    }
  }
  return -1;
}

function lineEnd(source: string, from: number): number {
  let i = from;
  while (i < source.length && source[i] !== "\n" && source[i] !== "\r") i++;
  return i;
}

const SOURCE_DECL = /(?<![A-Za-z0-9_.])source\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:from\s*(?:"[^"\n]*"|'[^'\n]*')\s*)?\{/g;

/** Names declared by `source NAME (from STRING)? {` anywhere in the (blanked) text, sorted. */
export function declaredSourceNames(blanked: string): string[] {
  const names = new Set<string>();
  for (const match of blanked.matchAll(SOURCE_DECL)) names.add(match[1]);
  return [...names].sort();
}

// Small helpers shared by the toAst action dictionaries.
import type * as ohm from "ohm-js";
import type { Name, Span, StringLit } from "./ast.ts";

export function spanOf(node: ohm.Node): Span {
  return { start: node.source.startIdx, end: node.source.endIdx };
}

export function spanFromTo(from: { start: number }, to: { end: number }): Span {
  return { start: from.start, end: to.end };
}

export function nameOf(node: ohm.Node): Name {
  return { kind: "Name", name: node.sourceString, span: spanOf(node) };
}

/** The converted match of an optional (`X?`) node, or undefined when absent. */
export function optional<T>(node: ohm.Node): T | undefined {
  return node.children.length > 0 ? (node.children[0].toAst() as T) : undefined;
}

/** Items of a `(NonemptyListOf<X, ","> ","?)?` group (given its list node). */
export function listItems<T>(optionalList: ohm.Node): T[] {
  if (optionalList.children.length === 0) return [];
  return optionalList.children[0].asIteration().children.map((c: ohm.Node) => c.toAst() as T);
}

/** The nodes of an iteration, converted. */
export function each<T>(iter: ohm.Node): T[] {
  return iter.children.map((c: ohm.Node) => c.toAst() as T);
}

/** Decodes a string literal's text (quotes included) per §1: \n \t \r \\ \" \' \uXXXX, else the char. */
export function decodeString(text: string): string {
  const body = text.slice(1, -1);
  return body.replace(/\\(u[0-9A-Fa-f]{4}|[\s\S])/g, (_, esc: string) => {
    switch (esc[0]) {
      case "n": return "\n";
      case "t": return "\t";
      case "r": return "\r";
      case "u": return esc.length === 5 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : "u";
      default: return esc;
    }
  });
}

export function stringLit(node: ohm.Node): StringLit {
  return { kind: "StringLit", value: decodeString(node.sourceString), span: spanOf(node) };
}

/** Value of a NUMBER token (underscores are ignored). */
export function numberValue(text: string): number {
  return Number(text.replace(/_/g, ""));
}

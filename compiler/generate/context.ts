// State passed through the emitters: one GenContext per module, one FnContext per emitted
// function (action, `sources`), and small per-step / per-expression views. No module-level state.

import type CodeBlockWriter from "code-block-writer";
import type { Analysis } from "../check/analysis.ts";
import type { Node, Span } from "../parse/ast.ts";
import { SourceSet } from "../source-set.ts";
import { commentText } from "./js.ts";
import { FUNCTION_NAMES, NameAllocator } from "./names.ts";

export interface RetryLoop {
  label: string;
  attempt: string;
  /** Set when a retry sits inside a loop callback and must throw to reach the loop. */
  signal?: string;
}

export interface GenContext {
  analysis: Analysis;
  source: string;
  writer: CodeBlockWriter;
  /** Binding node (see Resolution) → the JS text that denotes it right now. */
  bindings: Map<Node, string>;
  /** Binding nodes declared ahead of a retry loop (`let x: unknown = null`) → their name. */
  hoisted: Map<Node, string>;
  /** Retry target request → the loop that re-runs it. */
  retryLoops: Map<Node, RetryLoop>;
  /** The file(s) `source` is made of: turns offsets into step positions. */
  sources: SourceSet;
  /** false: emit plain JavaScript (no type annotations), for `reqonc run` to import directly. */
  typed: boolean;
}

/** A type annotation (or `satisfies`/`as` clause) that only TypeScript output carries. */
export function ty(gen: GenContext, annotation: string): string {
  return gen.typed ? annotation : "";
}

/** One emitted JS function: its own name allocator and the loop labels visible in it. */
export interface FnContext {
  names: NameAllocator;
  labels: Set<string>;
}

/** Lexical scope of Reqon variable names, for the few places that name variables without an
 *  `Ident` node (path interpolation, `delete x[k]`). */
export class Scope {
  private readonly vars = new Map<string, string>();
  constructor(private readonly parent?: Scope) {}
  set(name: string, js: string): void {
    this.vars.set(name, js);
  }
  lookup(name: string): string | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }
  child(): Scope {
    return new Scope(this);
  }
}

export interface ExprCx {
  gen: GenContext;
  fn: FnContext;
  scope: Scope;
  /** JS expression of the current subject (`.field` reads from it). */
  subject: string;
}

export interface StepCx {
  gen: GenContext;
  fn: FnContext;
  scope: Scope;
  /** The innermost target-form match target (default `item` of `queue`), if any. */
  matchTarget: string | null;
}

export function createGenContext(analysis: Analysis, source: string | SourceSet, writer: CodeBlockWriter, typed = true): GenContext {
  const sources = typeof source === "string" ? SourceSet.single("", source) : source;
  return { analysis, source: sources.text, writer, bindings: new Map(), hoisted: new Map(), retryLoops: new Map(), sources, typed };
}

export function newFunction(): FnContext {
  return { names: new NameAllocator(FUNCTION_NAMES), labels: new Set() };
}

/** `LINE:COL` of a step, `FILE:LINE:COL` in a part file of a mission folder (§33). */
export function position(gen: GenContext, span: Span): string {
  return gen.sources.position(span.start);
}

/** The first source line of a node, ready for a `//` comment. */
export function firstLine(gen: GenContext, span: Span): string {
  return commentText(gen.source.slice(span.start, span.end).split(/\r?\n|\r|\u2028|\u2029/)[0] ?? "");
}

export function exprCx(scx: StepCx, subject = "cx.response"): ExprCx {
  return { gen: scx.gen, fn: scx.fn, scope: scx.scope, subject };
}

/** Gives a binding node a fresh JS name, visible to later references and interpolations. */
export function bindName(cx: { gen: GenContext; fn: FnContext; scope: Scope }, node: Node, reqonName: string): string {
  const js = cx.gen.hoisted.get(node) ?? cx.fn.names.allocate(reqonName);
  cx.gen.bindings.set(node, js);
  cx.scope.set(reqonName, js);
  return js;
}

/** Thrown when the checker handed over something it should have rejected. */
export class GeneratorError extends Error {
  constructor(message: string) {
    super(`reqonc generator: ${message}`);
    this.name = "GeneratorError";
  }
}

// Line layout for long object literals: short ones stay on one line, long ones get one field per
// line, so a request or a map step stays readable.

import type CodeBlockWriter from "code-block-writer";
import { MAX_INLINE } from "./js.ts";

/** Writes `head{ a, b }tail` on one line, or one part per line when it would be too long. */
export function writeObject(w: CodeBlockWriter, head: string, parts: string[], tail: string): void {
  const inline = parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
  if (inline.length <= MAX_INLINE || parts.length < 2) {
    w.writeLine(`${head}${inline}${tail}`);
    return;
  }
  w.writeLine(`${head}{`);
  w.indent(() => parts.forEach((part) => w.writeLine(`${part},`)));
  w.writeLine(`}${tail}`);
}

// Moves every span of a parsed file by a fixed offset: a part file of a mission folder is parsed
// on its own and then placed after the files before it in the folder's SourceSet (§33).
// Iterative (an explicit stack), so deeply nested input cannot exhaust the call stack.

/** Adds `delta` to every `{ start, end }` span below `root`, each span object once. */
export function shiftSpans(root: object, delta: number): void {
  if (delta === 0) return;
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (isSpan(value)) {
      value.start += delta;
      value.end += delta;
      continue;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === "object" && child !== null) stack.push(child);
    }
  }
}

function isSpan(value: object): value is { start: number; end: number } {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as { start?: unknown }).start === "number"
    && typeof (value as { end?: unknown }).end === "number";
}

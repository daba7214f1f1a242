// Reading a top-level JSON object while keeping its key order. `JSON.parse` puts integer-like
// keys ("1", "2", …) first, which would reorder sequence-keyed stores on reload (§9.1).

/** Entries of the top-level object of `text`, in the order they are written. */
export function parseOrderedObject(text: string): [string, unknown][] {
  const value: unknown = JSON.parse(text); // validates the whole document first
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("top-level value is not an object");
  }
  const keys = topLevelKeys(text);
  const seen = new Set<string>();
  const ordered: [string, unknown][] = [];
  // A key written twice counts once, at its first position, with JSON.parse's (last) value.
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    ordered.push([key, (value as Record<string, unknown>)[key]]);
  }
  return ordered;
}

/** Scans valid JSON text and returns the keys of the outermost object, in order. */
function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && expectKey) keys.push(JSON.parse(text.slice(i, end + 1)) as string);
      expectKey = false;
      i = end;
    } else if (c === "{" || c === "[") {
      depth++;
      expectKey = depth === 1 && c === "{";
    } else if (c === "}" || c === "]") {
      depth--;
    } else if (c === "," && depth === 1) {
      expectKey = true;
    }
  }
  return keys;
}

/** Index of the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

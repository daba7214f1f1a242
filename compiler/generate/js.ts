// Small helpers that turn mission text into safe TypeScript text.
// Every string that comes from a mission goes through `str` (or `propKey`), never by hand.

/** A JS string literal for any mission string (JSON.stringify, plus the two line separators). */
export function str(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A JSON number literal; NaN/Infinity cannot come from the lexer, but stay safe anyway. */
export function num(value: number): string {
  return Number.isFinite(value) ? JSON.stringify(value) : "null";
}

/**
 * An object-literal key. Quoted always; `__proto__` becomes a computed key, because a quoted
 * `"__proto__": v` in a literal sets the prototype instead of creating a field.
 */
export function propKey(key: string): string {
  return key === "__proto__" ? `[${str(key)}]` : str(key);
}

/** `{ "a": x, "b": y }` from already-lowered values, in order (empty → `{}`). */
export function objectLiteral(entries: [key: string, value: string][], typed = true): string {
  if (entries.length === 0) return "{}";
  const seen = new Set<string>();
  const parts = entries.map(([k, v]) => {
    // Repeated keys: later wins as in JS; a computed `string` key keeps TypeScript quiet.
    const key = seen.has(k) ? `[${str(k)}${typed ? " as string" : ""}]` : propKey(k);
    seen.add(k);
    return `${key}: ${v}`;
  });
  return `{ ${parts.join(", ")} }`;
}

/** `{ a: x, b: y }` for fields the generator names itself (runtime spec objects). */
export function specLiteral(fields: [name: string, value: string | undefined][]): string {
  const parts = specParts(fields);
  return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
}

/** `name: value` parts of a runtime spec, leaving out absent fields. */
export function specParts(fields: [name: string, value: string | undefined][]): string[] {
  return fields.filter((f): f is [string, string] => f[1] !== undefined).map(([k, v]) => `${k}: ${v}`);
}

const MAX_COMMENT = 80;

/**
 * Text for a `// …` line comment: every line terminator JS knows is removed, so mission text can
 * never end the comment; long text is shortened.
 */
export function commentText(text: string): string {
  const oneLine = text.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_COMMENT ? `${oneLine.slice(0, MAX_COMMENT - 1)}…` : oneLine;
}

/** An arrow-function body: an object literal must be parenthesised or it would read as a block. */
export function arrowBody(expression: string): string {
  return expression.startsWith("{") ? `(${expression})` : expression;
}

/** Longest single-line object literal before it is written one field per line. */
export const MAX_INLINE = 100;

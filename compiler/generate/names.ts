// JavaScript names for mission identifiers: never a reserved word, never a name the generated
// module uses itself, and unique within one allocator (deterministic `x`, `x_1`, `x_2`, …).

const JS_RESERVED = [
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
  "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
  "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try",
  "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface",
  "package", "private", "protected", "public", "await", "async", "arguments", "eval", "of",
  // globals and names that would confuse a reader (or the prototype machinery) if shadowed
  "undefined", "NaN", "Infinity", "globalThis", "Object", "Array", "JSON", "Promise", "Symbol",
  "Error", "Math", "Number", "String", "Boolean", "Date", "Record", "__proto__", "constructor",
  "prototype",
];

/** Names the generated module itself declares or imports at top level. */
export const MODULE_NAMES = ["rt", "mission", "sources", "schemas", "actions", "run"];

/** Names used inside every emitted function (the context parameter and the runtime import). */
export const FUNCTION_NAMES = ["rt", "cx"];

/** A syntactically valid identifier from any text (pagination params may be strings). */
export function identifierFrom(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_$]/g, "_");
  if (cleaned === "") return "v";
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Hands out unique identifiers; seeded with the names that must never be produced. */
export class NameAllocator {
  private readonly taken: Set<string>;

  constructor(reserved: readonly string[]) {
    this.taken = new Set([...JS_RESERVED, ...reserved]);
  }

  /** `base` itself when free, else `base_1`, `base_2`, … */
  allocate(base: string): string {
    const stem = identifierFrom(base);
    let candidate = stem;
    for (let n = 1; this.taken.has(candidate); n++) candidate = `${stem}_${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}

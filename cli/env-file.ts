// --env FILE (§30.3): dotenv lines — `KEY=VALUE`, `#` comments, optional quotes, optional
// `export `. dotenv silently skips a line it cannot read; here such a line makes the file
// invalid (exit 2), so a typo never quietly drops a variable.
import { parse as parseDotenv } from "dotenv";

// Keys as dotenv reads them.
const ASSIGNMENT = /^\s*(?:export\s+)?[\w.-]+\s*=\s*(.*)$/;
const QUOTES = ["\"", "'", "`"];

export type EnvFileParse = { ok: true; vars: Record<string, string> } | { ok: false; line: number };

export function parseEnvFile(text: string): EnvFileParse {
  const body = text.replace(/^\uFEFF/, "");
  const lines = body.split(/\r?\n/);
  let openQuote: string | null = null; // inside a quoted value that spans lines
  for (const [index, line] of lines.entries()) {
    if (openQuote !== null) {
      if (closesQuote(line, openQuote, 0)) openQuote = null;
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const assignment = ASSIGNMENT.exec(line);
    if (assignment === null) return { ok: false, line: index + 1 };
    const value = assignment[1] ?? "";
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (quote !== undefined && !closesQuote(value, quote, 1)) openQuote = quote;
  }
  return { ok: true, vars: parseDotenv(body) };
}

/** True when `text` holds an unescaped `quote` at or after `from`. */
function closesQuote(text: string, quote: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return true;
  }
  return false;
}

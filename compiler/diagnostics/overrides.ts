// `--warn CODE=off|warning|error` (§30.1): silence a warning code or promote it to an error.
// Error codes cannot be changed: a mission with an error has no meaning to run.
import { entryOf, isCode, type WarningCode } from "./catalogue.ts";
import type { Diagnostic } from "./types.ts";

export type WarningLevel = "off" | "warning" | "error";
export type WarningOverrides = ReadonlyMap<WarningCode, WarningLevel>;

const LEVELS: readonly WarningLevel[] = ["off", "warning", "error"];

export type ParsedOverride = { code: WarningCode; level: WarningLevel } | { problem: string };

/** One `CODE=LEVEL` argument of --warn, or what is wrong with it. */
export function parseWarnOverride(text: string): ParsedOverride {
  const eq = text.indexOf("=");
  const code = eq < 0 ? text : text.slice(0, eq);
  const level = eq < 0 ? "" : text.slice(eq + 1);
  if (eq < 0 || !LEVELS.includes(level as WarningLevel)) {
    return { problem: `--warn expects CODE=off|warning|error (got '${text}')` };
  }
  if (!isCode(code)) return { problem: `--warn: unknown diagnostic code '${code}'` };
  if (entryOf(code).severity !== "warning") {
    return { problem: `--warn: '${code}' is an error, only warnings can be changed` };
  }
  return { code: code as WarningCode, level: level as WarningLevel };
}

/** The diagnostics with overrides applied: `off` warnings dropped, `error` ones promoted. */
export function applyOverrides(diagnostics: readonly Diagnostic[], overrides: WarningOverrides | undefined): Diagnostic[] {
  if (!overrides || overrides.size === 0) return [...diagnostics];
  const result: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = d.severity === "warning" ? overrides.get(d.code as WarningCode) : undefined;
    if (level === "off") continue;
    result.push(level === "error" ? { ...d, severity: "error" } : d);
  }
  return result;
}

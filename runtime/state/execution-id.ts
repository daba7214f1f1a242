// Execution ids (LANGUAGE.md §37): "<Mission>-<UTC yyyymmddThhmmssZ>-<4 random hex>".
import { randomBytes } from "node:crypto";

export function executionId(mission: string, at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${mission}-${stamp}-${randomBytes(2).toString("hex")}`;
}

// A folder's root file compiled alone (`reqonc run sync/mission.reqon`, §33): an unknown action or
// schema that a part file beside it declares gets a note saying where, and to pass the folder.
import { dirname } from "node:path";
import type { Diagnostic } from "../compiler/index.ts";
import { readMissionFolder } from "./mission-folder.ts";

const ROOT_FILE = /(^|[\\/])mission\.(reqon|vague)$/;
/** Codes whose span is the name of a missing action or schema. */
const NAMES_MISSING = new Set(["unknown-action", "unknown-type", "pattern-binds-capitalised"]);

type PartNames = (text: string) => { kind: "action" | "schema"; name: string }[];

export function addPartFileHints(path: string, source: string, diagnostics: Diagnostic[], partNames: PartNames): void {
  if (!ROOT_FILE.test(path)) return;
  const missing = diagnostics.filter((d) => NAMES_MISSING.has(d.code));
  if (missing.length === 0) return;
  const folderPath = dirname(path);
  let declaredIn: Map<string, string>;
  try {
    declaredIn = new Map();
    for (const part of readMissionFolder(folderPath).folder.parts) {
      for (const { name } of partNames(part.text)) if (!declaredIn.has(name)) declaredIn.set(name, part.relative);
    }
  } catch {
    return; // an unreadable neighbour: no hint, the diagnostics stand as they are
  }
  for (const d of missing) {
    const name = source.slice(d.span.start, d.span.end);
    const where = declaredIn.get(name);
    if (where !== undefined) {
      d.notes.push({ message: `'${name}' is declared in ${where}; pass the folder '${folderPath}' to include part files` });
    }
  }
}

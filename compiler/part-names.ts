// The action and schema names a part file declares, read lexically (comments and strings
// blanked) so that a part file with a syntax error still answers. Used for the hint when a
// folder's root file is compiled alone (§33).
import { prescan } from "./parse/prescan.ts";

const PART_DECL = /(?<![A-Za-z0-9_.])(action|schema)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{/g;

export function declaredPartNames(text: string): { kind: "action" | "schema"; name: string }[] {
  const { blanked } = prescan(text);
  return [...blanked.matchAll(PART_DECL)].map((m) => ({ kind: m[1] as "action" | "schema", name: m[2]! }));
}

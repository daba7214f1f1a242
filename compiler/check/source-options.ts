// Sources (§4, §25): known options with literals of the right kind, constant values only,
// a base URL unless loaded `from` a spec, and the `maxWait`-in-seconds trap.

import type { OptionEntry, SourceDecl } from "../parse/ast.ts";
import type { AuthKind, SourceInfo } from "./analysis.ts";
import { firstNonConstant } from "./constant.ts";
import type { OptionSpec } from "./option-tables.ts";
import { SOURCE_OPTIONS } from "./option-tables.ts";
import { checkOptions, literalNumber, wordValue } from "./options.ts";
import type { Session } from "./session.ts";

const AUTH_KINDS: readonly AuthKind[] = ["none", "bearer", "basic", "api_key", "oauth2"];

export function checkSources(sources: Iterable<SourceDecl>, session: Session): void {
  const sourceNames = new Set<string>();
  for (const source of sources) {
    sourceNames.add(source.name.name);
    checkOptions(source.options, SOURCE_OPTIONS, "source", {
      session,
      sources: sourceNames,
      onEntry: (entry, spec) => checkSourceEntry(entry, spec, session),
    });
    const hasBase = source.options.some((o) => o.name.name === "base");
    if (!hasBase && !source.from) {
      session.report("missing-base", source.name.span, { source: source.name.name });
    }
  }
}

/** Constness of expression values, and `maxWait` below a second. Blocks are checked entry by entry. */
function checkSourceEntry(entry: OptionEntry, spec: OptionSpec, session: Session): void {
  if (spec.kind === "word" || spec.kind === "block") return;
  const offending = firstNonConstant(entry.value);
  if (offending) {
    session.report("not-constant", offending.span);
    return;
  }
  if (entry.name.name === "maxWait") {
    const ms = literalNumber(entry.value);
    if (ms !== undefined && ms < 1000) {
      session.report("suspicious-duration", entry.value.span, { value: ms });
    }
  }
}

/** Source table of the Analysis: declared sources in file order, or the implicit `default`. */
export function sourceInfos(sources: readonly SourceDecl[]): SourceInfo[] {
  if (sources.length === 0) return [{ name: "default", auth: "none" }];
  return sources.map((decl) => {
    const authEntry = decl.options.find((o) => o.name.name === "auth");
    const word = authEntry ? wordValue(authEntry.value) : undefined;
    const auth = AUTH_KINDS.find((kind) => kind === word) ?? "none";
    return { name: decl.name.name, auth, decl };
  });
}

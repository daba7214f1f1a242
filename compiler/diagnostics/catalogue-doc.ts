// docs/diagnostics.md is made from the catalogue (test/diagnostics-catalogue.test.ts keeps it in
// step), so the list users read is the list the compiler reports from.
import { CATALOGUE, type CatalogueEntry } from "./catalogue.ts";

export function catalogueMarkdown(): string {
  const entries = Object.entries(CATALOGUE) as [string, CatalogueEntry][];
  const table = (title: string, rows: [string, CatalogueEntry][]) => [
    `## ${title}`,
    "",
    "| Code | Message | Help |",
    "|---|---|---|",
    ...rows.map(([code, e]) => `| \`${code}\` | ${cell(e.message)} | ${cell(e.help)}${e.pending ? ` Not reported yet: ${e.pending} is not implemented.` : ""} |`),
    "",
  ];
  return [
    "# Diagnostics",
    "",
    "Every diagnostic reqonc reports, with its code (stable), the message (`{…}` is filled in) and",
    "what it means. Errors stop `check`, `build` and `run` with exit status 2; warnings are printed",
    "and the command goes on. `--warn CODE=off|warning|error` silences a warning or makes it an",
    "error; `reqonc check --json` prints the diagnostics as JSON (LANGUAGE.md §30.1, §32).",
    "",
    "This file is generated from `compiler/diagnostics/catalogue.ts`",
    "(`UPDATE_DOCS=1 npx vitest run test/diagnostics-catalogue.test.ts`).",
    "",
    ...table("Errors", entries.filter(([, e]) => e.severity === "error")),
    ...table("Warnings", entries.filter(([, e]) => e.severity === "warning")),
  ].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

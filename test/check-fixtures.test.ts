// Every fixtures/errors/<code>/mission.reqon compiles (through `check`) to exactly the
// diagnostics of its expected.json, and the fixtures and the catalogue (§32) match one to one:
// a code without a fixture, or a fixture named after no code, fails here.
// UPDATE_FIXTURES=1 rewrites expected.json from the output.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CATALOGUE, compile, entryOf, isCode, lineCol, type Code } from "../compiler/index.ts";

const root = fileURLToPath(new URL("../fixtures/errors", import.meta.url));
const update = process.env.UPDATE_FIXTURES === "1";
const cases = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/**
 * Codes that no single mission file can show, and where they come from instead. Each is still
 * in the catalogue (and pending until its feature lands, when it gets a fixture or a CLI test).
 */
const WITHOUT_FIXTURE: Partial<Record<Code, string>> = {
  "ambiguous-root": "a property of a mission folder (§33)",
  "misplaced-declaration": "a part file of a mission folder (§33)",
  "no-schedule": "the daemon and `check --schedule` (§36.2)",
  "resume-unknown": "`run --resume` (§37)",
  "resume-mismatch": "`run --resume` (§37)",
  "resume-nothing": "`run --resume` (§37)",
  "not-a-text-file": "reading the file (binary content), before parsing",
  "nesting-too-deep": "the nesting limit; until it lands such a mission overflows the parser's stack (issue 9)",
};

function diagnosticsOf(source: string) {
  return compile(source, { file: "mission.reqon", stopAfter: "check" }).diagnostics.map((d) => {
    const { line, col } = lineCol(source, d.span.start);
    return { code: d.code, severity: d.severity, message: d.message, line, col };
  });
}

describe("error fixtures", () => {
  it("exist for every catalogue code, and only for catalogue codes", () => {
    const codes = Object.keys(CATALOGUE) as Code[];
    expect(cases.filter((name) => !isCode(name)), "fixtures named after no code").toEqual([]);
    expect(codes.filter((code) => !cases.includes(code) && !WITHOUT_FIXTURE[code]), "codes without a fixture").toEqual([]);
    const listed = Object.keys(WITHOUT_FIXTURE) as Code[];
    expect(listed.filter((code) => cases.includes(code) || !isCode(code)), "WITHOUT_FIXTURE entries that have one").toEqual([]);
  });

  for (const name of cases) {
    it(name, () => {
      const source = readFileSync(join(root, name, "mission.reqon"), "utf8");
      const actual = diagnosticsOf(source);
      const expectedPath = join(root, name, "expected.json");
      if (update) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + "\n");
      expect(existsSync(expectedPath), `${name}/expected.json (run with UPDATE_FIXTURES=1)`).toBe(true);
      const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
      expect(actual).toEqual(expected);
      // Each case exists for the code it is named after; a pending Part III code shows its
      // current form instead (mostly `unsupported`, §0.1) until its feature lands.
      if (isCode(name) && entryOf(name).pending === undefined) expect(actual.map((d) => d.code)).toContain(name);
      else expect(actual.map((d) => d.code)).not.toContain(name);
    });
  }
});

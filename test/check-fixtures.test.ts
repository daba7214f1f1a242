// Every fixtures/errors/<case>/mission.reqon compiles (through `check`) to exactly the
// diagnostics of its expected.json. UPDATE_FIXTURES=1 rewrites expected.json from the output.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compile, lineCol } from "../compiler/index.ts";

const root = fileURLToPath(new URL("../fixtures/errors", import.meta.url));
const update = process.env.UPDATE_FIXTURES === "1";
const cases = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

function diagnosticsOf(source: string) {
  return compile(source, { file: "mission.reqon", stopAfter: "check" }).diagnostics.map((d) => {
    const { line, col } = lineCol(source, d.span.start);
    return { code: d.code, severity: d.severity, message: d.message, line, col };
  });
}

describe("error fixtures", () => {
  it("has one case per diagnostic code at least", () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
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
      // Each case exists for the code it is named after.
      expect(actual.map((d) => d.code)).toContain(name);
    });
  }
});

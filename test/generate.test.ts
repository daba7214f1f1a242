// Golden fixtures for the code generator: fixtures/ok/<case>/mission.reqon → expected.ts.
// UPDATE_FIXTURES=1 rewrites the expected files. Every output must also be valid TypeScript
// (esbuild transform); test/typecheck-generated.test.ts type-checks it under `strict`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/index.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "fixtures", "ok");
const cases = readdirSync(fixtures).filter((name) => existsSync(join(fixtures, name, "mission.reqon"))).sort();
const update = process.env.UPDATE_FIXTURES === "1";

function generated(name: string): string {
  const source = readFileSync(join(fixtures, name, "mission.reqon"), "utf8");
  const result = compile(source, { file: "mission.reqon" });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expect(result.ts).toBeDefined();
  return result.ts!;
}

describe("generated code matches the golden fixtures", () => {
  it("has the fixture cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s", (name) => {
    const output = generated(name);
    const expectedPath = join(fixtures, name, "expected.ts");
    if (update) writeFileSync(expectedPath, output);
    // A case without its golden file fails: writing one here would make the comparison vacuous.
    expect(existsSync(expectedPath), `${expectedPath} is missing (UPDATE_FIXTURES=1 writes it)`).toBe(true);
    expect(output).toBe(readFileSync(expectedPath, "utf8"));
  });
});

describe("generated code is valid TypeScript", () => {
  it.each(cases)("%s parses with esbuild", async (name) => {
    const result = await transform(generated(name), { loader: "ts", format: "esm" });
    expect(result.code).toContain("runMission");
  });
});

describe("mission text cannot inject code", () => {
  const output = () => generated("injection");

  /** Tokens of the generated module, as [kind, text] pairs. */
  function tokens(code: string): { kind: ts.SyntaxKind; text: string; start: number; end: number }[] {
    const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, code);
    const out = [];
    for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
      out.push({ kind, text: scanner.getTokenText(), start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    }
    return out;
  }

  it("keeps every injection payload inside a string literal or a line comment", () => {
    const code = output();
    const safe = tokens(code).filter(
      (t) => t.kind === ts.SyntaxKind.StringLiteral || t.kind === ts.SyntaxKind.SingleLineCommentTrivia,
    );
    const occurrences = [...code.matchAll(/process\.exit/g)].map((m) => m.index);
    expect(occurrences.length).toBeGreaterThan(10);
    for (const at of occurrences) {
      expect(safe.some((t) => t.start <= at && at < t.end), `payload at offset ${at} escaped`).toBe(true);
    }
  });

  it("emits no block comments, template literals or references to `process`", () => {
    const all = tokens(output());
    const kinds = new Set(all.map((t) => t.kind));
    expect(kinds.has(ts.SyntaxKind.MultiLineCommentTrivia)).toBe(false);
    expect(kinds.has(ts.SyntaxKind.NoSubstitutionTemplateLiteral)).toBe(false);
    expect(kinds.has(ts.SyntaxKind.TemplateHead)).toBe(false);
    const identifiers = all.filter((t) => t.kind === ts.SyntaxKind.Identifier).map((t) => t.text);
    expect(identifiers).not.toContain("process");
    expect(identifiers).toContain("constructor_1"); // the action named `constructor`, mangled
    expect(identifiers).not.toContain("class"); // a variable named `class` is renamed
  });

  it("never writes a `__proto__` key that would set a prototype", () => {
    const code = output();
    expect(code).toContain('["__proto__"]: "x"');
    const trivia = new Set([
      ts.SyntaxKind.WhitespaceTrivia, ts.SyntaxKind.NewLineTrivia, ts.SyntaxKind.SingleLineCommentTrivia,
    ]);
    const significant = tokens(code).filter((t) => !trivia.has(t.kind));
    significant.forEach((t, i) => {
      const isProto = t.text === '"__proto__"' || t.text === "__proto__";
      const plainKey = significant[i + 1]?.text === ":" && significant[i - 1]?.text !== "[";
      expect(isProto && plainKey, `plain __proto__ key at offset ${t.start}`).toBe(false);
    });
  });

  it("keeps line separators out of comments", () => {
    expect(output()).not.toMatch(/\/\/[^\n]*[\u2028\u2029]/);
  });
});

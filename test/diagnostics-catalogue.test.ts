// The catalogue (§32) itself: every code of the spec is there with its severity, templates fill
// in, and docs/diagnostics.md is what the catalogue says.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOGUE, messageOf } from "../compiler/diagnostics/catalogue.ts";
import { catalogueMarkdown } from "../compiler/diagnostics/catalogue-doc.ts";
import { diagnostic } from "../compiler/diagnostics/make.ts";
import { applyOverrides, parseWarnOverride } from "../compiler/diagnostics/overrides.ts";

const docPath = new URL("../docs/diagnostics.md", import.meta.url);

// §32's warning tables; every other code there is an error.
const SPEC_WARNINGS = [
  "unknown-parameter", "get-body-as-params", "first-mission", "pattern-shadows-variable", "unused-action",
  "match-without-default", "store-without-key", "possible-typo", "unreachable-step", "parallel-key-collision",
  "parallel-read-write", "shadows-store", "errors-shadowed", "pattern-binds-capitalised", "suspicious-duration",
  "empty-validate",
];

describe("the catalogue", () => {
  it("has the warnings of §32 as warnings and nothing else", () => {
    const warnings = Object.entries(CATALOGUE).filter(([, e]) => e.severity === "warning").map(([code]) => code);
    expect(warnings.sort()).toEqual([...SPEC_WARNINGS].sort());
  });

  it("fills every placeholder of a template, repeated ones too", () => {
    expect(messageOf("function-as-value", { name: "trim" })).toBe("'trim' is a function; call it as trim()");
    expect(messageOf("wrong-arity", { name: "map", expected: "2 argument(s)", got: 1 })).toBe("'map' expects 2 argument(s) (got 1)");
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(entry.message, code).not.toMatch(/\{[^}]*$|^[^{]*\}/);
      expect(entry.help.length, code).toBeGreaterThan(10);
    }
  });

  it("makes diagnostics whose severity comes from the entry", () => {
    const d = diagnostic("unused-action", { start: 3, end: 5 }, { name: "A" }, ["why"]);
    expect(d).toEqual({ code: "unused-action", severity: "warning", message: "action 'A' is never run", span: { start: 3, end: 5 }, notes: [{ message: "why" }] });
  });

  it("overrides warnings only", () => {
    const warning = diagnostic("unused-action", { start: 0, end: 1 }, { name: "A" });
    const error = diagnostic("empty-group", { start: 0, end: 1 });
    expect(parseWarnOverride("unused-action=error")).toEqual({ code: "unused-action", level: "error" });
    expect(parseWarnOverride("empty-group=off")).toHaveProperty("problem");
    expect(applyOverrides([warning, error], new Map([["unused-action", "off"]]))).toEqual([error]);
    expect(applyOverrides([warning], new Map([["unused-action", "error"]]))[0]!.severity).toBe("error");
  });

  it("is what docs/diagnostics.md lists", () => {
    const text = catalogueMarkdown();
    if (process.env.UPDATE_DOCS === "1") writeFileSync(docPath, text);
    expect(existsSync(docPath), "docs/diagnostics.md (run with UPDATE_DOCS=1)").toBe(true);
    expect(readFileSync(docPath, "utf8")).toBe(text);
  });
});

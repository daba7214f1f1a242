// The language guide's missions are part of the documentation contract: every complete
// ```reqon block in docs/language-guide.md must compile with no diagnostic at all, so the guide
// cannot drift from the language the compiler accepts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/index.ts";
import { formatDiagnostics } from "../compiler/diagnostics/format.ts";

const guidePath = new URL("../docs/language-guide.md", import.meta.url);
const guide = readFileSync(guidePath, "utf8");
const blocks = [...guide.matchAll(/```reqon\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("docs/language-guide.md", () => {
  it("has mission examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((source, i) => [i + 1, source] as const))("example %i compiles cleanly", (i, source) => {
    const file = `guide-example-${i}.reqon`;
    const result = compile(source, { file });
    expect(formatDiagnostics(result.diagnostics, source, file)).toBe("");
    expect(result.ts).toBeDefined();
  });

  it("is linked from the README", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain("docs/language-guide.md");
  });
});

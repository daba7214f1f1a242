// The plain-JavaScript form of the generated module (what `reqonc run` imports without a
// transpiler) must be valid JavaScript and mean the same as the TypeScript form.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/index.ts";

const dir = join(import.meta.dirname, "..", "fixtures", "ok");
const cases = readdirSync(dir).filter((name) => !name.startsWith("."));

describe("generated JavaScript", () => {
  it.each(cases)("%s: parses as JavaScript and equals the TypeScript output with its types stripped", (name) => {
    const source = readFileSync(join(dir, name, "mission.reqon"), "utf8");
    const result = compile(source, { file: "mission.reqon", emitJs: true });
    expect(result.js).toBeDefined();
    const strip = (code: string, loader: "ts" | "js") => transformSync(code, { loader, format: "esm" }).code;
    // A JS parse fails on any leftover type syntax; equality after stripping proves nothing else differs.
    expect(strip(result.js!, "js")).toBe(strip(result.ts!, "ts"));
  });
});

describe("compile() emits the forms asked for", () => {
  const source = readFileSync(join(dir, cases[0]!, "mission.reqon"), "utf8");
  it("TypeScript by default, JavaScript too with emitJs, only JavaScript with emitTs: false", () => {
    const byDefault = compile(source, { file: "mission.reqon" });
    expect([byDefault.ts !== undefined, byDefault.js !== undefined]).toEqual([true, false]);
    const jsOnly = compile(source, { file: "mission.reqon", emitJs: true, emitTs: false });
    expect([jsOnly.ts !== undefined, jsOnly.js !== undefined]).toEqual([false, true]);
    expect(jsOnly.js).toBe(compile(source, { file: "mission.reqon", emitJs: true }).js);
  });
});

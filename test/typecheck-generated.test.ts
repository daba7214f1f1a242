// Every mission under fixtures/ that compiles without errors must generate TypeScript that
// type-checks under `strict` against the real runtime (`reqonc/runtime` mapped to
// runtime/index.ts), as a user's build would. The generated modules live only in ts-morph's
// project (never written to disk); the runtime sources are read from the real file system.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Project, ts, type SourceFile } from "ts-morph";
import { describe, expect, it } from "vitest";
import { readMissionFolder } from "../cli/mission-folder.ts";
import { compile, compileFolder } from "../compiler/index.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "fixtures");

/** Every `mission.reqon` below `dir`, as paths relative to fixtures/, sorted. */
function missionFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...missionFiles(path));
    else if (name === "mission.reqon") found.push(relative(fixtures, path));
  }
  return found;
}

interface Generated {
  fixture: string;
  /** Undefined when the mission does not compile (error fixtures); those are skipped. */
  ts?: string;
}

function generateAll(): Generated[] {
  return missionFiles(fixtures).map((fixture) => {
    // fixtures/folders/* are mission folders (§33): compiled with their part files.
    const result = fixture.startsWith("folders/")
      ? compileFolder(readMissionFolder(dirname(join(fixtures, fixture))).folder, { file: "mission.reqon" })
      : compile(readFileSync(join(fixtures, fixture), "utf8"), { file: "mission.reqon" });
    const failed = result.diagnostics.some((d) => d.severity === "error");
    return { fixture, ts: failed ? undefined : result.ts };
  });
}

function createProject(): Project {
  return new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: ["node"],
      paths: { "reqonc/runtime": [join(root, "runtime", "index.ts")] },
    },
  });
}

/** "fixtures/ok/jump/mission.generated.ts:12:5 TS2345 message" — one line per diagnostic. */
function describeDiagnostics(file: SourceFile, fixture: string): string[] {
  return file.getPreEmitDiagnostics().map((d) => {
    const where = d.getSourceFile();
    const start = d.getStart();
    const position = where && start !== undefined
      ? where.compilerNode.getLineAndCharacterOfPosition(start)
      : { line: -1, character: -1 };
    const name = where ? relative(root, where.getFilePath()) : `(generated from ${fixture})`;
    const text = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, "\n");
    return `${name}:${position.line + 1}:${position.character + 1} TS${d.getCode()} ${text}`;
  });
}

const generated = generateAll();
const compiled = generated.filter((g) => g.ts !== undefined);
const project = createProject();
const files = new Map(compiled.map((g) => {
  // Next to its mission, so a diagnostic names the fixture; only ever in memory.
  const path = join(fixtures, dirname(g.fixture), "mission.generated.ts");
  return [g.fixture, project.createSourceFile(path, g.ts!, { overwrite: true })] as const;
}));

describe("generated TypeScript type-checks (strict)", () => {
  it("finds the fixture missions", () => {
    expect(existsSync(fixtures)).toBe(true);
    // ok/ and conformance/ fixtures are all meant to compile.
    const expectedToCompile = generated.filter((g) => !g.fixture.startsWith("errors/"));
    const notCompiling = expectedToCompile.filter((g) => g.ts === undefined).map((g) => g.fixture);
    expect(notCompiling, "fixtures outside errors/ that do not compile").toEqual([]);
    expect(compiled.length).toBeGreaterThanOrEqual(10);
  });

  it.each(compiled.map((g) => g.fixture))("%s", (fixture) => {
    const diagnostics = describeDiagnostics(files.get(fixture)!, fixture);
    expect(diagnostics, diagnostics.join("\n")).toEqual([]);
  }, 60_000);
});

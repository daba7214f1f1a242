// Mission folders (LANGUAGE.md §33) through the compiler: file discovery and order, merging,
// diagnostics that name the part file and its line, step markers of the generated code.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readMissionFolder } from "../cli/mission-folder.ts";
import { compileFolder, formatSetDiagnostics } from "../compiler/index.ts";

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** Writes `files` (relative path → text) into a fresh folder named `name`; returns its path. */
function folderWith(files: Record<string, string>, name = "sync"): string {
  const parent = mkdtempSync(join(tmpdir(), "reqonc-folder-"));
  dirs.push(parent);
  const dir = join(parent, name);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, relative)), { recursive: true });
    writeFileSync(join(dir, relative), text);
  }
  return dir;
}

function compileDir(dir: string, shownAs = "sync") {
  const { folder } = readMissionFolder(dir);
  // Show paths as a user typing `reqonc check sync` would see them.
  const shown = {
    ...folder,
    path: shownAs,
    root: { ...folder.root, path: `${shownAs}/${folder.root.relative}` },
    otherRoot: folder.otherRoot && { ...folder.otherRoot, path: `${shownAs}/${folder.otherRoot.relative}` },
    parts: folder.parts.map((p) => ({ ...p, path: `${shownAs}/${p.relative}` })),
  };
  const result = compileFolder(shown, { file: folder.root.relative });
  return { result, text: formatSetDiagnostics(result.diagnostics, result.sources), folder };
}

/** `FILE:LINE:COL CODE` of each diagnostic, from the printed text. */
function located(text: string): string[] {
  return [...text.matchAll(/^(\S+:\d+:\d+): (?:error|warning): .*$/gm)].map((m) => m[0].replace(/ \[[a-z-]+\]$/, ""));
}

const ROOT = `mission Sync {
  source Shop { base: "http://shop.invalid" }
  run Fetch then Save
}
`;

describe("file discovery", () => {
  it("reads part files below the folder in byte order of their relative path, root first", () => {
    const dir = folderWith({
      "mission.reqon": ROOT,
      "b.reqon": "action Save { store response -> out }\n",
      "actions/Zed.reqon": "schema Zed { id: int }\n",
      "actions/a/deep/fetch.reqon": "action Fetch { get Shop \"/x\" }\n",
      "actions/a-b.reqon": "schema Ab { id: int }\n",
      ".git/x.reqon": "garbage {",
      "node_modules/pkg/x.reqon": "garbage {",
      "sub/.hidden/x.reqon": "garbage {",
      "notes.vague": "garbage {",
      "README.md": "not a mission",
    });
    const { folder, stem } = readMissionFolder(dir);
    expect(stem).toBe("sync");
    expect(folder.root.relative).toBe("mission.reqon");
    // Byte order: upper case before lower case, '-' (0x2D) before '/' (0x2F).
    expect(folder.parts.map((p) => p.relative)).toEqual([
      "actions/Zed.reqon", "actions/a-b.reqon", "actions/a/deep/fetch.reqon", "b.reqon",
    ]);
  });

  it("a .vague root takes .vague part files", () => {
    const dir = folderWith({ "mission.vague": ROOT, "x.vague": "action Fetch {}\n", "y.reqon": "garbage {" });
    const { folder } = readMissionFolder(dir);
    expect(folder.root.relative).toBe("mission.vague");
    expect(folder.parts.map((p) => p.relative)).toEqual(["x.vague"]);
  });

  it("reads a part file reached through a symbolic link, but does not follow linked folders", () => {
    const dir = folderWith({ "mission.reqon": ROOT, "real/fetch.reqon": "action Fetch {}\n" });
    symlinkSync(join(dir, "real"), join(dir, "loop"));
    symlinkSync(join(dir, "real", "fetch.reqon"), join(dir, "linked.reqon"));
    expect(readMissionFolder(dir).folder.parts.map((p) => p.relative)).toEqual(["linked.reqon", "real/fetch.reqon"]);
  });

  it("a folder without a root file is refused", () => {
    const dir = folderWith({ "x.reqon": "action A {}" });
    expect(() => readMissionFolder(dir)).toThrow(/without mission\.reqon or mission\.vague/);
  });
});

describe("merging", () => {
  it("compiles a folder into one module whose steps name their part file", () => {
    const dir = folderWith({
      "mission.reqon": ROOT,
      "actions/fetch.reqon": "// fetch\naction Fetch {\n  get Shop \"/items\"\n}\n",
      "actions/save.reqon": "action Save {\n  validate { assume .id > 0 }\n  store response -> out { key: .id }\n}\n",
    });
    const { result, text } = compileDir(dir);
    expect(text).toBe("");
    expect(result.ts).toContain(`cx.step("actions/fetch.reqon:3:3"); // get Shop "/items"`);
    expect(result.ts).toContain(`cx.step("actions/save.reqon:3:3");`);
    expect(result.ts).toContain(`line: 2, file: "actions/save.reqon"`);
    expect(result.ts).toContain(`file: "mission.reqon"`);
    expect(result.analysis?.mission.name.name).toBe("Sync");
  });

  it("part files use the root's sources and schemas, and parts see one another", () => {
    const dir = folderWith({
      "mission.reqon": ROOT,
      "actions/fetch.reqon": "action Fetch {\n  get Shop \"/items\"\n  for i in response { match i { Item -> store i -> items { key: .id }, _ -> skip } }\n}\n",
      "actions/save.reqon": "action Save { for i in items { store i -> out { key: i.id } } }\n",
      "schemas/item.reqon": "schema Item { id: int }\n",
    });
    const { result, text } = compileDir(dir);
    expect(text).toBe("");
    expect(result.ts).toMatch(/rt\.conforms|cx\.conforms/);
  });
});

describe("diagnostics", () => {
  it("name the part file, line and column; all errors across files are listed in file order", () => {
    const dir = folderWith({
      "mission.reqon": ROOT,
      "actions/fetch.reqon": "action Fetch {\n  get Shop \"/a\"\n}\n",
      "actions/save.reqon": "// saves\naction Save {\n  jump Nowhere\n}\n\naction Fetch { get Shop \"/b\" }\n",
    });
    const { text, result } = compileDir(dir);
    expect(result.ts).toBeUndefined();
    expect(located(text)).toEqual([
      "sync/actions/save.reqon:3:8: error: unknown action 'Nowhere'",
      "sync/actions/save.reqon:6:8: error: duplicate action 'Fetch'",
    ]);
    expect(text).toContain(" 6 | action Fetch { get Shop \"/b\" }\n   |        ^^^^^\n");
    expect(text).toContain("  = note: sync/actions/fetch.reqon:1:8: 'Fetch' is first declared here");
  });

  it("a declaration in a part file that duplicates the root's names the root file", () => {
    const dir = folderWith({
      "mission.reqon": "mission Sync {\n  action Fetch { get \"/a\" }\n  run Fetch\n}\n",
      "fetch.reqon": "action Fetch { get \"/b\" }\n",
    });
    const { text } = compileDir(dir);
    expect(located(text)).toEqual(["sync/fetch.reqon:1:8: error: duplicate action 'Fetch'"]);
    expect(text).toContain("= note: sync/mission.reqon:2:10: 'Fetch' is first declared here");
  });

  it("misplaced-declaration for anything but actions and schemas in a part file; checking goes on", () => {
    const dir = folderWith({
      "mission.reqon": ROOT,
      "parts.reqon": "action Fetch { get Shop \"/a\" }\n\nstore out: file(\"o\")\nsource Two { base: \"http://t.invalid\" }\nmission Other { run Fetch }\naction Save { run Missing }\n",
    });
    const { text, result } = compileDir(dir);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      "misplaced-declaration", "misplaced-declaration", "misplaced-declaration", "unknown-action",
    ]);
    expect(located(text)).toEqual([
      "sync/parts.reqon:3:1: error: only action and schema declarations may appear outside mission.reqon",
      "sync/parts.reqon:4:1: error: only action and schema declarations may appear outside mission.reqon",
      "sync/parts.reqon:5:1: error: only action and schema declarations may appear outside mission.reqon",
      "sync/parts.reqon:6:19: error: unknown action 'Missing'",
    ]);
    expect(text).toContain(" 3 | store out: file(\"o\")\n   | ^^^^^\n");
  });

  it("the message names mission.vague in a .vague folder", () => {
    const dir = folderWith({ "mission.vague": ROOT, "x.vague": "store s: memory\naction Fetch {}\naction Save {}\n" });
    expect(located(compileDir(dir).text)).toEqual([
      "sync/x.vague:1:1: error: only action and schema declarations may appear outside mission.vague",
    ]);
  });

  it("a syntax error in a part file points into that file", () => {
    const dir = folderWith({ "mission.reqon": ROOT, "a.reqon": "action Fetch {}\n", "b.reqon": "\naction Save {\n  store ->\n}\n" });
    const { text, result } = compileDir(dir);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["syntax"]);
    expect(located(text)[0]).toMatch(/^sync\/b\.reqon:3:9: error: expected /);
  });

  it("ambiguous-root when the folder holds both mission.reqon and mission.vague", () => {
    const dir = folderWith({ "mission.reqon": ROOT, "mission.vague": ROOT });
    const { text, result } = compileDir(dir);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["ambiguous-root"]);
    expect(located(text)).toEqual(["sync/mission.vague:1:1: error: folder 'sync' holds both mission.reqon and mission.vague"]);
  });
});

// The diagnostics contract of §30.1 as a user sees it: the `[code]` suffix, `check --json`, and
// `--warn CODE=off|warning|error` on check, build and run; located notes.
import { mkdtempSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../compiler/index.ts";
import { reqonc } from "./support/cli.ts";

// One error-free mission with two warnings: unused-action (line 4) and store-without-key (line 6).
const WARNED = `mission Warned {
  source Api { auth: none, base: "http://127.0.0.1:9" }
  action Main { get "/a" }
  action Unused {
    get "/b"
    store { name: "x" } -> things
  }
  run Main
}
`;

const BROKEN = `mission Broken {
  source Api { auth: none, base: "http://127.0.0.1:9" }
  action A { get "/a" }
  action A { get "/b" }
  run A then Missing
}
`;

function missionFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "reqonc-diag-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("check output (§30.1)", () => {
  it("ends each header line with the code in brackets", async () => {
    const path = missionFile("broken.reqon", BROKEN);
    const r = await reqonc(["check", path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${path}:4:10: error: duplicate action 'A' [duplicate-declaration]\n`);
    expect(r.stderr).toContain(`${path}:5:14: error: unknown action 'Missing' [unknown-action]\n`);
    // The duplicate points back at the first declaration.
    expect(r.stderr).toContain(`  = note: ${path}:3:10: 'A' is first declared here`);
  });

  it("--json prints one array of located diagnostics on stdout, with the exit status unchanged", async () => {
    const path = missionFile("broken.reqon", BROKEN);
    const r = await reqonc(["check", "--json", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: path, line: 4, col: 10, endLine: 4, endCol: 11, severity: "error", code: "duplicate-declaration",
        message: "duplicate action 'A'", notes: [{ message: "'A' is first declared here", file: path, line: 3, col: 10 }],
      },
      {
        file: path, line: 5, col: 14, endLine: 5, endCol: 21, severity: "error", code: "unknown-action",
        message: "unknown action 'Missing'", notes: [],
      },
    ]);
  });

  it("--json of a clean mission is an empty array and exit 0", async () => {
    const path = missionFile("ok.reqon", WARNED);
    const r = await reqonc(["check", "--json", "--warn", "unused-action=off", "--warn", "store-without-key=off", path]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe("--warn CODE=LEVEL", () => {
  it("silences a warning (off) and keeps the others", async () => {
    const path = missionFile("warned.reqon", WARNED);
    const r = await reqonc(["check", "--warn", "unused-action=off", path]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("[unused-action]");
    expect(r.stderr).toContain(`${path}:6:28: warning: records stored into 'things' get sequence keys`);
  });

  it("promotes a warning to an error: check exits 2, build writes nothing", async () => {
    const path = missionFile("warned.reqon", WARNED);
    const checked = await reqonc(["check", "--warn", "unused-action=error", path]);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain(`${path}:4:10: error: action 'Unused' is never run [unused-action]`);

    const out = mkdtempSync(join(tmpdir(), "reqonc-diag-out-"));
    const built = await reqonc(["build", path, "-o", out, "--warn", "unused-action=error"]);
    expect(built.code).toBe(2);
    expect(existsSync(join(out, "warned.ts"))).toBe(false);
  });

  it("the last setting of a code wins", async () => {
    const path = missionFile("warned.reqon", WARNED);
    const r = await reqonc(["check", "--warn", "unused-action=error", "--warn", "unused-action=warning", path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: action 'Unused' is never run [unused-action]");
  });

  it("is a usage error for an unknown code, an error code or a bad level (exit 2)", async () => {
    const path = missionFile("warned.reqon", WARNED);
    for (const [flag, message] of [
      ["no-such-code=off", "unknown diagnostic code 'no-such-code'"],
      ["unknown-action=off", "'unknown-action' is an error"],
      ["unused-action=loud", "--warn expects CODE=off|warning|error"],
      ["unused-action", "--warn expects CODE=off|warning|error"],
    ] as const) {
      const r = await reqonc(["check", "--warn", flag, path]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toContain(message);
    }
    const run = await reqonc(["run", "--warn", "unknown-action=error", path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
  });
});

describe("located notes", () => {
  const notesOf = (source: string, code: string) =>
    compile(source, { file: "m.reqon", stopAfter: "check" }).diagnostics.filter((d) => d.code === code).map((d) => d.notes);

  it("point at the first binding, field, group member and pipeline", () => {
    const source = `mission M {
  source Api { auth: none, base: "http://x" }
  schema S { a: string, a: number }
  action A { get "/a"
    let x = 1
    let x = 2 }
  action B { get "/b" }
  run [A, B, A]
  run B
}
`;
    const at = (needle: string, nth = 0) => {
      let index = -1;
      for (let i = 0; i <= nth; i++) index = source.indexOf(needle, index + 1);
      return index;
    };
    expect(notesOf(source, "duplicate-binding")).toEqual([[{ message: "bound first here", span: { start: at("x = 1"), end: at("x = 1") + 1 } }]]);
    expect(notesOf(source, "duplicate-field")[0]![0]!.span!.start).toBe(at("a: string"));
    expect(notesOf(source, "duplicate-in-group")[0]![0]!.span!.start).toBe(at("A, B"));
    expect(notesOf(source, "multiple-pipelines")[0]![0]!.span!.start).toBe(at("run [A"));
  });
});

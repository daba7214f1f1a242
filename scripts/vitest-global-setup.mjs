// vitest globalSetup: build dist/ once per test run, so tests that spawn `node bin/reqonc.mjs`
// exercise the current sources (scripts/build.mjs only rewrites files whose content changed);
// and give the run one temporary folder, removed at the end, as every test's os.tmpdir() — the
// workers and the CLI processes tests spawn inherit TMPDIR — so no test leaves folders behind.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export function setup() {
  const script = fileURLToPath(new URL("./build.mjs", import.meta.url));
  execFileSync(process.execPath, [script, "--quiet"], { stdio: "inherit" });
  const root = mkdtempSync(join(tmpdir(), "reqonc-test-run-"));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}

// vitest globalSetup of every project: give the run one temporary folder, removed at the end, as
// every test's os.tmpdir() — the workers and the CLI processes tests spawn inherit TMPDIR — so no
// test leaves folders behind. Both projects list this file; the first one to set up owns it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function setup() {
  if (process.env.REQONC_TEST_TMPDIR !== undefined) return undefined;
  const root = mkdtempSync(join(tmpdir(), "reqonc-test-run-"));
  process.env.REQONC_TEST_TMPDIR = root;
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}

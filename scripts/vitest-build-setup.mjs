// vitest globalSetup of the end-to-end project: build dist/ once per test run, so tests that spawn
// `node bin/reqonc.mjs` exercise the current sources (scripts/build.mjs only rewrites files whose
// content changed). Unit tests import the sources and need no build.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export function setup() {
  const script = fileURLToPath(new URL("./build.mjs", import.meta.url));
  execFileSync(process.execPath, [script, "--quiet"], { stdio: "inherit" });
}

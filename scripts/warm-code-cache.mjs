#!/usr/bin/env node
// Writes V8's code cache of the CLI's compiler (cli/compiler-loader.ts) for one reqonc command:
// `node scripts/warm-code-cache.mjs check` (or `run`). Loads the compiler under the flags that
// command runs with (bin/v8-flags.mjs), compiles the demo mission and missions with errors (so
// the functions they use are compiled), and saves the compiled code to that command's cache
// file. Run by scripts/build.mjs for every cache file after dist/ is written.
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import { v8FlagsFor } from "../bin/v8-flags.mjs";

const command = process.argv[2];
if (!command) throw new Error("usage: warm-code-cache.mjs COMMAND");
const flags = v8FlagsFor(command);
if (flags !== undefined) v8.setFlagsFromString(flags);

const { loadCompiler, writeCodeCache } = await import("../dist/compiler-loader.mjs");
const { compile, formatDiagnostics } = loadCompiler(command);
const demo = readFileSync(new URL("../demo/fan-out-fan-in.reqon", import.meta.url), "utf8");
const checkErrors = "mission M {\n  action A { get \"/x\" }\n  run [A, B]\n}\n";
const syntaxError = "mission M {\n  action A { let x = }\n}\n";
for (const [file, source] of [["demo.reqon", demo], ["check.reqon", checkErrors], ["syntax.reqon", syntaxError]]) {
  const result = compile(source, { file, emitJs: true });
  formatDiagnostics(result.diagnostics, source, file);
}
writeCodeCache();

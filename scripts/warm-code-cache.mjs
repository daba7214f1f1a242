#!/usr/bin/env node
// Writes dist/cli-compiler.cache, V8's code cache of the CLI's compiler (cli/compiler-loader.ts):
// loads the compiler under the flags `reqonc check` runs with, compiles the demo mission and a
// mission with errors (so the functions they use are compiled), and saves the compiled code.
// Run by scripts/build.mjs after dist/ is written.
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import { v8FlagsFor } from "../bin/v8-flags.mjs";

const flags = v8FlagsFor("check");
if (flags !== undefined) v8.setFlagsFromString(flags);

const { loadCompiler, writeCodeCache } = await import("../dist/compiler-loader.mjs");
const { compile, formatDiagnostics } = loadCompiler();
const demo = readFileSync(new URL("../demo/fan-out-fan-in.reqon", import.meta.url), "utf8");
const checkErrors = "mission M {\n  action A { get \"/x\" }\n  run [A, B]\n}\n";
const syntaxError = "mission M {\n  action A { let x = }\n}\n";
for (const [file, source] of [["demo.reqon", demo], ["check.reqon", checkErrors], ["syntax.reqon", syntaxError]]) {
  const result = compile(source, { file, emitJs: true });
  formatDiagnostics(result.diagnostics, source, file);
}
writeCodeCache();

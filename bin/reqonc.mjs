#!/usr/bin/env node
// The reqonc command. The CLI itself is the esbuild bundle dist/cli.mjs (scripts/build.mjs).
import v8 from "node:v8";

// `check`, `emit` and `build` compile one mission and exit within a few dozen milliseconds: too
// short for V8's optimizing compiler to pay off, while its background work competes for the CPU
// and slows the cold parse. `run` and `demo` keep it: a long fan-out needs optimized code.
if (["check", "emit", "build"].includes(process.argv[2] ?? "")) v8.setFlagsFromString("--no-opt");

try {
  await import("../dist/cli.mjs");
} catch (e) {
  if (e?.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/cli.mjs")) {
    process.stderr.write("reqonc: dist/ is missing; build it with `npm run build`\n");
    process.exit(1);
  }
  throw e;
}

#!/usr/bin/env node
// The reqonc command. The CLI itself is the esbuild bundle dist/cli.mjs (scripts/build.mjs).
import v8 from "node:v8";
import { v8FlagsFor } from "./v8-flags.mjs";

const flags = v8FlagsFor(process.argv[2] ?? "");
if (flags !== undefined) v8.setFlagsFromString(flags);

try {
  await import("../dist/cli.mjs");
} catch (e) {
  if (e?.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/cli.mjs")) {
    process.stderr.write("reqonc: dist/ is missing; build it with `npm run build`\n");
    process.exit(1);
  }
  throw e;
}

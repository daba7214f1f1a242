// V8 flags per reqonc command, shared by bin/reqonc.mjs and scripts/warm-code-cache.mjs: V8
// only accepts a code cache made under the flags it runs with.

// `check`, `emit` and `build` compile one mission and exit within a few dozen milliseconds: too
// short for V8's optimizing compiler to pay off, while its background work competes for the CPU
// and slows the cold parse. `run` and `demo` keep it: a long fan-out needs optimized code.
const COMPILE_ONLY = new Set(["check", "emit", "build"]);

/** The flags to set (with v8.setFlagsFromString) before `command` runs, or undefined. */
export function v8FlagsFor(command) {
  return COMPILE_ONLY.has(command) ? "--no-opt" : undefined;
}

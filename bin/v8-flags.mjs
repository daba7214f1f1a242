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

/**
 * The file in dist/ holding V8's code cache of the CLI's compiler for `command`
 * (cli/compiler-loader.ts): one per set of flags, since V8 accepts a cache only under the flags
 * that made it.
 */
export function codeCacheFileFor(command) {
  return v8FlagsFor(command) === undefined ? "cli-compiler.cache" : "cli-compiler.no-opt.cache";
}

/** One command per cache file, for the build to warm each (scripts/warm-code-cache.mjs). */
export const CODE_CACHE_COMMANDS = ["check", "run"];

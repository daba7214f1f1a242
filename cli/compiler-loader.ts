// The CLI's compiler, loaded through V8's code cache. `reqonc check` lives for ~100 ms, and
// compiling the compiler's own JavaScript (Ohm and our passes) is a good part of that. Node 20
// has no code cache for ES modules, so the build also writes the compiler as a classic script
// (dist/cli-compiler.cjs) and caches of its compiled functions, one per set of V8 flags the
// commands run with (bin/v8-flags.mjs; made by scripts/warm-code-cache.mjs after compiling the
// demo mission). V8 rejects a cache made by another Node version or under other V8 flags; the
// script then simply compiles as usual.
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import type * as Compiler from "../compiler/index.ts";
import { writeFileAtomicSync } from "../runtime/io/atomic-write.ts";
import { compilerCacheUrlFor, compilerScriptUrl } from "./dist-files.ts";

export type CompilerModule = typeof Compiler;

/** Whether the code cache was used when the compiler was loaded ("missing": none, or stale). */
export type CodeCacheState = "accepted" | "rejected" | "missing";

let loaded: { compiler: CompilerModule; script: Script; cache: CodeCacheState; cacheUrl: URL } | undefined;

/** The compiler, for the reqonc command running (bin/reqonc.mjs set that command's V8 flags). */
export function loadCompiler(command: string): CompilerModule {
  return load(command).compiler;
}

/** Whether the loaded compiler came from the code cache. */
export function codeCacheState(): CodeCacheState | "not loaded" {
  return loaded?.cache ?? "not loaded";
}

/** Writes the code cache of the compiler as used so far in this process (atomically). */
export function writeCodeCache(): void {
  if (!loaded) throw new Error("writeCodeCache: the compiler is not loaded");
  writeFileAtomicSync(fileURLToPath(loaded.cacheUrl), loaded.script.createCachedData());
}

function load(command: string): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const source = readFileSync(compilerScriptUrl, "utf8");
  const cacheUrl = compilerCacheUrlFor(command);
  const cachedData = freshCache(cacheUrl);
  // The same wrapper as Node's own for CommonJS: the bundle assigns `module.exports`.
  const script = new Script(`(function (module, exports) {${source}\n})`, {
    filename: fileURLToPath(compilerScriptUrl),
    cachedData,
  });
  const module = { exports: {} as CompilerModule };
  (script.runInThisContext() as (m: typeof module, e: CompilerModule) => void)(module, module.exports);
  const cache: CodeCacheState = cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "accepted";
  loaded = { compiler: module.exports, script, cache, cacheUrl };
  return loaded;
}

/**
 * The cache, unless the script was rewritten after it. V8 checks the Node version, the flags and
 * the script's length, not its content; the build always writes the cache after the script.
 */
function freshCache(cacheUrl: URL): Buffer | undefined {
  try {
    if (statSync(cacheUrl).mtimeMs < statSync(compilerScriptUrl).mtimeMs) return undefined;
    return readFileSync(cacheUrl);
  } catch {
    return undefined;
  }
}

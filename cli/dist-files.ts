// Files of the built package, located from the running dist/ module. scripts/build.mjs puts every
// chunk in dist/ itself, so these URLs hold in whichever chunk this module ends up.
import { codeCacheFileFor } from "../bin/v8-flags.mjs";

/** The runtime as apps get it (npm deps external): what `--bundle` inlines. */
export const runtimeModuleUrl = new URL("./runtime.mjs", import.meta.url);
/** The same runtime with its npm deps inlined (faster to load): what `run` and `demo` use. */
export const cliRuntimeModuleUrl = new URL("./cli-runtime.mjs", import.meta.url);
export const standaloneModuleUrl = new URL("./standalone.mjs", import.meta.url);
export const demoMissionUrl = new URL("../demo/fan-out-fan-in.reqon", import.meta.url);
/** The compiler as a classic script, and V8's code cache of it for a command (see compiler-loader.ts). */
export const compilerScriptUrl = new URL("./cli-compiler.cjs", import.meta.url);
export function compilerCacheUrlFor(command: string): URL {
  return new URL(`./${codeCacheFileFor(command)}`, import.meta.url);
}

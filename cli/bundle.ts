// `reqonc build --bundle`: one standalone ESM script with the runtime and every npm dependency
// inlined, so it runs with plain `node` from an empty folder (§30.2, §31.1).
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";
import { runtimeModuleUrl, standaloneModuleUrl } from "./dist-files.ts";
import { usageError } from "./exit.ts";

type Esbuild = typeof import("esbuild");

// Inlined CommonJS dependencies (got's http2-wrapper, dotenv) call require() for Node built-ins,
// which an ESM bundle only has when given one. (The dist/ chunks inlined here carry a banner of
// their own, which esbuild renames; this one's names must differ from it.)
const REQUIRE_BANNER =
  'import { createRequire as __reqoncBundleCreateRequire } from "node:module"; const require = __reqoncBundleCreateRequire(import.meta.url);';

const inlineRuntime: Plugin = {
  name: "reqonc-runtime",
  setup(build) {
    build.onResolve({ filter: /^reqonc\/runtime$/ }, () => ({ path: fileURLToPath(runtimeModuleUrl) }));
  },
};

/** The bundle's entry: re-exports the mission, adds `handler` and direct execution. */
function entrySource(missionTsPath: string): string {
  const standalone = JSON.stringify(fileURLToPath(standaloneModuleUrl));
  return [
    `import { run, mission } from ${JSON.stringify(missionTsPath)};`,
    `import { createHandler, isMainModule, runStandalone } from ${standalone};`,
    `export { run, mission };`,
    `export const handler = createHandler(run);`,
    `if (isMainModule(import.meta.url)) await runStandalone({ run, mission });`,
    "",
  ].join("\n");
}

/**
 * esbuild, which only `--bundle` needs: it is an optional peer dependency, so an app that only
 * runs missions does not install its ~10 MB binary. Loaded before anything is written.
 */
export async function loadEsbuild(): Promise<Esbuild> {
  try {
    return await import("esbuild");
  } catch (e) {
    const missing = (e as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND" && String((e as Error).message).includes("'esbuild'");
    if (!missing) throw e;
    throw usageError("--bundle needs esbuild, which is not installed; add it with `npm install --save-dev esbuild`");
  }
}

export async function bundleMission(esbuild: Esbuild, missionTsPath: string, outFile: string): Promise<void> {
  await esbuild.build({
    stdin: { contents: entrySource(missionTsPath), loader: "js", sourcefile: "reqonc-entry.js", resolveDir: process.cwd() },
    outfile: outFile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    banner: { js: `#!/usr/bin/env node\n${REQUIRE_BANNER}` },
    plugins: [inlineRuntime],
    logLevel: "silent",
  });
}

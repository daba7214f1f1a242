// `reqonc run`: turn the generated TypeScript into a live module without touching the disk.
// esbuild strips the types and points `reqonc/runtime` at the CLI's runtime copy
// (dist/cli-runtime.mjs), then Node imports the result from a data: URL.
import type { Plugin } from "esbuild";
import { cliRuntimeModuleUrl } from "./dist-files.ts";
import type { MissionModule } from "./run-main.ts";

const useCliRuntime: Plugin = {
  name: "reqonc-runtime",
  setup(build) {
    build.onResolve({ filter: /^reqonc\/runtime$/ }, () => ({ path: cliRuntimeModuleUrl.href, external: true }));
  },
};

/**
 * Starts what loading a mission needs — esbuild's service process and the runtime module —
 * so that it gets ready while the caller compiles the mission.
 */
export function prepareMissionLoading(): () => Promise<typeof import("esbuild")> {
  const esbuild = import("esbuild").then(async (module) => {
    await module.transform("", { loader: "ts" }); // spawns the esbuild service
    return module;
  });
  const runtime = import(cliRuntimeModuleUrl.href);
  // Failures surface when the mission is loaded; until then they must not count as unhandled.
  esbuild.catch(() => {});
  runtime.catch(() => {});
  return () => esbuild;
}

export async function loadMissionModule(
  ts: string,
  file: string,
  esbuildReady: () => Promise<typeof import("esbuild")> = () => import("esbuild"),
): Promise<MissionModule> {
  const { build } = await esbuildReady();
  const output = await build({
    stdin: { contents: ts, loader: "ts", sourcefile: `${file}.ts` },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [useCliRuntime],
    logLevel: "silent",
  });
  const js = output.outputFiles[0]!.text;
  return (await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`)) as MissionModule;
}

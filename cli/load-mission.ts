// `reqonc run` / `reqonc demo`: turn a compiled mission into a live module without a
// transpiler and without touching the disk. The compiler emits the module as plain JavaScript
// too; its one `reqonc/runtime` import is pointed at the CLI's runtime copy
// (dist/cli-runtime.mjs) and Node imports the text from a data: URL. Keeping esbuild off this
// path keeps `run` quick to reach its first request.
import { cliRuntimeModuleUrl } from "./dist-files.ts";
import type { MissionModule } from "./run-main.ts";

const RUNTIME_IMPORT = 'from "reqonc/runtime";';

/** Starts loading the runtime so that it gets ready while the caller compiles the mission. */
export function prepareMissionLoading(): void {
  // Failures surface when the mission is loaded; until then they must not count as unhandled.
  import(cliRuntimeModuleUrl.href).catch(() => {});
}

export async function loadMissionModule(js: string): Promise<MissionModule> {
  const at = js.indexOf(RUNTIME_IMPORT);
  if (at < 0) throw new Error("generated module has no runtime import");
  const linked = js.slice(0, at) + `from ${JSON.stringify(cliRuntimeModuleUrl.href)};` + js.slice(at + RUNTIME_IMPORT.length);
  return (await import(`data:text/javascript;base64,${Buffer.from(linked).toString("base64")}`)) as MissionModule;
}

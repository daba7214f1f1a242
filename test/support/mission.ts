// Compile a mission source and import the generated module inside the test process.
// The generated `reqonc/runtime` import is pointed at the runtime sources, so a test runs the
// real generated code over the real runtime, exactly as a user's app would.
import { mkdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../../compiler/index.ts";
import { formatDiagnostics } from "../../compiler/diagnostics/format.ts";
import type { MissionInfo, RunEvent, RunOptions, RunResult } from "../../runtime/core/types.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = join(root, "test", ".generated");

export interface LoadedMission {
  mission: MissionInfo;
  run(options?: RunOptions): Promise<RunResult>;
  ts: string;
}

export async function loadMission(source: string, file = "mission.reqon"): Promise<LoadedMission> {
  const result = compile(source, { file });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || result.ts === undefined) {
    throw new Error(`mission did not compile:\n${formatDiagnostics(errors, source, file)}`);
  }
  const ts = result.ts.replace(`from "reqonc/runtime"`, `from ${JSON.stringify(join(root, "runtime", "index.ts"))}`);
  mkdirSync(outDir, { recursive: true });
  const name = createHash("sha1").update(ts).digest("hex").slice(0, 12);
  const path = join(outDir, `m-${name}.ts`);
  writeFileSync(path, ts);
  const mod = (await import(path)) as { mission: MissionInfo; run: LoadedMission["run"] };
  return { mission: mod.mission, run: mod.run, ts: result.ts };
}

/** Runs a mission and records its events. */
export async function runMission(
  loaded: LoadedMission,
  options: RunOptions = {},
): Promise<{ result: RunResult; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const result = await loaded.run({ ...options, onEvent: (e) => { events.push(e); options.onEvent?.(e); } });
  return { result, events };
}

/** Timeline entry of one action (first occurrence). */
export function entry(result: RunResult, action: string) {
  const found = result.timeline.find((t) => t.action === action);
  if (!found) throw new Error(`no timeline entry for ${action}`);
  return found;
}

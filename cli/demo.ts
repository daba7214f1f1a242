// `reqonc demo`: runs the docs' fan-out/fan-in mission against a built-in local API and prints
// the summary, whose timeline shows the two enrichment actions running in parallel.
import { readFileSync } from "node:fs";
import { startDemoServer } from "../demo/server.ts";
import { generateMission, outputOf } from "./compile-file.ts";
import { demoMissionUrl } from "./dist-files.ts";
import { loadMissionModule } from "./load-mission.ts";
import type { MissionFile } from "./mission-file.ts";
import { runCompiledMission } from "./run-main.ts";

export async function demoCommand(): Promise<number> {
  const file: MissionFile = {
    path: "demo/fan-out-fan-in.reqon",
    stem: "fan-out-fan-in",
    source: readFileSync(demoMissionUrl, "utf8"),
  };
  const server = await startDemoServer();
  try {
    process.stderr.write(`reqonc demo: running ${file.path} against the demo API at ${server.url}\n`);
    const module = await loadMissionModule(outputOf(generateMission(file, "demo", {}), "js"));
    return await runCompiledMission(module, { base: [`default=${server.url}`] });
  } finally {
    await server.close();
  }
}

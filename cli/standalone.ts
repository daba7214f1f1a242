// What a `reqonc build --bundle` script adds around the compiled mission (§31.1):
// `handler(event)` for serverless hosts, and `node mission.mjs [run flags]` behaving like
// `reqonc run` for that mission. Built as dist/standalone.mjs and inlined into each bundle.
import { realpathSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { Command } from "commander";
import type { RunOptions, RunResult } from "../runtime/core/types.ts";
import { runCommandLine } from "./command-line.ts";
import { addRunFlags, type RunFlags } from "./run-flags.ts";
import { runCompiledMission, type MissionModule } from "./run-main.ts";

// The options a serverless event may carry: the JSON-compatible fields of RunOptions.
const EVENT_OPTION_FIELDS = ["auth", "env", "inputs", "baseUrls", "dryRun", "dataDir"] as const;

/** `handler(event)`: a string `event.body` is parsed as JSON options, else `event` is the options. */
export function createHandler(run: MissionModule["run"]): (event?: unknown) => Promise<RunResult> {
  return async (event) => run(eventOptions(event));
}

function eventOptions(event: unknown): RunOptions {
  const body = (event as { body?: unknown } | null | undefined)?.body;
  const source: unknown = typeof body === "string" ? parseBody(body) : event;
  if (typeof source !== "object" || source === null) return {};
  const options: Record<string, unknown> = {};
  for (const field of EVENT_OPTION_FIELDS) {
    const value = (source as Record<string, unknown>)[field];
    if (value !== undefined) options[field] = value;
  }
  return options as RunOptions;
}

/** The event body as JSON. The parser's message quotes the text, which may hold credentials. */
function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error("handler: event.body is not valid JSON");
  }
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}

export function runStandalone(module: MissionModule, argv: string[] = process.argv.slice(2)): Promise<never> {
  const program = addRunFlags(new Command(basename(process.argv[1] ?? "mission.mjs")))
    .description(`Run mission ${module.mission.name} (like \`reqonc run\`)`)
    .action(async (flags: RunFlags) => {
      process.exitCode = await runCompiledMission(module, flags);
    });
  return runCommandLine(program, argv);
}

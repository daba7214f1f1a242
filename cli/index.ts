// The reqonc command line (LANGUAGE.md Part IV §30). Only commander loads up front; each command
// imports its module when it runs, so `reqonc check` never loads esbuild or the runtime.
import { Command } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { runCommandLine } from "./command-line.ts";
import type { BuildFlags } from "./build.ts";
import type { CheckFlags } from "./check.ts";
import { addRunFlags, type RunFlags } from "./run-flags.ts";
import { addWarnFlag, type WarnFlags } from "./warn-flag.ts";

function setExit(code: number): void {
  process.exitCode = code;
}

const program = new Command("reqonc")
  .description("Compile and run Reqon missions (API data-sync pipelines)")
  .version(packageJson.version)
  .showHelpAfterError("(run 'reqonc help' for usage)");

addWarnFlag(
  program
    .command("check")
    .description("parse and check a mission; diagnostics on stderr")
    .argument("<file>", "a .reqon or .vague file, or a mission folder")
    .option("--json", "print the diagnostics as one JSON array on stdout")
    .option("--schedule", "also print each scheduled mission's next five run times on stdout"),
).action(async (file: string, flags: CheckFlags) => setExit(await (await import("./check.ts")).checkCommand(file, flags)));

addWarnFlag(
  program
    .command("emit")
    .description("print the generated TypeScript module on stdout")
    .argument("<file>", "a .reqon or .vague file, or a mission folder"),
).action(async (file: string, flags: WarnFlags) => setExit((await import("./emit.ts")).emitCommand(file, flags)));

addWarnFlag(program
  .command("build")
  .description("write DIR/<stem>.ts, .js and .d.ts (and with --bundle a standalone .mjs)")
  .argument("<file>", "a .reqon or .vague file, or a mission folder")
  .option("-o, --out <dir>", "output directory (default: the current directory)")
  .option("--bundle", "also write DIR/<stem>.mjs with the runtime inlined"))
  .action(async (file: string, flags: BuildFlags) =>
    setExit(await (await import("./build.ts")).buildCommand(file, flags)),
  );

addWarnFlag(addRunFlags(
  program
    .command("run")
    .description("compile a mission in memory and run it")
    .argument("<file>", "a .reqon or .vague file, or a mission folder"),
)).action(async (file: string, flags: RunFlags & WarnFlags) => setExit(await (await import("./run.ts")).runCommand(file, flags)));

program
  .command("daemon")
  .description("run scheduled missions on their schedules until SIGINT/SIGTERM (or once with --once)")
  .argument("<paths...>", "mission files, mission folders, or folders of missions")
  .option("--auth <file>", "credential file (JSON, keyed by source name)")
  .option("--env <file>", "dotenv file for env() and ${VAR} lookups")
  .option("--base <source=url>", "override a source's base URL (repeatable)", (v: string, p: string[] = []) => [...p, v])
  .option("--data-dir <dir>", "where persistent stores and execution state live (default .reqon-data)")
  .option("--once", "run every mission once now, then exit with the worst status")
  .option("--json", "log one JSON object per line on stdout")
  .option("--grace <seconds>", "on SIGINT/SIGTERM, how long to wait for running runs before cancelling them", "30")
  .option("--redis <url>", "share schedules between daemons through Redis (§42.4)")
  .action(async (paths: string[], flags: import("./daemon.ts").DaemonFlags) =>
    setExit(await (await import("./daemon.ts")).daemonCommand(paths, flags)),
  );

program
  .command("runs")
  .description("list recorded executions (run --state, daemon), newest first")
  .option("--data-dir <dir>", "where execution state lives (default .reqon-data)")
  .option("--mission <name>", "only executions of this mission")
  .option("--json", "print one JSON array on stdout")
  .action(async (flags: import("./runs.ts").RunsFlags) => setExit(await (await import("./runs.ts")).runsCommand(flags)));

program
  .command("demo")
  .description("run a fan-out/fan-in mission against a built-in local API")
  .action(async () => setExit(await (await import("./demo.ts")).demoCommand()));

await runCommandLine(program, process.argv.slice(2));

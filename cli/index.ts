// The reqonc command line (LANGUAGE.md Part IV §30). Only commander loads up front; each command
// imports its module when it runs, so `reqonc check` never loads esbuild or the runtime.
import { Command } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { runCommandLine } from "./command-line.ts";
import { addRunFlags, type RunFlags } from "./run-flags.ts";

function setExit(code: number): void {
  process.exitCode = code;
}

const program = new Command("reqonc")
  .description("Compile and run Reqon missions (API data-sync pipelines)")
  .version(packageJson.version)
  .showHelpAfterError("(run 'reqonc help' for usage)");

program
  .command("check")
  .description("parse and check a mission; diagnostics on stderr")
  .argument("<file>", "a .reqon or .vague file")
  .option("--schedule", "also print each scheduled mission's next five run times on stdout")
  .action(async (file: string, flags: { schedule?: boolean }) =>
    setExit(await (await import("./check.ts")).checkCommand(file, flags)),
  );

program
  .command("emit")
  .description("print the generated TypeScript module on stdout")
  .argument("<file>", "a .reqon or .vague file")
  .action(async (file: string) => setExit((await import("./emit.ts")).emitCommand(file)));

program
  .command("build")
  .description("write DIR/<stem>.ts, .js and .d.ts (and with --bundle a standalone .mjs)")
  .argument("<file>", "a .reqon or .vague file")
  .option("-o, --out <dir>", "output directory (default: the current directory)")
  .option("--bundle", "also write DIR/<stem>.mjs with the runtime inlined")
  .action(async (file: string, flags: { out?: string; bundle?: boolean }) =>
    setExit(await (await import("./build.ts")).buildCommand(file, flags)),
  );

addRunFlags(
  program
    .command("run")
    .description("compile a mission in memory and run it")
    .argument("<file>", "a .reqon or .vague file"),
).action(async (file: string, flags: RunFlags) => setExit(await (await import("./run.ts")).runCommand(file, flags)));

program
  .command("demo")
  .description("run a fan-out/fan-in mission against a built-in local API")
  .action(async () => setExit(await (await import("./demo.ts")).demoCommand()));

await runCommandLine(program, process.argv.slice(2));

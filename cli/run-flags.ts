// The flags of `reqonc run` (§30.3), shared by the CLI and by bundled missions run directly
// with `node mission.mjs …` (§31.1). Parsing only: reading the files happens in run-options.ts.
import type { Command } from "commander";

export interface RunFlags {
  auth?: string;
  env?: string;
  input?: string[];
  base?: string[];
  output?: string;
  dryRun?: boolean;
  verbose?: boolean;
  json?: boolean;
  trace?: string;
  dataDir?: string;
  state?: boolean;
  resume?: string;
  force?: boolean;
}

/** Commander collector of a repeatable flag. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addRunFlags(command: Command): Command {
  return command
    .option("--auth <file>", "credential file (JSON, keyed by source name)")
    .option("--env <file>", "dotenv file for env() and ${VAR} lookups")
    .option("--input <store=file>", "JSON records for a store (repeatable)", collect)
    .option("--base <source=url>", "override a source's base URL (repeatable)", collect)
    .option("--output <dir>", "write <dir>/<store>.json for every store after the run")
    .option("--dry-run", "send no HTTP requests; responses are null")
    .option("--verbose", "print a progress log of run events on stderr")
    .option("--json", "print exactly the result object as JSON on stdout")
    .option("--trace <file>", "write every run event as one JSON line to <file>")
    .option("--data-dir <dir>", "where persistent stores and execution state live (default .reqon-data)")
    .option("--state", "record execution state in <data-dir>/executions/<id>.json (resumable)")
    .option("--resume <id>", "resume execution <id>: skip what succeeded in it and run the rest")
    .option("--force", "with --resume: accept a mission changed since that execution");
}

/** Splits `NAME=VALUE` at the first `=`; null when either side is empty or there is no `=`. */
export function splitAssignment(text: string): { name: string; value: string } | null {
  const at = text.indexOf("=");
  if (at <= 0 || at === text.length - 1) return null;
  return { name: text.slice(0, at), value: text.slice(at + 1) };
}

// `--warn CODE=off|warning|error` (§30.1) on check, emit, build and run: repeatable; the last
// setting of a code wins. compile-file.ts checks the codes against the catalogue.
import type { Command } from "commander";
import { collect } from "./run-flags.ts";

export interface WarnFlags {
  warn?: string[];
}

export function addWarnFlag(command: Command): Command {
  return command.option("--warn <code=level>", "set a warning code to off, warning or error (repeatable)", collect);
}

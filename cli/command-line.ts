// Runs a commander program as a process: exit codes of §30, messages without stack traces,
// and "reqonc: internal error: …" (exit 1) for anything unexpected.
import { CommanderError, type Command } from "commander";
import { EXIT_FAILED, EXIT_USAGE, errorMessage, isCliExit } from "./exit.ts";

export async function runCommandLine(program: Command, argv: string[]): Promise<never> {
  ignoreClosedReader(process.stdout);
  ignoreClosedReader(process.stderr);
  process.on("uncaughtException", (e) => exitNow(reportFailure(e)));
  process.on("unhandledRejection", (e) => exitNow(reportFailure(e)));
  throwInsteadOfExiting(program);
  let code: number;
  try {
    process.exitCode = 0;
    await program.parseAsync(argv, { from: "user" });
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    code = reportFailure(e);
  }
  return exitAfterFlush(code);
}

/**
 * `reqonc run … --json | head -c 100`: once the reader has gone, further output has nowhere to go
 * and is dropped quietly (as SIGPIPE would end a C program), instead of ending in an "internal
 * error: write EPIPE" that nobody can read either. The command still finishes its work.
 */
function ignoreClosedReader(stream: NodeJS.WriteStream): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") return;
    exitNow(reportFailure(e));
  });
}

/** Commander errors (unknown flag, missing argument) become exceptions, so they exit with 2. */
function throwInsteadOfExiting(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) throwInsteadOfExiting(sub);
}

/** Prints why the command failed (if not printed yet) and returns its exit code. */
export function reportFailure(e: unknown): number {
  if (e instanceof CommanderError) {
    // Commander already printed the message; --help and --version end successfully.
    return e.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (isCliExit(e)) {
    if (e.message !== "") process.stderr.write(`reqonc: ${e.message}\n`);
    return e.exitCode;
  }
  process.stderr.write(`reqonc: internal error: ${errorMessage(e)}\n`);
  return EXIT_FAILED;
}

async function exitAfterFlush(code: number): Promise<never> {
  // Exit explicitly (open HTTP keep-alive sockets must not hold the process), but only once
  // everything written to stdout/stderr has been handed to the OS.
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  return exitNow(code);
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

function exitNow(code: number): never {
  process.exit(code);
}

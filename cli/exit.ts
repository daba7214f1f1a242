// Exit codes of LANGUAGE.md §30 and the one error type commands throw to end with one.

export const EXIT_SUCCEEDED = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_PARTIAL = 3;

/**
 * Ends the command with `exitCode` after printing `message` (prefixed `reqonc: `) on stderr.
 * An empty message means the reason was already printed (e.g. compile diagnostics).
 */
export class CliExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number, message = "") {
    super(message);
    this.name = "CliExit";
    this.exitCode = exitCode;
  }
}

/** A usage problem (bad flag, unreadable or invalid file, compile error): exit 2. */
export function usageError(message: string): CliExit {
  return new CliExit(EXIT_USAGE, message);
}

export function isCliExit(e: unknown): e is CliExit {
  return e instanceof CliExit;
}

/** The text of any thrown value, without a stack trace. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

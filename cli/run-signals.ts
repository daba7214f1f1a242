// SIGINT and SIGTERM during `reqonc run` (§30.3): the first cancels the run (§7.4), which then
// finishes normally — result printed, --output and --trace written — and the process exits 130
// or 143; a second signal exits at once with that code.

export type RunSignal = "SIGINT" | "SIGTERM";

const EXIT_CODES: Record<RunSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export class RunSignals {
  /** The first signal received, or null. */
  received: RunSignal | null = null;
  private readonly handlers = new Map<RunSignal, () => void>();

  /** `onFirst` is called once, with the reason the run's AbortSignal should carry. */
  constructor(private readonly onFirst: (reason: Error) => void) {}

  install(): void {
    for (const signal of Object.keys(EXIT_CODES) as RunSignal[]) {
      const handler = (): void => this.receive(signal);
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** Restores the default handling (a signal after this ends the process the usual way). */
  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.handlers.clear();
  }

  /** The exit code the signal asks for, or null when none arrived. */
  exitCode(): number | null {
    return this.received === null ? null : EXIT_CODES[this.received];
  }

  private receive(signal: RunSignal): void {
    if (this.received !== null) {
      // The user insists: no more waiting for the run to wind down.
      process.exit(EXIT_CODES[this.received]);
    }
    this.received = signal;
    this.onFirst(cancelledBy(signal));
  }
}

/**
 * The abort reason: the runtime takes the message of a reason whose `code` is "CANCELLED" for the
 * run's CANCELLED error record (§7.4), so the result says which signal stopped the run.
 */
function cancelledBy(signal: RunSignal): Error {
  return Object.assign(new Error(`run cancelled by ${signal}`), { code: "CANCELLED" });
}

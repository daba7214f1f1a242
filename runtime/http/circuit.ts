// Per-source circuit breaker (LANGUAGE.md §25.3). Failures are network errors, timeouts and 5xx
// responses, counted per attempt; everything else that got an answer counts as a success.
import { ReqonError, numberOption, type NumberRule } from "../core/errors.ts";
import type { SourceConfig } from "../core/types.ts";

const NON_NEGATIVE: NumberRule = { min: "non-negative" };

type State = "closed" | "open" | "half-open";

export class CircuitBreaker {
  private state: State = "closed";
  private failures: number[] = [];
  private openedAt = 0;
  private halfOpenTrialRunning = false;
  private consecutiveSuccesses = 0;
  private readonly failureThreshold: number;
  private readonly resetTimeout: number;
  private readonly successThreshold: number;
  private readonly failureWindow: number;

  constructor(private readonly source: string, options: NonNullable<SourceConfig["circuitBreaker"]>,
    private readonly now: () => number = Date.now) {
    this.failureThreshold = numberOption(options.failureThreshold, 5, NON_NEGATIVE, `circuitBreaker failureThreshold of source '${source}'`);
    this.resetTimeout = numberOption(options.resetTimeout, 30_000, NON_NEGATIVE, `circuitBreaker resetTimeout of source '${source}'`);
    this.successThreshold = numberOption(options.successThreshold, 2, NON_NEGATIVE, `circuitBreaker successThreshold of source '${source}'`);
    this.failureWindow = numberOption(options.failureWindow, 60_000, NON_NEGATIVE, `circuitBreaker failureWindow of source '${source}'`);
  }

  /** Lets one attempt through or throws CIRCUIT_OPEN without touching the network. */
  admit(): void {
    if (this.state === "open" && this.now() - this.openedAt >= this.resetTimeout) {
      this.state = "half-open";
      this.consecutiveSuccesses = 0;
    }
    if (this.state === "open" || (this.state === "half-open" && this.halfOpenTrialRunning)) {
      throw new ReqonError("CIRCUIT_OPEN", `circuit breaker for source '${this.source}' is open`);
    }
    if (this.state === "half-open") this.halfOpenTrialRunning = true;
  }

  /** Records the outcome of an admitted attempt. `cancelled` releases a half-open trial only. */
  record(outcome: "success" | "failure" | "cancelled"): void {
    if (this.state === "half-open") {
      this.halfOpenTrialRunning = false;
      if (outcome === "failure") this.open();
      else if (outcome === "success" && ++this.consecutiveSuccesses >= this.successThreshold) this.close();
      return;
    }
    if (outcome !== "failure" || this.state !== "closed") return;
    const now = this.now();
    this.failures = this.failures.filter((t) => t > now - this.failureWindow);
    this.failures.push(now);
    if (this.failures.length >= this.failureThreshold) this.open();
  }

  private open(): void {
    this.state = "open";
    this.openedAt = this.now();
    this.failures = [];
  }

  private close(): void {
    this.state = "closed";
    this.failures = [];
    this.consecutiveSuccesses = 0;
  }
}

// What one run shares across its pipeline, actions and contexts: the compiled mission, options,
// stores, HTTP layer, the error list, the failed flag and the one Cancellation (§7.4).
import { Cancellation } from "./cancel.ts";
import { clockOf, type Clock } from "./clock.ts";
import { ReqonError, messageOf } from "./errors.ts";
import type { Emit, RunClock } from "./events.ts";
import type { HttpRuntime } from "../http/http-runtime.ts";
import type { StoreSet } from "../stores/store-set.ts";
import type { ExecutionRecorder } from "../state/recorder.ts";
import type { CompiledMission, ErrorRecord, RunOptions } from "./types.ts";

/** One appearance of an action in the pipeline; jumped-to actions run under their caller's. */
export interface Occurrence {
  action: string;
  stage: number;
  /** Decides the timeline status of a failed run of this occurrence (and records the error). */
  settle(error: unknown): "failed" | "cancelled";
}

export interface RunStateInit {
  compiled: CompiledMission;
  options: RunOptions;
  clock: RunClock;
  emit: Emit;
  env: (name: string) => string | null;
  stores: StoreSet;
}

export class RunState {
  readonly compiled: CompiledMission;
  readonly options: RunOptions;
  readonly clock: RunClock;
  /** Wall clock and waits (back-off of the `retry` step); tests may inject one. */
  readonly time: Clock;
  readonly emit: Emit;
  readonly env: (name: string) => string | null;
  readonly stores: StoreSet;
  /** Set once the run-start checks have passed (it needs the evaluated sources). */
  http: HttpRuntime | null = null;
  /** Execution state (§37) when recorded: also knows the occurrences a resumed run carries over. */
  execution: ExecutionRecorder | null = null;
  readonly errors: ErrorRecord[] = [];
  failed = false;
  /** Run time at which cancellation fired; never-started actions end there (§7.7). */
  cancelledAt: number | null = null;
  /** The occurrence whose run executed `abort`: it alone is "failed", the rest "cancelled". */
  abortedBy: Occurrence | null = null;
  private readonly cancellation = new Cancellation();

  constructor(init: RunStateInit) {
    this.compiled = init.compiled;
    this.options = init.options;
    this.clock = init.clock;
    this.time = clockOf(init.options);
    this.emit = init.emit;
    this.env = init.env;
    this.stores = init.stores;
  }

  get signal(): Cancellation {
    return this.cancellation;
  }

  get mission(): CompiledMission["mission"] {
    return this.compiled.mission;
  }

  /** The request limit and loop limit of one action run (`concurrency`, default 10, §5). */
  actionConcurrency(action: string): number {
    return this.mission.actions.find((a) => a.name === action)?.concurrency ?? 10;
  }

  httpRuntime(): HttpRuntime {
    if (this.http === null) throw new ReqonError("CONFIG_ERROR", "requests cannot run before the run has started");
    return this.http;
  }

  record(action: string, error: unknown): void {
    this.errors.push(errorRecord(action, error));
  }

  /** Fires the run's cancellation (fail-fast, abort, external signal); later calls do nothing. */
  cancel(): void {
    if (this.cancellation.aborted) return;
    this.cancelledAt = this.clock.now();
    this.cancellation.cancel();
  }

  /** `abort msg` (§14): one ABORTED record, status failed, cancellation for everything else. */
  abortMission(occurrence: Occurrence, error: ReqonError): void {
    this.abortedBy = occurrence;
    this.record(occurrence.action, error);
    this.failed = true;
    this.cancel();
  }

  /**
   * The caller's `signal` fired (§7.4). A reason whose `code` is "CANCELLED" gives the record its
   * message (the CLI's "run cancelled by SIGTERM", §30.3); matched by shape, not class, as the
   * caller may hold another copy of the runtime.
   */
  cancelExternally(reason?: unknown): void {
    if (this.cancellation.aborted) return;
    this.errors.push({ action: "", message: cancelMessage(reason), code: "CANCELLED" });
    this.failed = true;
    this.cancel();
  }

  /** Stamps `file:line:col` of the step that was running onto a runtime error (once). */
  locate(error: unknown, at: string | null): void {
    if (error instanceof ReqonError && error.at === undefined && at !== null) {
      // A step in a part file of a mission folder carries its own file (`actions/x.reqon:6:5`, §33).
      error.at = STEP_IN_ROOT.test(at) ? `${this.compiled.file}:${at}` : at;
    }
  }
}

function cancelMessage(reason: unknown): string {
  const given = reason as { code?: unknown; message?: unknown } | null | undefined;
  const usable = given?.code === "CANCELLED" && typeof given.message === "string" && given.message !== "";
  return usable ? (given.message as string) : "run cancelled";
}

const STEP_IN_ROOT = /^\d+:\d+$/;

export function errorRecord(action: string, error: unknown): ErrorRecord {
  return { action, ...errorFields(error) };
}

/** What an error record (§7.3) says of an error: message, and code and status for a ReqonError. */
export function errorFields(error: unknown): Omit<ErrorRecord, "action"> {
  if (!(error instanceof ReqonError)) return { message: messageOf(error) };
  return error.status === undefined
    ? { message: error.message, code: error.code }
    : { message: error.message, code: error.code, status: error.status };
}

// Running one action (LANGUAGE.md §5, §23.3): a fresh scope and response cell, its own request
// limiter, `action.start`/`action.end` events, and the success hooks of its requests (§24.5).
// Pipeline occurrences settle into a timeline status; jumped-to actions throw to their caller.
import { throwIfCancelled } from "./cancel.ts";
import { Context } from "./context.ts";
import { ReqonError } from "./errors.ts";
import type { RequestCall } from "../http/http-runtime.ts";
import { createLimiter, type Slot } from "./limiter.ts";
import { errorFields, type Occurrence, type RunState } from "./run-state.ts";
import type { TimelineStatus } from "./types.ts";

/** Nesting deeper than this many jumps is JUMP_DEPTH (§23.3). */
export const MAX_JUMP_DEPTH = 16;

/** State shared by the root context of an action run and every child context (loop cells). */
export class ActionRun {
  readonly slot: Slot;
  readonly successHooks: (() => Promise<void>)[] = [];
  /** What the HTTP layer needs of this action run; one object for all its requests. */
  readonly requestCall: RequestCall;

  constructor(
    readonly run: RunState,
    readonly action: string,
    readonly occurrence: Occurrence,
    /** 0 for a pipeline occurrence, n for the n-th nested jump. */
    readonly depth: number,
  ) {
    this.slot = createLimiter(run.actionConcurrency(action), run.signal);
    this.requestCall = {
      action,
      signal: run.signal,
      slot: this.slot,
      onActionSuccess: (fn) => {
        this.successHooks.push(fn);
      },
    };
  }
}

/** Runs a pipeline occurrence to its timeline status; never throws for the action's failure. */
export async function runPipelineAction(run: RunState, occurrence: Occurrence): Promise<TimelineStatus> {
  const actionRun = new ActionRun(run, occurrence.action, occurrence, 0);
  const outcome = await execute(actionRun, "pipeline", (error) => occurrence.settle(error));
  return outcome.status;
}

/** `jump A` / `run A`: a nested action run under the caller's occurrence (no timeline entry). */
export async function runJumpedAction(caller: ActionRun, action: string): Promise<void> {
  const depth = caller.depth + 1;
  if (depth > MAX_JUMP_DEPTH) {
    throw new ReqonError("JUMP_DEPTH", `jump to '${action}' nests more than ${MAX_JUMP_DEPTH} jumps`);
  }
  const { run, occurrence } = caller;
  const outcome = await execute(new ActionRun(run, action, occurrence, depth), "jump", () => {
    if (run.abortedBy === occurrence) return "failed";
    return run.signal.aborted ? "cancelled" : "failed";
  });
  if (outcome.status !== "succeeded") throw nameInnerAction(run, action, outcome.error);
}

type Outcome = { status: "succeeded" } | { status: "failed" | "cancelled"; error: unknown };

/**
 * Runs the action function with a fresh root context. `settle` classifies a failure; it runs
 * synchronously in the catch, before anything else can observe the run (fail-fast relies on it).
 */
async function execute(
  actionRun: ActionRun, via: "pipeline" | "jump", settle: (error: unknown) => "failed" | "cancelled",
): Promise<Outcome> {
  const { run, action, occurrence } = actionRun;
  const cx = new Context(actionRun, null, null);
  let started = false;
  try {
    const fn = run.compiled.actions[action];
    if (fn === undefined) throw new ReqonError("CONFIG_ERROR", `unknown action '${action}'`);
    throwIfCancelled(run.signal);
    run.emit({ type: "action.start", action, stage: occurrence.stage, via });
    started = true;
    await fn(cx);
    if (via === "pipeline") await writeStoreFiles(run);
    // After the files: a sync checkpoint (§24.5) must not run ahead of the records it covers.
    for (const hook of actionRun.successHooks) await hook();
  } catch (error) {
    run.locate(error, cx.at);
    const status = settle(error);
    // What the failed action stored is kept (§7.4); a write failure here is the run's to report.
    if (via === "pipeline") await run.stores.flush();
    if (started) run.emit({ type: "action.end", action, stage: occurrence.stage, status, ...endError(status, error) });
    return { status, error };
  }
  run.emit({ type: "action.end", action, stage: occurrence.stage, status: "succeeded" });
  return { status: "succeeded" };
}

/**
 * Every pipeline action's end writes the file stores (§27.1), so its `action.end` follows its
 * records onto disk. Jumped-to actions do not: a loop jumping once per record would write the
 * whole file per record again. A failed write fails the action with STORE_ERROR.
 */
async function writeStoreFiles(run: RunState): Promise<void> {
  await run.stores.flush();
  const failure = run.stores.takeFailure();
  if (failure !== null) throw failure;
}

/** The `error` of a failed `action.end` event: the error record's fields (§7.3) and where it failed. */
function endError(status: string, error: unknown): { error?: { message: string; code?: ReqonError["code"]; status?: number; at?: string } } {
  if (status !== "failed") return {};
  const fields = errorFields(error);
  const at = error instanceof ReqonError ? error.at : undefined;
  return { error: at === undefined ? fields : { ...fields, at } };
}

const NAMED = Symbol("reqonc.innerActionNamed");

/** A failure inside a jumped-to action names that action in its message (§7.5), once. */
function nameInnerAction(run: RunState, action: string, error: unknown): unknown {
  if (!(error instanceof Error) || run.signal.aborted || (error as { [NAMED]?: true })[NAMED]) return error;
  error.message = `in jumped action '${action}': ${error.message}`;
  (error as { [NAMED]?: true })[NAMED] = true;
  return error;
}

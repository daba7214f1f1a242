// The Pipeline handed to generated code (LANGUAGE.md §6, §7): stages strictly in order; a
// parallel group is a sliding pool of `maxConcurrency` (p-map) in declaration order, settled
// all-settled or fail-fast. A stage that ends the mission throws PipelineHalted, which unwinds
// the generated straight-line pipeline back to runMission.
import pMap from "p-map";
import { runPipelineAction } from "./action-run.ts";
import type { Occurrence, RunState } from "./run-state.ts";
import { markNeverStarted, type PendingEntry, type Timeline } from "./timeline.ts";
import type { Pipeline } from "./types.ts";

export class PipelineHalted extends Error {
  constructor() {
    super("pipeline halted");
    this.name = "PipelineHalted";
  }
}

/** How a failure of one occurrence affects the run (§7.2, §7.3). */
type FailurePolicy = "standalone" | "all-settled" | "fail-fast";

export class PipelineRunner implements Pipeline {
  private halted = false;

  constructor(
    private readonly run: RunState,
    private readonly timeline: Timeline,
  ) {}

  stage(index: number, action: string): Promise<void> {
    return this.runStage(index, [action], false);
  }

  parallel(index: number, actions: string[]): Promise<void> {
    return this.runStage(index, actions, true);
  }

  private async runStage(index: number, actions: string[], group: boolean): Promise<void> {
    const all = this.timeline.stage(index, actions);
    if (this.halted) throw new PipelineHalted();
    // A resumed run does not run again what succeeded in the execution it resumes (§37).
    const entries = all.filter((entry) => !this.carryOver(entry));
    if (entries.length === 0) return;
    if (this.run.failed || this.run.signal.aborted) {
      for (const entry of entries) markNeverStarted(entry, this.run.cancelledAt ?? this.run.clock.now());
      this.halt();
    }
    this.run.emit({ type: "stage.start", stage: index, actions });
    if (group) {
      const policy: FailurePolicy = this.run.mission.parallelMode === "fail-fast" ? "fail-fast" : "all-settled";
      const concurrency = this.run.mission.maxConcurrency ?? Number.POSITIVE_INFINITY;
      // Members settle themselves (a failure is recorded, never thrown), so this bounded p-map
      // pool is Promise.allSettled with a sliding window. In fail-fast mode the first failure
      // cancels the run (its Cancellation): in-flight siblings' requests are aborted, queued ones
      // never start, and the wait ends as soon as they have unwound.
      await pMap(entries, (entry) => this.runGroupMember(entry, policy), { concurrency });
    } else {
      await this.runOccurrence(entries[0]!, "standalone");
    }
    this.run.emit({ type: "stage.end", stage: index, actions });
    if (this.run.failed) this.halt();
  }

  /** Settles a carried-over occurrence as `skipped` (no requests); true when it was one. */
  private carryOver(entry: PendingEntry): boolean {
    if (this.run.execution?.isCarried(entry.stage, entry.action) !== true) return false;
    entry.start = entry.end = this.run.clock.now();
    entry.status = "skipped";
    return true;
  }

  private halt(): never {
    this.halted = true;
    throw new PipelineHalted();
  }

  /** Queued group members never start once the run is cancelled (§7.3, §7.4). */
  private async runGroupMember(entry: PendingEntry, policy: FailurePolicy): Promise<void> {
    if (this.run.signal.aborted) {
      markNeverStarted(entry, this.run.cancelledAt ?? this.run.clock.now());
      return;
    }
    await this.runOccurrence(entry, policy);
  }

  private async runOccurrence(entry: PendingEntry, policy: FailurePolicy): Promise<void> {
    const run = this.run;
    const occurrence: Occurrence = {
      action: entry.action,
      stage: entry.stage,
      settle: (error) => {
        entry.end = run.clock.now(); // before the cancellation below, which queued entries report
        // The action that ran `abort` already has its record; cancelled siblings get none.
        if (run.abortedBy === occurrence) return "failed";
        if (run.signal.aborted) return "cancelled";
        run.record(entry.action, error);
        if (policy !== "all-settled") run.failed = true;
        if (policy === "fail-fast") run.cancel();
        return "failed";
      },
    };
    entry.start = run.clock.now();
    const errorsBefore = run.errors.length;
    await run.execution?.actionStarted(entry.stage, entry.action);
    entry.status = await runPipelineAction(run, occurrence);
    entry.end ??= run.clock.now();
    // Saved before the pipeline goes on, so what succeeded is on disk whatever happens next.
    const error = run.errors.slice(errorsBefore).find((e) => e.action === entry.action);
    await run.execution?.actionEnded(entry.stage, entry.action, entry.status, error);
  }
}

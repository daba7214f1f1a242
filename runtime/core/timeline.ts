// The result's timeline (LANGUAGE.md §7.7): one entry per action occurrence in the pipeline,
// ordered by stage then position. Entries never started end up "cancelled" (at the cancellation
// time) or "skipped" (at the time the mission ended).
import type { MissionInfo, TimelineEntry, TimelineStatus } from "./types.ts";

export interface PendingEntry {
  action: string;
  stage: number;
  position: number;
  start: number | null;
  end: number | null;
  status: TimelineStatus | null;
}

export class Timeline {
  private readonly entries: PendingEntry[] = [];

  constructor(pipeline: MissionInfo["pipeline"]) {
    for (const stage of pipeline) this.add(stage.stage, stage.actions);
  }

  /** The entries of a stage, created here when the mission table does not list it. */
  stage(stage: number, actions: string[]): PendingEntry[] {
    const listed = this.entries.filter((e) => e.stage === stage);
    const matches = listed.length === actions.length && listed.every((e, i) => e.action === actions[i]);
    if (matches) return listed;
    this.entries.splice(0, this.entries.length, ...this.entries.filter((e) => e.stage !== stage));
    return this.add(stage, actions);
  }

  /** Final entries; everything not settled is "skipped" at `endTime`. */
  finish(endTime: number): TimelineEntry[] {
    return [...this.entries]
      .sort((a, b) => a.stage - b.stage || a.position - b.position)
      .map((e) => ({
        action: e.action,
        stage: e.stage,
        start: e.start ?? endTime,
        end: e.end ?? e.start ?? endTime,
        status: e.status ?? "skipped",
      }));
  }

  private add(stage: number, actions: string[]): PendingEntry[] {
    const added = actions.map((action, position) => ({ action, stage, position, start: null, end: null, status: null }));
    this.entries.push(...added);
    return added;
  }
}

/** Settles an entry that never started because the run was cancelled. */
export function markNeverStarted(entry: PendingEntry, cancelledAt: number): void {
  entry.start = cancelledAt;
  entry.end = cancelledAt;
  entry.status = "cancelled";
}

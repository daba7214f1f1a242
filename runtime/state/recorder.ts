// Records a run's execution state (LANGUAGE.md §37) as it goes: at run start, at every action
// start and end — at the end memory-store snapshots first, then the state file, so a state that says an action
// succeeded always has its data beside it — and at run end. Writes are atomic and serialised;
// the pipeline waits for each one, so a process killed at any moment leaves a resumable state.
import type { ErrorRecord, MissionInfo, RunResult, TimelineStatus } from "../core/types.ts";
import { existsSync } from "node:fs";
import type { RecordMap, StoredRecord } from "../stores/record-map.ts";
import { StoreFile } from "../stores/file-store.ts";
import { join } from "node:path";
import { occurrenceKey, type ResumePlan } from "./resume-plan.ts";
import { snapshotDir, writeState, type ActionState, type ExecutionState, type ExecutionStatus } from "./state-file.ts";

export interface RecorderInit {
  dataDir: string;
  id: string;
  mission: MissionInfo;
  missionHash: string;
  plan: ResumePlan | null;
  /** The memory stores, as they are when a snapshot is taken. */
  memoryStores: () => [string, RecordMap][];
}

export class ExecutionRecorder {
  readonly state: ExecutionState;
  private readonly byOccurrence = new Map<string, ActionState>();
  private readonly snapshots = new Map<string, StoreFile>();
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly init: RecorderInit) {
    const { plan } = init;
    this.state = {
      id: init.id,
      mission: init.mission.name,
      missionHash: init.missionHash,
      status: "running",
      startedAt: new Date().toISOString(),
      endedAt: null,
      resumedFrom: plan?.previous.id ?? null,
      stages: init.mission.pipeline.map((stage) => ({
        stage: stage.stage,
        actions: stage.actions.map((name) => {
          const carried = plan?.carried.get(occurrenceKey(stage.stage, name));
          const action: ActionState = carried === undefined
            ? { name, status: "pending", start: null, end: null }
            : { name, status: "succeeded", start: carried.start, end: carried.end, carriedFrom: carried.carriedFrom ?? plan!.previous.id };
          this.byOccurrence.set(occurrenceKey(stage.stage, name), action);
          return action;
        }),
      })),
      errors: [],
    };
  }

  get id(): string {
    return this.state.id;
  }

  /** Whether this occurrence succeeded in the resumed execution and is not run again. */
  isCarried(stage: number, action: string): boolean {
    return this.byOccurrence.get(occurrenceKey(stage, action))?.carriedFrom !== undefined;
  }

  start(): Promise<void> {
    return this.save(false);
  }

  /** Marks the action running (a killed process leaves it so: the state shows where it died). */
  actionStarted(stage: number, action: string): Promise<void> {
    const entry = this.byOccurrence.get(occurrenceKey(stage, action));
    if (entry === undefined) return Promise.resolve();
    entry.status = "running";
    entry.start = new Date().toISOString();
    return this.save(false);
  }

  actionEnded(stage: number, action: string, status: TimelineStatus, error: ErrorRecord | undefined): Promise<void> {
    const entry = this.byOccurrence.get(occurrenceKey(stage, action));
    if (entry !== undefined) {
      entry.status = status;
      entry.end = new Date().toISOString();
      if (error !== undefined) entry.error = error.code === undefined ? { message: error.message } : { message: error.message, code: error.code };
    }
    return this.save(true);
  }

  /** The final state: statuses from the result's timeline; never-reached actions stay pending. */
  finish(result: RunResult, cancelled: boolean): Promise<void> {
    for (const entry of result.timeline) {
      const action = this.byOccurrence.get(occurrenceKey(entry.stage, entry.action));
      if (action === undefined || action.carriedFrom !== undefined || entry.status === "skipped") continue;
      action.status = entry.status;
    }
    // A process killed mid-action leaves "running"; a finished run has no running action.
    for (const stage of this.state.stages) for (const a of stage.actions) if (a.status === "running") a.status = "cancelled";
    const status: ExecutionStatus = cancelled ? "cancelled" : result.status;
    this.state.status = status;
    this.state.endedAt = new Date().toISOString();
    this.state.errors = result.errors.map((e) => ({ ...e }));
    return this.save(true);
  }

  /** Waits for every write requested so far. */
  flush(): Promise<void> {
    return this.writing;
  }

  private save(withStores: boolean): Promise<void> {
    const next = this.writing.catch(() => {}).then(async () => {
      if (withStores) await Promise.all(this.init.memoryStores().map(([name, records]) => this.snapshotFile(name, records).save()));
      await writeState(this.init.dataDir, structuredClone(this.state));
    });
    this.writing = next;
    return next;
  }

  private snapshotFile(name: string, records: RecordMap): StoreFile {
    let file = this.snapshots.get(name);
    if (file === undefined) {
      file = new StoreFile(name, join(snapshotDir(this.init.dataDir, this.init.id), `${name}.json`), () => records.entries());
      this.snapshots.set(name, file);
    }
    return file;
  }
}

/** The memory stores saved by execution `id`, to restore into a resumed run. */
export async function loadSnapshots(dataDir: string, id: string, stores: readonly string[]): Promise<Map<string, [string, StoredRecord][]>> {
  const out = new Map<string, [string, StoredRecord][]>();
  for (const name of stores) {
    const path = join(snapshotDir(dataDir, id), `${name}.json`);
    if (existsSync(path)) out.set(name, await new StoreFile(name, path, () => []).load());
  }
  return out;
}

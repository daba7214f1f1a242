// Execution state files (LANGUAGE.md §37): `<dataDir>/executions/<id>.json`, written atomically,
// and the memory-store snapshots beside them in `<dataDir>/executions/<id>/<store>.json`.
// They hold statuses, times and error messages — never options, credentials or headers.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ErrorRecord } from "../core/types.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";

export type ExecutionStatus = "running" | "succeeded" | "partial" | "failed" | "cancelled";
export type ActionStateStatus = "pending" | "running" | "succeeded" | "failed" | "cancelled" | "skipped";

export interface ActionState {
  name: string;
  status: ActionStateStatus;
  start: string | null;
  end: string | null;
  error?: { message: string; code?: string };
  /** Not run again: it succeeded in this earlier execution (§37). */
  carriedFrom?: string;
}

export interface ExecutionState {
  id: string;
  mission: string;
  missionHash: string;
  status: ExecutionStatus;
  startedAt: string;
  endedAt: string | null;
  resumedFrom: string | null;
  stages: { stage: number; actions: ActionState[] }[];
  errors: ErrorRecord[];
}

export function executionsDir(dataDir: string): string {
  return join(dataDir, "executions");
}

export function statePath(dataDir: string, id: string): string {
  return join(executionsDir(dataDir), `${id}.json`);
}

export function snapshotDir(dataDir: string, id: string): string {
  return join(executionsDir(dataDir), id);
}

export function writeState(dataDir: string, state: ExecutionState): Promise<void> {
  return writeFileAtomic(statePath(dataDir, state.id), JSON.stringify(state, null, 2) + "\n");
}

/** The state of execution `id`; null when there is none (or it is not a state file). */
export async function readState(dataDir: string, id: string): Promise<ExecutionState | null> {
  if (!/^[A-Za-z0-9_.-]+$/.test(id) || id.startsWith(".")) return null; // an id, never a path
  let text: string;
  try {
    text = await readFile(statePath(dataDir, id), "utf8");
  } catch {
    return null;
  }
  try {
    const state = JSON.parse(text) as ExecutionState;
    return typeof state === "object" && state !== null && state.id === id && Array.isArray(state.stages) ? state : null;
  } catch {
    return null;
  }
}

/** Every readable state file in the data dir, newest first. */
export async function listStates(dataDir: string): Promise<ExecutionState[]> {
  let names: string[];
  try {
    names = await readdir(executionsDir(dataDir));
  } catch {
    return [];
  }
  const states = await Promise.all(names.filter((n) => n.endsWith(".json")).map((n) => readState(dataDir, n.slice(0, -5))));
  return states
    .filter((s): s is ExecutionState => s !== null)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
}

// Shared set-up for the runtime core tests (test/runtime-*.test.ts outside http/values/functions):
// hand-written action functions as the generator emits them, a mission table with defaults, an
// optional fake HTTP layer, and a recorder for events.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HttpRuntime, RequestCall } from "../runtime/http/http-runtime.ts";
import { runMission, type InternalRunOptions } from "../runtime/core/run-mission.ts";
import type {
  ActionFn, CompiledMission, MissionInfo, Pipeline, RequestSpec, RunEvent, RunResult, SourceConfig,
} from "../runtime/core/types.ts";

export type Store = MissionInfo["stores"][number];

export function memoryStore(name: string, extra: Partial<Store> = {}): Store {
  return { name, kind: "memory", target: name, declared: false, input: false, ...extra };
}

export interface MissionSpec {
  actions: Record<string, ActionFn>;
  /** Stages in order; an array is a parallel group. */
  pipeline: (string | string[])[];
  stores?: Store[];
  maxConcurrency?: number | null;
  parallelMode?: MissionInfo["parallelMode"];
  concurrency?: Record<string, number>;
  sources?: SourceConfig[];
  schemas?: CompiledMission["schemas"];
}

export function compile(spec: MissionSpec): CompiledMission {
  const sources = spec.sources ?? [{ name: "Api", auth: "none", base: "http://127.0.0.1:9" }];
  const mission: MissionInfo = {
    name: "TestMission",
    maxConcurrency: spec.maxConcurrency ?? null,
    parallelMode: spec.parallelMode ?? "all-settled",
    sources: sources.map((s) => ({ name: s.name, auth: s.auth, base: typeof s.base === "string" ? s.base : null })),
    stores: spec.stores ?? [],
    actions: Object.keys(spec.actions).map((name) => ({ name, concurrency: spec.concurrency?.[name] ?? 10 })),
    pipeline: spec.pipeline.map((stage, i) => ({
      stage: i, parallel: Array.isArray(stage), actions: Array.isArray(stage) ? stage : [stage],
    })),
  };
  return { mission, actions: spec.actions, sources: () => sources, schemas: spec.schemas, file: "test.reqon" };
}

/** The straight-line pipeline function the generator emits for `spec.pipeline`. */
export function pipelineOf(spec: MissionSpec): (p: Pipeline) => Promise<void> {
  return async (p) => {
    for (const [i, stage] of spec.pipeline.entries()) {
      if (Array.isArray(stage)) await p.parallel(i, stage);
      else await p.stage(i, stage);
    }
  };
}

/** The event variant(s) whose `type` admits T (stage.start and stage.end share one variant). */
type EventOf<T> = RunEvent extends infer E ? (E extends { type: infer U } ? (T extends U ? E : never) : never) : never;

export interface Recorded {
  result: RunResult;
  events: RunEvent[];
  of<T extends RunEvent["type"]>(type: T): EventOf<T>[];
}

export async function run(spec: MissionSpec, options: InternalRunOptions = {}): Promise<Recorded> {
  const events: RunEvent[] = [];
  const result = await runMission(compile(spec), {
    dataDir: tempDir(),
    ...options,
    onEvent: (e) => {
      events.push(e);
      options.onEvent?.(e);
    },
  }, pipelineOf(spec));
  return {
    result, events,
    of: (type) => events.filter((e) => e.type === type) as never,
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "reqon-core-"));
}

/** A fake HTTP layer: `answer` gets each spec (and the call) and returns the response value. */
export function fakeHttp(
  answer: (spec: RequestSpec, call: RequestCall) => unknown | Promise<unknown>,
): InternalRunOptions["httpRuntime"] {
  return (): HttpRuntime => ({
    start: async () => {},
    request: async (spec, call) => ({ value: await call.slot(async () => answer(spec, call)) }),
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Most intervals overlapping at once. */
export function peakOverlap(intervals: { start: number; end: number | null }[]): number {
  const points = intervals.flatMap((i) => [[i.start, 1], [i.end ?? Number.POSITIVE_INFINITY, -1]] as const);
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of points) peak = Math.max(peak, (current += delta));
  return peak;
}

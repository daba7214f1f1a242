// runMission (LANGUAGE.md §7, §9.2, §31): validates options, opens stores, runs the run-start
// checks, then the generated pipeline, and always resolves to a result — except for invalid
// options, where `run()` rejects.
import type { Clock } from "./clock.ts";
import { createEmitter, RunClock, type Emit } from "./events.ts";
import { createHttpRuntime, type HttpRuntime, type HttpRuntimeInit } from "../http/http-runtime.ts";
import { missingInputs, parseInputs, RunOptionsError } from "./inputs.ts";
import { PipelineHalted, PipelineRunner } from "./pipeline.ts";
import { RunState } from "./run-state.ts";
import type { StoredRecord } from "../stores/record-map.ts";
import { resolveDataDir, StoreSet, type StoreSetInit } from "../stores/store-set.ts";
import { Timeline } from "./timeline.ts";
import type { CompiledMission, Pipeline, RunOptions, RunResult } from "./types.ts";
import { messageOf } from "./errors.ts";
import { executionId } from "../state/execution-id.ts";
import { ExecutionRecorder, loadSnapshots } from "../state/recorder.ts";
import { planResume } from "../state/resume-plan.ts";

/** Test seam: replaces the HTTP layer (never part of the public options). */
export interface InternalRunOptions extends RunOptions {
  httpRuntime?: (init: HttpRuntimeInit) => HttpRuntime;
  /** The execution id to record state under (the CLI and daemon log it before the run starts). */
  executionId?: string;
  /** Test seam: the wall clock and waits of the run (default: Date.now and timers). */
  clock?: Clock;
}

type Inputs = Map<string, [string, StoredRecord][]>;

export async function runMission(
  compiled: CompiledMission,
  options: RunOptions | undefined,
  pipeline: (p: Pipeline) => Promise<void>,
): Promise<RunResult> {
  const opts: InternalRunOptions = options ?? {};
  const env = envLookup(opts.env);
  const inputs = parseInputs(opts.inputs, compiled.mission);
  checkBaseUrlNames(compiled, opts.baseUrls);

  const dataDir = resolveDataDir(opts.dataDir, env);
  // A refused resume rejects here, before anything runs (§37).
  const plan = opts.resume === undefined ? null
    : await planResume(dataDir, opts.resume, compiled.mission, compiled.hash ?? "", opts.force === true);

  const clock = new RunClock();
  const emit = createEmitter(clock, opts.onEvent);
  emit({ type: "mission.start", mission: compiled.mission.name });
  const opened = await openStores({ stores: compiled.mission.stores, dataDir, dryRun: opts.dryRun === true, emit, env });
  const run = new RunState({ compiled, options: opts, clock, emit, env, stores: opened.stores });
  if (opts.state === true || plan !== null) {
    run.execution = new ExecutionRecorder({
      dataDir, id: opts.executionId ?? executionId(compiled.mission.name), mission: compiled.mission,
      missionHash: compiled.hash ?? "", plan, memoryStores: () => run.stores.memoryStores(),
    });
  }
  const onExternalAbort = (): void => run.cancelExternally(opts.signal?.reason);
  opts.signal?.addEventListener("abort", onExternalAbort, { once: true });
  if (opts.signal?.aborted) onExternalAbort();

  const timeline = new Timeline(compiled.mission.pipeline);
  try {
    if (opened.failure !== null) throw opened.failure;
    const restored = plan === null ? new Map<string, unknown>() : await restoreStores(run.stores, dataDir, plan.previous.id);
    await run.execution?.start();
    await startRun(run, inputs, dataDir, emit, restored);
    await pipeline(new PipelineRunner(run, timeline));
  } catch (error) {
    if (!(error instanceof PipelineHalted)) {
      // Run-start checks (§9.2, §4, §26, §27) and anything escaping the pipeline end the run.
      for (const e of Array.isArray(error) ? error : [error]) run.record("", e);
      run.failed = true;
    }
  } finally {
    opts.signal?.removeEventListener("abort", onExternalAbort);
  }

  // Before run() returns, every file store is on disk (§27.1); a write failure no action end
  // reported yet is the run's.
  await run.stores.flush();
  for (let failure = run.stores.takeFailure(); failure !== null; failure = run.stores.takeFailure()) run.record("", failure);
  const status: RunResult["status"] = run.failed ? "failed" : run.errors.length > 0 ? "partial" : "succeeded";
  const result: RunResult = {
    mission: compiled.mission.name,
    status,
    stores: run.stores.snapshot(),
    errors: run.errors.map((e) => ({ ...e })),
    timeline: timeline.finish(clock.now()),
  };
  if (run.execution !== null) {
    const cancelled = run.errors.some((e) => e.code === "CANCELLED" && e.action === "") && opts.signal?.aborted === true;
    await run.execution.finish(result, cancelled).catch((e: unknown) =>
      emit({ type: "warning", message: `execution state ${run.execution!.id} could not be written: ${messageOf(e)}` }));
  }
  emit({ type: "mission.end", status });
  return result;
}

/** Stores with their persisted content; on failure, empty memory stores (for the result). */
async function openStores(init: StoreSetInit): Promise<{ stores: StoreSet; failure: unknown }> {
  try {
    return { stores: await StoreSet.open(init), failure: null };
  } catch (failure) {
    return { stores: await StoreSet.open({ ...init, dryRun: true }), failure };
  }
}

/** Everything that must pass before the first request: inputs, sources, credentials (§9.2, §4). */
async function startRun(run: RunState, inputs: Inputs, dataDir: string, emit: Emit, restored: ReadonlyMap<string, unknown>): Promise<void> {
  await seedInputs(run.stores, inputs);
  const missing = missingInputs(run.mission, new Map([...restored, ...inputs]));
  if (missing.length > 0) throw missing;
  const options = run.options as InternalRunOptions;
  const sources = run.compiled.sources({ env: (name) => (typeof name === "string" ? run.env(name) : null) });
  run.http = (options.httpRuntime ?? createHttpRuntime)({
    missionName: run.mission.name, sources, options, emit, env: run.env, dataDir,
  });
  await run.http.start();
}

/** `env()` and `${VAR}` lookups: the `env` option first, then the process environment. */
function envLookup(env: Record<string, string> | undefined): (name: string) => string | null {
  return (name) => {
    const given = env !== undefined && Object.hasOwn(env, name) ? env[name] : undefined;
    return typeof given === "string" ? given : (process.env[name] ?? null);
  };
}

function checkBaseUrlNames(compiled: CompiledMission, baseUrls: Record<string, string> | undefined): void {
  const names = new Set(compiled.mission.sources.map((s) => s.name));
  if (names.size === 0) names.add("default");
  for (const name of Object.keys(baseUrls ?? {})) {
    if (!names.has(name)) throw new RunOptionsError(`unknown source '${name}' in baseUrls`);
  }
}

/** A resumed run starts with the memory stores its execution saved (§37). */
async function restoreStores(stores: StoreSet, dataDir: string, id: string): Promise<Map<string, unknown>> {
  const saved = await loadSnapshots(dataDir, id, stores.memoryStores().map(([name]) => name));
  for (const [name, records] of saved) {
    const target = stores.records(name);
    for (const [key, record] of records) target.write(key, record, "replace");
  }
  return saved;
}

/**
 * Input data is written like a store step: into a PostgREST table through it (sent, then
 * mirrored), into a file store and saved, into memory.
 */
async function seedInputs(stores: StoreSet, inputs: Inputs): Promise<void> {
  for (const [name, records] of inputs) {
    const table = stores.table(name);
    if (table !== null) {
      for (const [key, record] of records) await table.write(key, record, "replace");
      continue;
    }
    const target = stores.records(name);
    for (const [key, record] of records) target.write(key, record, "replace");
    stores.changed(name);
  }
}

// The ActionContext of runtime/types.ts: one per action run plus a child per loop iteration
// (own response cell, §5). Steps call into stores, the HTTP layer and the loop scheduler.
import type { ActionRun } from "./action-run.ts";
import { runJumpedAction } from "./action-run.ts";
import { resolveRetryOptions, backoffDelay } from "../http/retry.ts";
import { cancelledError, throwIfCancelled } from "./cancel.ts";
import { ReqonError, evalError } from "./errors.ts";
import { runForEach } from "./for-each.ts";
import { conforms } from "../values/schemas.ts";
import { clearStore, deleteRecord, lookupKey, writeQueueItem, writeStoreStep, type StoreWriter } from "../stores/store-step.ts";
import type {
  ActionContext, AssumeSpec, ErrorRecord, ForEachSpec, QueueSpec, RequestSpec, RetryOptions, StoreSpec,
} from "./types.ts";
import { truthy, typeName } from "../values/value-model.ts";

export class Context implements ActionContext {
  response: unknown;
  source: string | null;
  /** `line:col` of the step running in this cell (for error locations). */
  at: string | null = null;
  /** The last request's failure: a guarded request's error value stands for it (§24.6). */
  private failure: ReqonError | null = null;
  /** Steps begun since that request; only the very next one (the guarding match) re-raises it. */
  private stepsSinceRequest = 0;

  constructor(
    private readonly actionRun: ActionRun,
    response: unknown,
    source: string | null,
  ) {
    this.response = response;
    this.source = source;
  }

  get action(): string {
    return this.actionRun.action;
  }

  private get run() {
    return this.actionRun.run;
  }

  /** A new cell initialised with this one's value (loop iterations, pagination pages). */
  child(response: unknown = this.response): Context {
    return new Context(this.actionRun, response, this.source);
  }

  step(at: string): void {
    this.at = at;
    this.stepsSinceRequest++;
    throwIfCancelled(this.run.signal);
  }

  request(spec: RequestSpec): Promise<void> {
    throwIfCancelled(this.run.signal);
    // A `then`, not an async method: one promise fewer on every request of a fan-out.
    return this.run.httpRuntime().request(spec, this.actionRun.requestCall, this).then((outcome) => {
      this.response = outcome.value;
      this.source = spec.source;
      this.failure = outcome.failure ?? null;
      this.stepsSinceRequest = 0;
    });
  }

  private writer(): StoreWriter {
    return { stores: this.run.stores, emit: this.run.emit, action: this.action };
  }

  store(spec: StoreSpec): Promise<void> {
    return writeStoreStep(this.writer(), spec);
  }

  queue(spec: QueueSpec): Promise<void> {
    return writeQueueItem(this.writer(), spec);
  }

  deleteKey(store: string, key: unknown): Promise<void> {
    return deleteRecord(this.writer(), store, key);
  }

  clear(store: string): Promise<void> {
    return clearStore(this.writer(), store);
  }

  read(store: string): Record<string, unknown>[] {
    return this.run.stores.records(store).values();
  }

  lookup(store: string, key: unknown): Record<string, unknown> | null {
    const k = lookupKey(key);
    return k === null ? null : this.run.stores.records(store).get(k);
  }

  count(store: string): number {
    return this.run.stores.records(store).size;
  }

  errors(): ErrorRecord[] {
    return this.run.errors.map((e) => ({ ...e }));
  }

  env(name: unknown): string | null {
    if (name === null || name === undefined) return null;
    if (typeof name !== "string") throw evalError(`env() expects a string (got ${typeName(name)})`);
    return this.run.env(name);
  }

  forEach(
    collection: unknown,
    spec: ForEachSpec,
    body: (cx: ActionContext, element: unknown, index: number) => Promise<void>,
  ): Promise<void> {
    return runForEach({
      collection, spec, body,
      concurrency: this.run.actionConcurrency(this.action),
      signal: this.run.signal,
      newCell: () => this.child(),
      locate: (error, cell) => this.run.locate(error, (cell as Context).at),
    });
  }

  abort(message?: unknown): Error {
    if (this.run.signal.aborted) return cancelledError();
    const text = message === undefined ? "aborted" : typeof message === "string" ? message : JSON.stringify(message);
    const error = new ReqonError("ABORTED", text);
    this.run.abortMission(this.actionRun.occurrence, error);
    return error;
  }

  noMatch(): Error {
    // Any later match (another `match response` included) is an ordinary NO_MATCH.
    const guarding = this.stepsSinceRequest === 1 && this.failure !== null;
    return guarding ? this.failure! : new ReqonError("NO_MATCH", "no match arm matched");
  }

  jump(action: string): Promise<void> {
    throwIfCancelled(this.run.signal);
    return runJumpedAction(this.actionRun, action);
  }

  async retry(attempt: number, options: RetryOptions = {}): Promise<void> {
    const policy = resolveRetryOptions(options);
    if (attempt >= policy.maxAttempts) {
      throw new ReqonError("RETRY_EXHAUSTED", `gave up after ${attempt} attempts`, { status: this.failure?.status });
    }
    await this.run.time.sleep(backoffDelay(policy, attempt), this.run.signal);
  }

  validate(target: unknown, assumes: AssumeSpec[]): void {
    for (const assume of assumes) {
      if (holds(assume, target)) continue;
      this.run.emit({
        type: "warning", kind: "validation", action: this.action, constraint: assume.constraint, line: assume.line,
        ...(assume.file === undefined ? {} : { file: assume.file }),
        message: `validation failed: ${assume.constraint}`,
      });
    }
  }

  conforms(value: unknown, schema: string): boolean {
    return conforms(value, schema, this.run.compiled.schemas ?? {});
  }
}

/** A failed assumption is a falsy result or an error while evaluating it (§28). */
function holds(assume: AssumeSpec, target: unknown): boolean {
  try {
    return truthy(assume.test(target));
  } catch {
    return false;
  }
}

// Shared set-up for the runtime-http*.test.ts files: an HTTP runtime with a fake RequestCall.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cancellation } from "../runtime/core/cancel.ts";
import { createHttpRuntime, type RequestCall, type ResponseCell } from "../runtime/http/http-runtime.ts";
import type { ActionContext, RequestSpec, RunEvent, RunOptions, SourceConfig } from "../runtime/core/types.ts";

export type TestEvent = Record<string, unknown> & { type: RunEvent["type"] };

export interface Harness {
  http: ReturnType<typeof createHttpRuntime>;
  events: TestEvent[];
  call: RequestCall;
  cell: ResponseCell;
  cancellation: Cancellation;
  dataDir: string;
  /** Runs the onActionSuccess hooks registered so far (the core does it when the action succeeds). */
  succeed(): Promise<void>;
  /** Starts the runtime and performs one GET-style request with defaults filled in. */
  get(path: unknown, extra?: Partial<RequestSpec>): Promise<{ value: unknown; failure?: Error }>;
  eventsOf(type: RunEvent["type"]): TestEvent[];
  /** Date.now() when the event was emitted (client-side timing, free of server jitter). */
  timeOf(event: TestEvent): number;
}

export function harness(init: {
  sources: SourceConfig[];
  options?: RunOptions;
  env?: Record<string, string>;
  dataDir?: string;
  /** Request slots of the fake action (default: unlimited). */
  slots?: number;
}): Harness {
  const events: TestEvent[] = [];
  const times = new Map<TestEvent, number>();
  const cancellation = new Cancellation();
  const hooks: (() => Promise<void>)[] = [];
  const dataDir = init.dataDir ?? mkdtempSync(join(tmpdir(), "reqon-http-"));
  const http = createHttpRuntime({
    missionName: "TestMission",
    sources: init.sources,
    options: init.options ?? {},
    emit: (event) => {
      events.push(event as TestEvent);
      times.set(event as TestEvent, Date.now());
    },
    env: (name) => init.env?.[name] ?? null,
    dataDir,
  });
  const call: RequestCall = {
    action: "Fetch",
    signal: cancellation,
    slot: limiter(init.slots ?? Infinity),
    onActionSuccess: (fn) => hooks.push(fn),
  };
  // The requesting context: pagination's `until` sees each page as `response` of a child of it.
  const cell: ResponseCell = { child: (body) => ({ response: body }) as unknown as ActionContext };
  return {
    http, events, call, cell, cancellation, dataDir,
    async succeed() {
      for (const hook of hooks.splice(0)) await hook();
    },
    async get(path, extra = {}) {
      await http.start();
      const source = extra.source ?? init.sources[0]?.name ?? "default";
      return http.request({ method: "GET", source, path, ...extra }, call, cell);
    },
    eventsOf: (type) => events.filter((e) => e.type === type),
    timeOf: (event) => times.get(event) ?? Number.NaN,
  };
}

/** A minimal request limiter like the core's per-action one. */
function limiter(max: number): RequestCall["slot"] {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    while (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export function source(name: string, base: string, extra: Partial<SourceConfig> = {}): SourceConfig {
  return { name, auth: "none", base, ...extra };
}

/** Awaits a promise expected to reject and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; status?: number };
  }
  throw new Error("expected the promise to reject");
}

/**
 * Polls until `condition` holds (server-side effects land a little after the client sees them).
 * The deadline is a backstop for a clear message, far beyond what a busy machine needs.
 */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

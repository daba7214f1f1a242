// `for x in xs [where c] [parallel]` (LANGUAGE.md §11, §21). Each iteration runs in its own
// response cell. Parallel loops keep at most `concurrency` iterations in flight, started in
// order; after a failure no further iteration starts, running ones finish, the first error wins.
import pMap from "p-map";
import { cancelledError, throwIfCancelled, type Cancellation } from "./cancel.ts";
import { evalError } from "./errors.ts";
import type { ActionContext, ForEachSpec } from "./types.ts";
import { truthy, typeName } from "../values/value-model.ts";

export interface ForEachRun {
  collection: unknown;
  spec: ForEachSpec;
  body: (cx: ActionContext, element: unknown, index: number) => Promise<void>;
  concurrency: number;
  signal: Cancellation;
  newCell: () => ActionContext;
  /** Stamps the iteration cell's step location onto an error escaping it. */
  locate: (error: unknown, cell: ActionContext) => void;
}

export async function runForEach(loop: ForEachRun): Promise<void> {
  const elements = loopElements(loop.collection);
  const where = loop.spec.where;
  // `where` is evaluated for every element before any iteration runs (§21).
  const chosen = where === undefined ? elements : elements.filter((element) => truthy(where(element)));
  if (loop.spec.parallel) await runParallel(loop, chosen);
  else await runSequential(loop, chosen);
}

function loopElements(collection: unknown): unknown[] {
  if (collection === null || collection === undefined) return [];
  if (Array.isArray(collection)) return collection;
  throw evalError(`for-loop collection must be an array (got ${typeName(collection)})`);
}

async function runSequential(loop: ForEachRun, elements: unknown[]): Promise<void> {
  for (let i = 0; i < elements.length; i++) {
    throwIfCancelled(loop.signal);
    const cell = loop.newCell();
    try {
      await loop.body(cell, elements[i], i);
    } catch (error) {
      loop.locate(error, cell);
      throw error;
    }
  }
}

async function runParallel(loop: ForEachRun, elements: unknown[]): Promise<void> {
  let failure: { error: unknown } | null = null;
  const fail = (error: unknown, cell: ActionContext): void => {
    loop.locate(error, cell);
    failure ??= { error };
  };
  // Not an async function per element (a wide fan-out makes thousands): the body's promise, with
  // the cell's step location stamped onto an escaping error.
  await pMap(elements, (element, i) => {
    if (failure !== null) return undefined;
    const cell = loop.newCell();
    if (loop.signal.aborted) return fail(cancelledError(), cell);
    try {
      return loop.body(cell, element, i).then(undefined, (error: unknown) => fail(error, cell));
    } catch (error) {
      return fail(error, cell); // a body that throws before its first await
    }
  }, { concurrency: loop.concurrency });
  if (failure !== null) throw (failure as { error: unknown }).error;
}

// Asserts that a call throws an EVAL_ERROR whose message matches (runtime helper tests).
import { expect } from "vitest";
import { ReqonError } from "../../runtime/core/errors.ts";

export function expectEvalError(run: () => unknown, message: string | RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ReqonError);
  expect((caught as ReqonError).code).toBe("EVAL_ERROR");
  expect((caught as ReqonError).message).toMatch(message);
}

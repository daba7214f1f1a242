// --trace FILE: every run event as one JSON line, written synchronously so the file is complete
// and in event order when the run returns.
import { closeSync, openSync, writeSync } from "node:fs";
import type { RunEvent } from "../runtime/core/types.ts";
import { usageError } from "./exit.ts";

export interface TraceFile {
  write(event: RunEvent): void;
  close(): void;
}

export function openTraceFile(path: string): TraceFile {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (e) {
    throw usageError(`--trace: cannot write '${path}' (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return {
    write: (event) => writeSync(fd, JSON.stringify(event) + "\n"),
    close: () => closeSync(fd),
  };
}

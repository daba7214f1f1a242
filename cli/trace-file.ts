// --trace FILE: every run event as one JSON line, written synchronously so the file is complete
// and in event order when the run returns. A file that cannot be opened is a usage error before
// the run; one that stops accepting writes (a full disk, /dev/full) is reported once on stderr and
// the run goes on without its trace.
import { closeSync, openSync, writeSync } from "node:fs";
import type { RunEvent } from "../runtime/core/types.ts";
import { usageError } from "./exit.ts";

export interface TraceFile {
  write(event: RunEvent): void;
  close(): void;
}

export function openTraceFile(path: string, stderr: NodeJS.WritableStream): TraceFile {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (e) {
    throw usageError(`--trace: cannot write '${path}' (${codeOf(e)})`);
  }
  let broken = false;
  return {
    write(event) {
      if (broken) return;
      try {
        writeAll(fd, Buffer.from(JSON.stringify(event) + "\n"));
      } catch (e) {
        broken = true;
        stderr.write(`reqonc: warning: --trace: cannot write '${path}' (${codeOf(e)}); the trace is incomplete\n`);
      }
    },
    close() {
      try {
        closeSync(fd);
      } catch (e) {
        if (!broken) stderr.write(`reqonc: warning: --trace: cannot write '${path}' (${codeOf(e)}); the trace is incomplete\n`);
      }
    },
  };
}

/** writeSync may write less than asked (a pipe, a nearly full disk): the rest follows. */
function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done);
}

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? "error";
}

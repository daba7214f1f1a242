// `reqonc daemon …` as a child process: its stdout lines as they come (JSON with --json), a way
// to wait for a line, signals, and the exit code.
import { spawn, type ChildProcess } from "node:child_process";
import { cliPath, repoRoot } from "./cli.ts";

export interface DaemonProcess {
  child: ChildProcess;
  /** Parsed JSON lines of stdout so far. */
  events: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the first event (present or future) for which `match` holds. */
  waitFor(match: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

export function startDaemon(args: string[], cwd = repoRoot): DaemonProcess {
  const child = spawn(process.execPath, [cliPath, "daemon", "--json", ...args], {
    cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"],
  });
  const events: Record<string, unknown>[] = [];
  const waiters: { match: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }[] = [];
  let buffered = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      for (const waiter of [...waiters]) {
        if (waiter.match(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child, events, exited,
    stderr: () => stderr,
    waitFor: (match) => {
      const found = events.find(match);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

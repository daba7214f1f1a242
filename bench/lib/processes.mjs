// Child processes for the bench: spawned with a time limit, killed by their own pid if they
// overrun, never by name.
import { spawn } from "node:child_process";

/**
 * Runs `node ...args` in `cwd`. Resolves with exit code, captured output and the wall time from
 * just before spawn() to exit. Kills the child (and reports it) after `timeoutMs`.
 */
export function runNode(args, { cwd, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, started });
    });
  });
}

/** First non-empty line of a command's stderr, for a "not measured (reason)" entry. */
export function firstLine(text) {
  return text.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "(no output)";
}

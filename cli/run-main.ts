// `reqonc run` after compilation: flags → RunOptions, event sinks (--verbose, --trace), the run,
// --output files, the result on stdout (--json or a summary) and the exit code (§30.3).
// Depends only on the runtime's types, so a bundled mission (`node mission.mjs …`) reuses it.
import { accessSync, constants, mkdirSync } from "node:fs";
import type { MissionInfo, RunEvent, RunOptions, RunResult } from "../runtime/core/types.ts";
import { colorsFor } from "./colors.ts";
import { CliExit, EXIT_FAILED, EXIT_PARTIAL, EXIT_SUCCEEDED, errorMessage, usageError } from "./exit.ts";
import { formatEvent } from "./progress-log.ts";
import { renderSummary } from "./render-summary.ts";
import { RunSignals } from "./run-signals.ts";
import type { RunFlags } from "./run-flags.ts";
import { prepareRunOptions } from "./run-options.ts";
import { openTraceFile } from "./trace-file.ts";
import { writeStoreFiles } from "./write-stores.ts";
import { executionId } from "../runtime/state/execution-id.ts";

/** What a generated mission module exports (§31.1). */
export interface MissionModule {
  mission: MissionInfo;
  run(options?: RunOptions): Promise<RunResult>;
}

export interface RunIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const processIo: RunIo = { stdout: process.stdout, stderr: process.stderr };

export async function runCompiledMission(module: MissionModule, flags: RunFlags, io: RunIo = processIo): Promise<number> {
  const { options, warnings } = prepareRunOptions(flags, module.mission);
  for (const warning of warnings) io.stderr.write(`reqonc: warning: ${warning}\n`);

  // Output places are checked before the run, like any other option: a bad one is exit 2 with
  // nothing sent, not a failure after the run's side effects.
  if (flags.output !== undefined) prepareOutputDir(flags.output);
  const trace = flags.trace === undefined ? null : openTraceFile(flags.trace, io.stderr);
  const stderrColors = colorsFor(io.stderr);
  const failureLocations = new FailureLocations();
  const onEvent = (event: RunEvent): void => {
    failureLocations.record(event);
    trace?.write(event);
    if (flags.verbose) io.stderr.write(formatEvent(event, stderrColors) + "\n");
    // Run-time warnings (missing credentials, failed `assume`) are shown even without --verbose.
    else if (event.type === "warning") io.stderr.write(`reqonc: warning: ${event.message}\n`);
  };

  // SIGINT/SIGTERM cancel the run (§7.4, §30.3); the result still arrives, with status "failed",
  // and everything below is written before the process exits 130/143.
  const controller = new AbortController();
  const signals = new RunSignals((reason) => controller.abort(reason));
  signals.install();
  try {
    // With execution state, the id is chosen here and said up front: it is what --resume takes (§37).
    const state = options.state === true || options.resume !== undefined ? { executionId: executionId(module.mission.name) } : {};
    if ("executionId" in state) io.stderr.write(`reqonc: execution ${state.executionId}\n`);
    let result: RunResult;
    try {
      result = await module.run({ ...options, ...state, onEvent, signal: controller.signal });
    } catch (e) {
      throw rejectionToExit(e);
    } finally {
      trace?.close();
    }

    // The result is printed first: if writing the store files then fails, it is not lost.
    if (flags.json) {
      io.stdout.write(JSON.stringify(result, null, 2) + "\n");
    } else {
      const failedAt = failureLocations.forErrors(result);
      io.stdout.write(renderSummary(result, { colors: colorsFor(io.stdout), failedAt, dryRun: flags.dryRun }));
    }
    if (flags.output !== undefined) writeOutput(flags.output, result);
    return signals.exitCode() ?? exitCodeFor(result.status);
  } finally {
    signals.dispose();
  }
}

export function exitCodeFor(status: RunResult["status"]): number {
  switch (status) {
    case "succeeded":
      return EXIT_SUCCEEDED;
    case "partial":
      return EXIT_PARTIAL;
    case "failed":
      return EXIT_FAILED;
    default: {
      const unexpected: never = status;
      throw new Error(`unknown run status '${String(unexpected)}'`);
    }
  }
}

/**
 * run() rejects only for invalid options (§31.1): a usage error. Matched by name, not class, as a
 * bundled mission may carry its own copy of the runtime. Anything else is a bug.
 */
function rejectionToExit(e: unknown): unknown {
  const code: unknown = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  const refusal = typeof code === "string" ? code : "";
  if (refusal.startsWith("resume-")) return usageError(`error: ${errorMessage(e)} [${refusal}]`);
  const optionError = e instanceof Error && (e.name === "RunOptionsError" || e.name === "ReqonError");
  return optionError ? usageError(`invalid run options: ${errorMessage(e)}`) : e;
}

function prepareOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw usageError(`--output: cannot write to '${dir}' (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)})`);
  }
}

function writeOutput(dir: string, result: RunResult): void {
  try {
    writeStoreFiles(dir, result.stores);
  } catch (e) {
    throw new CliExit(EXIT_FAILED, `--output: cannot write to '${dir}' (${errorMessage(e)})`);
  }
}

/**
 * The `file:line:col` of each failing step, from `action.end` events, matched to the result's
 * error records in order (an action may appear in several stages and fail more than once).
 */
class FailureLocations {
  private readonly byAction = new Map<string, string[]>();

  record(event: RunEvent): void {
    if (event.type !== "action.end" || event.error?.at === undefined) return;
    const list = this.byAction.get(event.action) ?? [];
    list.push(event.error.at);
    this.byAction.set(event.action, list);
  }

  forErrors(result: RunResult): (string | undefined)[] {
    const remaining = new Map([...this.byAction].map(([action, list]) => [action, [...list]]));
    return result.errors.map((error) => remaining.get(error.action)?.shift());
  }
}

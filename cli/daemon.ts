// `reqonc daemon PATH… [--auth F] [--env F] [--base S=URL]… [--data-dir DIR] [--once] [--json]
// [--grace SECONDS]` (LANGUAGE.md §36.2): compiles every scheduled mission, then runs each on its
// schedule in this process until SIGINT/SIGTERM — or, with --once, runs each once and exits with
// the worst status. A first signal starts nothing new and waits up to --grace seconds for the
// runs in flight before cancelling them (§7.4); a second signal cancels at once.
import type { RunOptions, RunResult } from "../runtime/core/types.ts";
import { MissionScheduler, type RunStatus } from "../runtime/schedule/scheduler.ts";
import { formatInZone } from "../runtime/schedule/format-time.ts";
import { executionId } from "../runtime/state/execution-id.ts";
import { DaemonLog, type DaemonStatus } from "./daemon/daemon-log.ts";
import { graceSeconds, missionRunOptions, type DaemonFlags } from "./daemon/daemon-options.ts";
import { loadScheduledMissions, type LoadedMission } from "./daemon/load-missions.ts";
import { expandMissionPaths } from "./daemon/mission-paths.ts";
import { EXIT_FAILED, EXIT_PARTIAL, EXIT_SUCCEEDED, errorMessage, usageError } from "./exit.ts";

export type { DaemonFlags };

const EXIT_CANCELLED = 130;

export async function daemonCommand(paths: string[], flags: DaemonFlags): Promise<number> {
  if (flags.redis !== undefined) throw usageError("--redis: shared schedules on Redis (§42.4) are not supported yet");
  const grace = graceSeconds(flags.grace);
  const missions = await loadScheduledMissions(expandMissionPaths(paths), process.stderr);
  const runOptions = missionRunOptions(flags, missions, process.stderr);
  const daemon = new Daemon(missions, runOptions, new DaemonLog(process.stdout, flags.json === true), grace);
  return flags.once ? daemon.once() : daemon.serve();
}

class Daemon {
  private readonly schedulers = new Map<string, MissionScheduler>();
  /** Cancels each run in flight. */
  private readonly inFlight = new Set<AbortController>();
  private stopping = false;
  private cancelled = false;
  private stopped!: () => void;
  private readonly stoppedPromise = new Promise<void>((resolve) => (this.stopped = resolve));

  constructor(
    missions: readonly LoadedMission[],
    private readonly runOptions: Map<string, RunOptions>,
    private readonly log: DaemonLog,
    private readonly grace: number,
  ) {
    const startedAt = new Date();
    for (const mission of missions) {
      const scheduler: MissionScheduler = new MissionScheduler(mission.name, mission.schedule, {
        run: (attempt) => this.runMission(mission, scheduler, attempt),
        log: (event) => {
          if (event.event === "skipped") this.log.skipped(event.mission, this.nextText(scheduler));
          else if (event.event === "retry") this.log.retry(event.mission, event.retry, event.of, event.delayMs);
          else this.log.never(event.mission, mission.schedule.text);
        },
      }, startedAt);
      this.schedulers.set(mission.name, scheduler);
    }
  }

  /** Runs every mission on its schedule until a signal. */
  async serve(): Promise<number> {
    const release = this.trapSignals();
    for (const scheduler of this.schedulers.values()) {
      this.log.schedule(scheduler.mission, scheduler.spec.text, scheduler.spec.timezone,
        scheduler.spec.runOnStart ? scheduler.startedAt : scheduler.nextDue(scheduler.startedAt));
    }
    for (const scheduler of this.schedulers.values()) scheduler.start();
    // Keeps the process alive while no timer is armed (e.g. only past `at` schedules).
    const keepAlive = setInterval(() => {}, 2 ** 30);
    await this.stoppedPromise;
    clearInterval(keepAlive);
    await this.allIdle();
    release();
    return this.cancelled ? EXIT_CANCELLED : EXIT_SUCCEEDED;
  }

  /** --once: every mission once (with its retries), concurrently; the worst status decides the exit. */
  async once(): Promise<number> {
    const release = this.trapSignals();
    const statuses = await Promise.all([...this.schedulers.values()].map((s) => s.runOnce()));
    release();
    if (this.cancelled) return EXIT_CANCELLED;
    if (statuses.includes("failed")) return EXIT_FAILED;
    return statuses.includes("partial") ? EXIT_PARTIAL : EXIT_SUCCEEDED;
  }

  private async runMission(mission: LoadedMission, scheduler: MissionScheduler, attempt: number): Promise<RunStatus> {
    const id = executionId(mission.name);
    const controller = new AbortController();
    this.inFlight.add(controller);
    this.log.start(mission.name, id, attempt);
    const started = performance.now();
    let status: DaemonStatus;
    try {
      const options = this.runOptions.get(mission.name) ?? {};
      // Execution state is always recorded under the daemon (§37), under the id just logged.
      const runOptions: RunOptions & { executionId: string } = {
        ...options,
        state: true,
        executionId: id,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === "warning") process.stderr.write(`reqonc: warning: ${mission.name}: ${event.message}\n`);
        },
      };
      const result: RunResult = await mission.module.run(runOptions);
      status = controller.signal.aborted && result.status === "failed" ? "cancelled" : result.status;
    } catch (e) {
      // run() rejects only for invalid options; the daemon goes on with its other runs.
      process.stderr.write(`reqonc: ${mission.name}: ${errorMessage(e)}\n`);
      status = "failed";
    } finally {
      this.inFlight.delete(controller);
    }
    this.log.end(mission.name, id, status, Math.round(performance.now() - started), this.stopping ? null : this.nextText(scheduler));
    return status === "cancelled" ? "failed" : status;
  }

  private nextText(scheduler: MissionScheduler): string | null {
    const next = scheduler.nextDue();
    return next === null ? null : formatInZone(next, scheduler.spec.timezone);
  }

  private trapSignals(): () => void {
    const onSignal = (signal: NodeJS.Signals): void => (this.stopping ? this.cancelAll() : this.beginStop(signal));
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    return () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    };
  }

  private graceTimer: NodeJS.Timeout | null = null;

  private beginStop(signal: NodeJS.Signals): void {
    this.stopping = true;
    for (const scheduler of this.schedulers.values()) scheduler.stop();
    this.log.stopping(signal, this.inFlight.size, this.grace);
    if (this.inFlight.size > 0) this.graceTimer = setTimeout(() => this.cancelAll(), this.grace * 1000);
    this.stopped();
  }

  private cancelAll(): void {
    if (this.inFlight.size === 0) return;
    this.cancelled = true;
    this.log.cancelling(this.inFlight.size);
    for (const controller of this.inFlight) controller.abort();
  }

  private async allIdle(): Promise<void> {
    await Promise.all([...this.schedulers.values()].map((s) => s.idle()));
    if (this.graceTimer !== null) clearTimeout(this.graceTimer);
  }
}

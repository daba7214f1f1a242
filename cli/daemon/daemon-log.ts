// What `reqonc daemon` prints on stdout (§36.2): per mission its schedule and next run at start,
// then `START mission id` and `END mission id status duration` per run, skipped runs, retries and
// the stop. With --json: one JSON object per line with `event`, `mission`, `id`, `status?`, `ms?`,
// `next?` (and `time`).
import { formatInZone } from "../../runtime/schedule/format-time.ts";

export type DaemonStatus = "succeeded" | "partial" | "failed" | "cancelled";

export class DaemonLog {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly json: boolean,
  ) {}

  schedule(mission: string, schedule: string, timezone: string, next: Date | null): void {
    const nextText = next === null ? null : formatInZone(next, timezone);
    this.emit({ event: "schedule", mission, schedule, timezone, next: nextText },
      `${mission}: ${schedule} (${timezone}) next ${nextText ?? "never"}`);
  }

  start(mission: string, id: string, attempt: number): void {
    this.emit({ event: "start", mission, id, ...(attempt > 1 ? { attempt } : {}) }, `START ${mission} ${id}`);
  }

  end(mission: string, id: string, status: DaemonStatus, ms: number, next: string | null): void {
    this.emit({ event: "end", mission, id, status, ms, ...(next === null ? {} : { next }) },
      `END ${mission} ${id} ${status} ${ms}ms`);
  }

  skipped(mission: string, next: string | null): void {
    this.emit({ event: "skipped", mission, ...(next === null ? {} : { next }) },
      `SKIPPED ${mission} (the previous run is still running)`);
  }

  retry(mission: string, retry: number, of: number, delayMs: number): void {
    this.emit({ event: "retry", mission, retry, of, delayMs }, `RETRY ${mission} ${retry} of ${of} in ${delayMs}ms`);
  }

  never(mission: string, schedule: string): void {
    this.emit({ event: "never", mission, schedule }, `NEVER ${mission}: ${schedule} is in the past; it will not run`);
  }

  stopping(signal: string, running: number, graceSeconds: number): void {
    this.emit({ event: "stop", signal, running, grace: graceSeconds },
      `STOP on ${signal}: ${running} run(s) still running, waiting up to ${graceSeconds}s`);
  }

  cancelling(running: number): void {
    this.emit({ event: "cancel", running }, `CANCEL ${running} run(s)`);
  }

  private emit(record: Record<string, unknown>, text: string): void {
    this.out.write(this.json ? JSON.stringify({ ...record, time: new Date().toISOString() }) + "\n" : text + "\n");
  }
}

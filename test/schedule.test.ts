// Schedules (LANGUAGE.md §36.1): the checker's reading of `schedule:` (diagnostics with line:col),
// due times against a fixed clock — `every` from its anchor, cron and `at` in named zones across
// DST changes — and `reqonc check --schedule` output.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ScheduleSpec } from "../runtime/schedule/spec.ts";
import { dueTimes, nextDueTimes } from "../runtime/schedule/due-times.ts";
import { formatInZone } from "../runtime/schedule/format-time.ts";
import { scheduleLines } from "../cli/schedule-listing.ts";
import { analyzed, checkSource } from "./check-support.ts";
import { reqonc } from "./support/cli.ts";

const mission = (schedule: string, extra = "") =>
  `mission M {\n  ${schedule}\n${extra}  action A { get "http://x.invalid/a" }\n  run A\n}\n`;

const specOf = (schedule: string, extra = ""): ScheduleSpec => {
  const spec = analyzed(mission(schedule, extra)).schedule;
  if (spec === null) throw new Error("no schedule");
  return spec;
};

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("schedule item (checker)", () => {
  it("reads every/cron/at with their options and the defaults of §36.1", () => {
    expect(specOf("schedule: every 15 minutes")).toEqual({
      when: { form: "every", count: 15, unit: "minute", periodMs: 900_000 },
      text: "every 15 minutes", timezone: "UTC", skipIfRunning: true, maxConcurrentRuns: 1, retry: null, runOnStart: false,
    });
    expect(specOf("schedule: every 1 hour").when).toMatchObject({ unit: "hour", periodMs: 3_600_000 });
    const cron = specOf(`schedule: cron "0 6 * * 1-5" { timezone: "Europe/Paris", skipIfRunning: false, maxConcurrentRuns: 2, runOnStart: true }`);
    expect(cron).toMatchObject({
      when: { form: "cron", expression: "0 6 * * 1-5" }, text: 'cron "0 6 * * 1-5"',
      timezone: "Europe/Paris", skipIfRunning: false, maxConcurrentRuns: 2, runOnStart: true,
    });
    expect(specOf(`schedule: at "23:55"`).when).toEqual({ form: "daily", hour: 23, minute: 55 });
    expect(specOf(`schedule: at "2027-01-01T00:00:00Z"`).when).toMatchObject({ form: "at" });
  });

  it("takes the mission items timezone, skipIfRunning, retryOnFailure and maxConcurrentRuns", () => {
    const spec = specOf("schedule: every 5 minutes", `  timezone: "Asia/Kolkata"\n  skipIfRunning: false\n  retryOnFailure: 2\n  maxConcurrentRuns: 3\n`);
    expect(spec).toMatchObject({
      timezone: "Asia/Kolkata", skipIfRunning: false, maxConcurrentRuns: 3,
      retry: { maxRetries: 2, backoff: "constant", initialDelay: 60_000, maxDelay: null },
    });
  });

  it("reads the three retry forms", () => {
    expect(specOf("schedule: every 1 minute { retry: { maxRetries: 4, delaySeconds: 2 } }").retry)
      .toEqual({ maxRetries: 4, backoff: "constant", initialDelay: 2000, maxDelay: null });
    expect(specOf("schedule: every 1 minute { retry: {} }").retry)
      .toEqual({ maxRetries: 3, backoff: "constant", initialDelay: 60_000, maxDelay: null });
    expect(specOf("schedule: every 1 minute { retryOnFailure: { maxAttempts: 4, backoff: linear, initialDelay: 500 } }").retry)
      .toEqual({ maxRetries: 3, backoff: "linear", initialDelay: 500, maxDelay: 30_000 });
  });

  it.each([
    [`schedule: cron "61 6 * * *"`, "invalid-schedule@2:18", "invalid cron expression '61 6 * * *': "],
    [`schedule: cron "0 6 * *"`, "invalid-schedule@2:18", "invalid cron expression '0 6 * *': expected 5 fields"],
    [`schedule: cron "0 0 6 * * *"`, "invalid-schedule@2:18", "expected 5 fields"],
    [`schedule: cron "0 0 L * *"`, "invalid-schedule@2:18", "'L' in the day-of-month field"],
    [`schedule: cron "0 0 * * 1#2"`, "invalid-schedule@2:18", "'1#2' in the day-of-week field"],
    [`schedule: cron "0 25 * * *"`, "invalid-schedule@2:18", "invalid cron expression '0 25 * * *': "],
    [`schedule: every 0 minutes`, "invalid-schedule@2:19", "invalid interval 'every 0 minutes'"],
    [`schedule: every 5 fortnights`, "invalid-schedule@2:19", "unknown unit 'fortnights'"],
    [`schedule: at "2027-02-30T10:00"`, "invalid-schedule@2:16", "invalid time 'at 2027-02-30T10:00'"],
    [`schedule: at "24:00"`, "invalid-schedule@2:16", "not a time of day"],
    [`schedule: at "tomorrow"`, "invalid-schedule@2:16", "expected YYYY-MM-DDTHH:MM"],
    [`schedule: every 1 hour { timezone: "Mars/Olympus" }`, "invalid-option-value@2:38", "'timezone' must be a known IANA time zone"],
    [`schedule: every 1 hour { maxConcurrentRuns: 0 }`, "invalid-option-value@2:47", "'maxConcurrentRuns' must be a positive integer"],
    [`schedule: every 1 hour { runOnStart: 1 }`, "invalid-option-value@2:40", "'runOnStart' must be true or false"],
    [`schedule: every 1 hour { everyOther: true }`, "unknown-option@2:28", "unknown option 'everyOther' for schedule"],
    [`schedule: every 1 hour { retry: { tries: 2 } }`, "unknown-option@2:37", "unknown option 'tries' for retry"],
  ])("%s → %s", (schedule, code, message) => {
    const result = checkSource(mission(schedule));
    expect(result.codes).toEqual([code]);
    expect(result.diagnostics[0]!.message).toContain(message);
  });

  it("reports a mission-level timezone that is not a zone, and a second schedule", () => {
    const result = checkSource(mission(`schedule: every 1 hour\n  schedule: every 2 hours`, `  timezone: "Nowhere/City"\n`));
    expect(result.codes).toEqual(["duplicate-option@3:3", "invalid-option-value@4:13"]);
  });
});

describe("due times (fixed clock)", () => {
  const now = new Date("2026-12-03T21:40:17.250Z");

  it("every: anchor + k·N·UNIT, never drifting with when it is asked", () => {
    const times = dueTimes(specOf("schedule: every 15 minutes"), now);
    expect(times.nextAfter(now)?.toISOString()).toBe("2026-12-03T21:55:17.250Z");
    // Asked late (a run took 20 minutes): the next slot of the grid, not now + 15 minutes.
    expect(times.nextAfter(new Date("2026-12-03T22:15:00Z"))?.toISOString()).toBe("2026-12-03T22:25:17.250Z");
    expect(iso(nextDueTimes(specOf("schedule: every 2 seconds"), now, 3)))
      .toEqual(["2026-12-03T21:40:19.250Z", "2026-12-03T21:40:21.250Z", "2026-12-03T21:40:23.250Z"]);
  });

  it("cron in a zone with a half-hour offset, weekdays only, both day fields as Vixie cron", () => {
    const spec = specOf(`schedule: cron "0 6 * * 1-5" { timezone: "Asia/Kolkata" }`);
    expect(nextDueTimes(spec, now, 5).map((d) => formatInZone(d, spec.timezone))).toEqual([
      "2026-12-04T06:00:00+05:30", "2026-12-07T06:00:00+05:30", "2026-12-08T06:00:00+05:30",
      "2026-12-09T06:00:00+05:30", "2026-12-10T06:00:00+05:30",
    ]);
    // Day 1 of the month OR a Sunday (both restricted): Sunday Dec 6, 13 … and Jan 1.
    const either = specOf(`schedule: cron "0 0 1 * sun"`);
    expect(iso(nextDueTimes(either, new Date("2026-12-25T00:00:00Z"), 3)))
      .toEqual(["2026-12-27T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "2027-01-03T00:00:00.000Z"]);
    // 7 is Sunday too.
    expect(iso(nextDueTimes(specOf(`schedule: cron "0 0 * * 7"`), now, 1))).toEqual(["2026-12-06T00:00:00.000Z"]);
  });

  it("DST in Europe/Paris: a skipped local time runs at the next valid minute, a repeated one once", () => {
    const spec = specOf(`schedule: cron "30 2 * * *" { timezone: "Europe/Paris" }`);
    const spring = nextDueTimes(spec, new Date("2027-03-26T12:00:00Z"), 3).map((d) => formatInZone(d, "Europe/Paris"));
    expect(spring).toEqual(["2027-03-27T02:30:00+01:00", "2027-03-28T03:00:00+02:00", "2027-03-29T02:30:00+02:00"]);
    const autumn = nextDueTimes(spec, new Date("2027-10-30T12:00:00Z"), 2).map((d) => formatInZone(d, "Europe/Paris"));
    expect(autumn).toEqual(["2027-10-31T02:30:00+02:00", "2027-11-01T02:30:00+01:00"]);
    const daily = specOf(`schedule: at "02:30" { timezone: "Europe/Paris" }`);
    expect(nextDueTimes(daily, new Date("2027-03-27T12:00:00Z"), 1).map((d) => formatInZone(d, "Europe/Paris")))
      .toEqual(["2027-03-28T03:00:00+02:00"]);
  });

  it("at: an instant with or without offset (then in the zone); a past one never runs", () => {
    expect(iso(nextDueTimes(specOf(`schedule: at "2027-01-01T00:00:00+05:30"`), now, 5))).toEqual(["2026-12-31T18:30:00.000Z"]);
    expect(iso(nextDueTimes(specOf(`schedule: at "2027-01-01T00:00" { timezone: "America/New_York" }`), now, 5)))
      .toEqual(["2027-01-01T05:00:00.000Z"]);
    expect(nextDueTimes(specOf(`schedule: at "2026-12-03T21:40:00Z"`), now, 5)).toEqual([]);
    expect(iso(nextDueTimes(specOf(`schedule: at "23:55"`), now, 2))).toEqual(["2026-12-03T23:55:00.000Z", "2026-12-04T23:55:00.000Z"]);
  });

  it("check --schedule lines: header, five times with the zone's offset, or never", () => {
    const lines = scheduleLines([
      analyzed(mission(`schedule: cron "0 6 * * *" { timezone: "Asia/Kolkata" }`)),
      analyzed(mission(`schedule: at "2020-01-01T00:00:00Z"`)),
    ], now);
    expect(lines).toEqual([
      `M: cron "0 6 * * *" (Asia/Kolkata)`,
      "2026-12-04T06:00:00+05:30", "2026-12-05T06:00:00+05:30", "2026-12-06T06:00:00+05:30",
      "2026-12-07T06:00:00+05:30", "2026-12-08T06:00:00+05:30",
      `M: at "2020-01-01T00:00:00Z" (UTC)`,
      "never (in the past)",
    ]);
    expect(formatInZone(new Date("2026-12-03T21:40:17Z"), "UTC")).toBe("2026-12-03T21:40:17+00:00");
  });
});

describe("reqonc check --schedule", () => {
  const dir = mkdtempSync(join(tmpdir(), "reqonc-schedule-"));

  it("prints the next five run times on stdout", async () => {
    const file = join(dir, "report.reqon");
    writeFileSync(file, mission(`schedule: cron "0 6 * * 1-5" { timezone: "Asia/Kolkata" }`));
    const { code, stdout, stderr } = await reqonc(["check", "--schedule", file]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`M: cron "0 6 * * 1-5" (Asia/Kolkata)`);
    expect(lines).toHaveLength(6);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-\d\d-\d\dT06:00:00\+05:30$/);
    expect(lines.slice(1).map((l) => Date.parse(l))).toEqual(lines.slice(1).map((l) => Date.parse(l)).sort());
  });

  it("is a compile error (exit 2, nothing on stdout) for an invalid cron expression", async () => {
    const file = join(dir, "bad.reqon");
    writeFileSync(file, mission(`schedule: cron "0 6 * * mon-funday"`));
    const { code, stdout, stderr } = await reqonc(["check", "--schedule", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${file}:2:18: error: invalid cron expression '0 6 * * mon-funday'`);
  });
});

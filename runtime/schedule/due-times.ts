// When a schedule is due (LANGUAGE.md §36.1, §36.2). Due times come from the schedule itself —
// `every`: anchor + k·N·UNIT (the anchor is the daemon's start); cron and `at`: the calendar of
// the schedule's zone, computed by croner (DST: a skipped local time runs at the next valid
// minute, a repeated one runs once) — never from when a previous run fired or ended.
import { Cron } from "croner";
import { CRON_OPTIONS } from "./parse-when.ts";
import type { ScheduleSpec, ScheduleWhen } from "./spec.ts";

export interface DueTimes {
  /** The first due time strictly after `after`; null when there is none (a past `at` instant). */
  nextAfter(after: Date): Date | null;
}

export function dueTimes(spec: Pick<ScheduleSpec, "when" | "timezone">, anchor: Date): DueTimes {
  const { when, timezone } = spec;
  switch (when.form) {
    case "every":
      return {
        nextAfter: (after) => {
          const k = Math.max(1, Math.floor((after.getTime() - anchor.getTime()) / when.periodMs) + 1);
          return new Date(anchor.getTime() + k * when.periodMs);
        },
      };
    case "cron":
      return cronTimes(when.expression, timezone);
    case "daily":
      return cronTimes(`${when.minute} ${when.hour} * * *`, timezone);
    case "at": {
      const instant = atInstant(when, timezone);
      return { nextAfter: (after) => (instant.getTime() > after.getTime() ? instant : null) };
    }
    default:
      return assertNever(when);
  }
}

/** The next `count` due times after `now` (fewer when the schedule ends), as `check --schedule` prints. */
export function nextDueTimes(spec: Pick<ScheduleSpec, "when" | "timezone">, now: Date, count: number): Date[] {
  const times = dueTimes(spec, now);
  const out: Date[] = [];
  let after = now;
  while (out.length < count) {
    const next = times.nextAfter(after);
    if (next === null) break;
    out.push(next);
    after = next;
  }
  return out;
}

function cronTimes(expression: string, timezone: string): DueTimes {
  const cron = new Cron(expression, { ...CRON_OPTIONS, timezone, paused: true });
  return { nextAfter: (after) => cron.nextRun(after) };
}

/**
 * The instant of `at "YYYY-MM-DDTHH:MM[:SS]…"`. With an offset it is exact; without one it is a
 * wall-clock time in the zone, found as croner's next match of that date and time so that DST
 * gaps and repeats follow the same rule as cron schedules.
 */
export function atInstant(when: Extract<ScheduleWhen, { form: "at" }>, timezone: string): Date {
  const { year, month, day, hour, minute, second, offset } = when.once;
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  if (offset !== null) {
    return new Date(`${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`);
  }
  const cron = new Cron(`${second} ${minute} ${hour} ${day} ${month} *`, {
    ...CRON_OPTIONS, mode: "6-part", timezone, paused: true,
  });
  // Start two days early: any zone's offset is less than that, and the date recurs only yearly.
  const from = new Date(Date.UTC(year, month - 1, day - 2));
  return cron.nextRun(from) ?? new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function assertNever(value: never): never {
  throw new Error(`unexpected schedule ${JSON.stringify(value)}`);
}

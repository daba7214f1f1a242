// The text after `schedule:` → ScheduleWhen, or the reason it is invalid (`invalid-schedule`,
// §36.1). Cron expressions are parsed by croner after a check that they use only the five-field
// syntax the language defines (croner also accepts seconds, years, L, W, # and ?).
import { Cron } from "croner";
import { UNIT_MS, type EveryUnit, type ScheduleWhen } from "./spec.ts";

export type Parsed = { when: ScheduleWhen } | { problem: string };

const UNITS = new Map<string, EveryUnit>(
  (Object.keys(UNIT_MS) as EveryUnit[]).flatMap((unit) => [[unit, unit], [`${unit}s`, unit]]),
);

export function parseEvery(count: number, unitWord: string): Parsed {
  const unit = UNITS.get(unitWord);
  if (unit === undefined) return { problem: `unknown unit '${unitWord}' (second, minute, hour, day or week)` };
  if (!Number.isSafeInteger(count) || count < 1) return { problem: "the interval must be at least 1" };
  return { when: { form: "every", count, unit, periodMs: count * UNIT_MS[unit] } };
}

const FIELD_NAMES = ["minute", "hour", "day-of-month", "month", "day-of-week"];
const VALUE = "(?:\\d+|[a-z]{3})";
const ITEM = new RegExp(`^(?:\\*(?:/\\d+)?|${VALUE}|${VALUE}-${VALUE}(?:/\\d+)?)$`, "i");

/** Options croner is always used with: five fields, Vixie cron's day matching and DST rule. */
export const CRON_OPTIONS = { mode: "5-part", domAndDow: false, fixedTimeRule: "no-wildcard" } as const;

export function parseCron(expression: string): Parsed {
  const fields = expression.trim().split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5) {
    return { problem: `expected 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}` };
  }
  for (const [i, field] of fields.entries()) {
    const bad = field.split(",").find((item) => !ITEM.test(item));
    if (bad !== undefined) {
      return { problem: `'${bad}' in the ${FIELD_NAMES[i]} field is not a number, name, range, list or step` };
    }
  }
  try {
    new Cron(fields.join(" "), { ...CRON_OPTIONS, paused: true });
  } catch (e) {
    return { problem: cronerReason(e) };
  }
  return { when: { form: "cron", expression: fields.join(" ") } };
}

function cronerReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^CronPattern:\s*/, "").replace(/\.$/, "");
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;
const WALL_CLOCK = /^(\d{1,2}):(\d{2})$/;

export function parseAt(text: string): Parsed {
  const daily = WALL_CLOCK.exec(text);
  if (daily) {
    const hour = Number(daily[1]);
    const minute = Number(daily[2]);
    if (hour > 23 || minute > 59) return { problem: `'${text}' is not a time of day (HH:MM, 00:00 to 23:59)` };
    return { when: { form: "daily", hour, minute } };
  }
  const m = INSTANT.exec(text);
  if (!m) return { problem: "expected YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM] or HH:MM" };
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offset = m[7] ?? null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { problem: `there is no day ${m[1]}-${m[2]}-${m[3]}` };
  if (hour > 23 || minute > 59 || second > 59) return { problem: `'${text.slice(11)}' is not a time of day` };
  if (offset !== null && offset !== "Z" && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59)) {
    return { problem: `'${offset}' is not a UTC offset` };
  }
  return { when: { form: "at", once: { year, month, day, hour, minute, second, offset } } };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `zone` is an IANA time zone this Node knows (`UTC` included). */
export function isKnownZone(zone: string): boolean {
  if (zone === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

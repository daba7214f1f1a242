// Date built-ins (LANGUAGE.md §20.6, durations of §19.6). Inputs: date strings or epoch ms;
// results: ISO strings in UTC. Unparseable dates (and null) give null.
import {
  addMonthsUtc,
  formatUtc,
  isoString,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  toEpochMs,
} from "../values/dates.ts";
import { needInteger, needNumber, needString } from "./args.ts";
import { argError, finite } from "../values/value-model.ts";

/** Epoch ms of a date parameter; null for null or an unparseable string. */
function dateArg(fnName: string, v: unknown): number | null {
  if (v == null) return null;
  if (typeof v === "string" || typeof v === "number") return toEpochMs(v);
  throw argError(fnName, "a date string or epoch milliseconds", v);
}

/** A UTC calendar field of a date parameter. */
function part(fnName: string, read: (d: Date) => number) {
  return (d: unknown): number | null => {
    const ms = dateArg(fnName, d);
    return ms === null ? null : read(new Date(ms));
  };
}

/** Moves a date by `n` units of `unitMs` (n may be fractional or negative). */
function shift(fnName: string, unitMs: number, direction: 1 | -1) {
  return (d: unknown, n: unknown): string | null => {
    const ms = dateArg(fnName, d);
    if (ms === null || n == null) return null;
    return isoString(ms + direction * needNumber(fnName, n) * unitMs);
  };
}

/** A duration in milliseconds (§19.6). */
function duration(fnName: string, unitMs: number) {
  return (n: unknown): number | null => (n == null ? null : finite(needNumber(fnName, n) * unitMs));
}

/** Compares two dates; null when either is missing or unparseable. */
function compareDates(fnName: string, test: (a: number, b: number) => boolean) {
  return (a: unknown, b: unknown): boolean | null => {
    const x = dateArg(fnName, a);
    const y = dateArg(fnName, b);
    return x === null || y === null ? null : test(x, y);
  };
}

export const dateFunctions = {
  now: (): string => new Date().toISOString(),

  /** The date `n` seconds after the epoch, to the millisecond (§35); null for a non-number. */
  fromUnix(n: unknown): string | null {
    if (typeof n !== "number" || !Number.isFinite(n)) return null;
    return isoString(Math.round(n * MS_PER_SECOND));
  },

  parseDate(x: unknown): string | null {
    const ms = dateArg("parseDate", x);
    return ms === null ? null : isoString(ms);
  },

  formatDate(d: unknown, fmt: unknown): string | null {
    const ms = dateArg("formatDate", d);
    if (ms === null || fmt == null) return null;
    return formatUtc(ms, needString("formatDate", fmt, "a format string"));
  },

  year: part("year", (d) => d.getUTCFullYear()),
  month: part("month", (d) => d.getUTCMonth() + 1),
  day: part("day", (d) => d.getUTCDate()),
  hour: part("hour", (d) => d.getUTCHours()),
  minute: part("minute", (d) => d.getUTCMinutes()),
  dayOfWeek: part("dayOfWeek", (d) => d.getUTCDay()),

  addDays: shift("addDays", MS_PER_DAY, 1),
  subtractDays: shift("subtractDays", MS_PER_DAY, -1),
  addHours: shift("addHours", MS_PER_HOUR, 1),

  /** Calendar months; the day is clamped to the last day of the target month. */
  addMonths(d: unknown, n: unknown): string | null {
    const ms = dateArg("addMonths", d);
    if (ms === null || n == null) return null;
    return isoString(addMonthsUtc(ms, needInteger("addMonths", n, "a whole number of months")));
  },

  /** Whole days from `b` to `a`, truncated toward zero. */
  diffDays(a: unknown, b: unknown): number | null {
    const x = dateArg("diffDays", a);
    const y = dateArg("diffDays", b);
    return x === null || y === null ? null : finite(Math.trunc((x - y) / MS_PER_DAY));
  },

  isBefore: compareDates("isBefore", (a, b) => a < b),
  isAfter: compareDates("isAfter", (a, b) => a > b),

  days: duration("days", MS_PER_DAY),
  hours: duration("hours", MS_PER_HOUR),
  minutes: duration("minutes", MS_PER_MINUTE),
  seconds: duration("seconds", MS_PER_SECOND),
};

// Date values (LANGUAGE.md §20.6): ISO-8601 strings in UTC with milliseconds. Parameters accept such
// strings, other strings Date.parse understands, or epoch milliseconds. All calendar math is UTC.

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

// An ISO date-time without a zone designator is local time for Date.parse; we read it as UTC
// so that results do not depend on the machine's time zone.
const ISO_WITHOUT_ZONE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;
// V8's fallback parser turns almost anything with a digit into a date ("5", "hello 1", "12.5"
// are all 2001 dates). A date string must at least spell a four-digit year.
const HAS_YEAR = /\d{4}/;

/** Epoch milliseconds of a date string, or null when it does not parse. */
export function parseDateString(s: string): number | null {
  const text = s.trim();
  if (!HAS_YEAR.test(text)) return null;
  const local = ISO_WITHOUT_ZONE.exec(text);
  const ms = Date.parse(local ? `${local[1]}T${local[2]}Z` : text);
  return validMs(ms);
}

/** Epoch milliseconds of a date parameter (string or epoch ms); null when unusable. */
export function toEpochMs(v: string | number): number | null {
  return typeof v === "number" ? validMs(v) : parseDateString(v);
}

export function isDateString(v: unknown): boolean {
  return typeof v === "string" && parseDateString(v) !== null;
}

/** The ISO form of an instant, or null outside the range a Date can hold. */
export function isoString(ms: number): string | null {
  const valid = validMs(ms);
  return valid === null ? null : new Date(valid).toISOString();
}

function validMs(ms: number): number | null {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : null;
}

/** Calendar months forward (or back), clamping the day to the target month's last day. */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const firstOfTarget = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(
    Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0),
  ).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  firstOfTarget.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return firstOfTarget.getTime();
}

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

// Longest tokens first so "MMMM" is never read as "MM" + "MM".
const FORMAT_TOKENS = /YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|mm|m|ss|s|SSS/g;

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `formatDate` with the tokens of §20.6; every other character is copied literally. */
export function formatUtc(ms: number, format: string): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const values: Record<string, string> = {
    YYYY: pad(year, 4),
    YY: pad(Math.abs(year) % 100, 2),
    MMMM: MONTH_NAMES[month]!,
    MMM: MONTH_NAMES[month]!.slice(0, 3),
    MM: pad(month + 1, 2),
    M: String(month + 1),
    DD: pad(d.getUTCDate(), 2),
    D: String(d.getUTCDate()),
    HH: pad(d.getUTCHours(), 2),
    H: String(d.getUTCHours()),
    mm: pad(d.getUTCMinutes(), 2),
    m: String(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds(), 2),
    s: String(d.getUTCSeconds()),
    SSS: pad(d.getUTCMilliseconds(), 3),
  };
  return format.replace(FORMAT_TOKENS, (token) => values[token]!);
}

// The mission's schedule (LANGUAGE.md §36.1): the `schedule:` item with its option block, and the
// equivalent mission items (`timezone`, `skipIfRunning`, `retryOnFailure`, `maxConcurrentRuns`).
// Every value is a literal: the daemon reads them before any run, from the Analysis.

import type { Mission, OptionEntry, OptionValue, Schedule, Span } from "../parse/ast.ts";
import { parseAt, parseCron, parseEvery, isKnownZone, type Parsed } from "../../runtime/schedule/parse-when.ts";
import type { ScheduleRetry, ScheduleSpec } from "../../runtime/schedule/spec.ts";
import { literalNumber } from "./options.ts";
import type { Session } from "./session.ts";
import { keywordSpan } from "./session.ts";
import { blockEntries } from "./walk.ts";

/** Mission items that configure the schedule (besides `schedule:` itself). */
export const SCHEDULE_MISSION_OPTIONS = ["timezone", "skipIfRunning", "retryOnFailure", "maxConcurrentRuns"];

const BLOCK_OPTIONS = ["timezone", "skipIfRunning", "maxConcurrentRuns", "retry", "retryOnFailure", "runOnStart"];

type Settings = Omit<ScheduleSpec, "when" | "text">;

export function checkSchedule(mission: Mission, session: Session): ScheduleSpec | null {
  const [schedule, ...extra] = mission.schedules;
  for (const other of extra) {
    session.report("duplicate-option", keywordSpan(other.span, "schedule"), { name: "schedule" }, [{ message: "the first schedule", span: keywordSpan(schedule!.span, "schedule") }]);
  }
  // `schedule: "…"` (a plain string) parses as an option entry, not a schedule item.
  for (const entry of mission.options) {
    if (entry.name.name === "schedule") {
      session.report("invalid-option-value", entry.value.span, { option: "schedule", description: 'every N UNIT, cron "…" or at "…"' });
    }
  }
  const missionItems = mission.options.filter((e) => SCHEDULE_MISSION_OPTIONS.includes(e.name.name));
  const settings = readSettings([...missionItems, ...(schedule?.options ?? [])], session);
  if (schedule === undefined) return null;
  const parsed = parseWhen(schedule);
  if ("problem" in parsed) {
    session.report("invalid-schedule", schedule.textSpan, { ...invalidWhat(schedule), reason: parsed.problem });
    return null;
  }
  return { when: parsed.when, text: scheduleText(schedule), ...settings };
}

function parseWhen(schedule: Schedule): Parsed {
  switch (schedule.form) {
    case "every":
      return parseEvery(schedule.every!.count, schedule.every!.unit);
    case "cron":
      return parseCron(schedule.text);
    case "at":
      return parseAt(schedule.text);
  }
}

/** What the invalid-schedule message names: "interval 'every …'", "cron expression '…'", "time 'at …'". */
function invalidWhat(schedule: Schedule): { what: string; text: string } {
  switch (schedule.form) {
    case "every":
      return { what: "interval", text: `every ${schedule.text}` };
    case "cron":
      return { what: "cron expression", text: schedule.text };
    case "at":
      return { what: "time", text: `at ${schedule.text}` };
  }
}

/** The schedule as written after `schedule:`, for logs and `check --schedule`. */
function scheduleText(schedule: Schedule): string {
  return schedule.form === "every" ? `every ${schedule.text}` : `${schedule.form} ${JSON.stringify(schedule.text)}`;
}

function readSettings(entries: OptionEntry[], session: Session): Settings {
  const settings: Settings = { timezone: "UTC", skipIfRunning: true, maxConcurrentRuns: 1, retry: null, runOnStart: false };
  const seen = new Map<string, Span>();
  for (const entry of entries) {
    const name = entry.name.name;
    if (!BLOCK_OPTIONS.includes(name)) {
      session.report("unknown-option", entry.name.span, { name, context: "schedule" });
      continue;
    }
    const key = name === "retryOnFailure" ? "retry" : name;
    if (seen.has(key)) {
      session.report("duplicate-option", entry.name.span, { name });
      continue;
    }
    seen.set(key, entry.name.span);
    const invalid = (description: string) =>
      session.report("invalid-option-value", entry.value.span, { option: name, description });
    const { value } = entry;
    switch (key) {
      case "timezone":
        if (value.kind !== "StringLit") invalid("a time zone name string (e.g. \"Europe/Paris\")");
        else if (!isKnownZone(value.value)) invalid(`a known IANA time zone (unknown zone '${value.value}')`);
        else settings.timezone = value.value;
        break;
      case "skipIfRunning":
      case "runOnStart":
        if (value.kind !== "BoolLit") invalid("true or false");
        else settings[key] = value.value;
        break;
      case "maxConcurrentRuns": {
        const n = literalNumber(value);
        if (n === undefined || !Number.isInteger(n) || n < 1) invalid("a positive integer");
        else settings.maxConcurrentRuns = n;
        break;
      }
      case "retry":
        settings.retry = readRetry(value, name, session);
        break;
    }
  }
  return settings;
}

/** `N` (= maxRetries), `{ maxRetries, delaySeconds }` or `{ maxAttempts, backoff, initialDelay, maxDelay }`. */
function readRetry(value: OptionValue, name: string, session: Session): ScheduleRetry | null {
  const invalid = (description: string, span: Span = value.span) => {
    session.report("invalid-option-value", span, { option: name, description });
    return null;
  };
  const n = literalNumber(value);
  if (n !== undefined) {
    if (!Number.isInteger(n) || n < 0) return invalid("a non-negative integer or a retry block");
    return { maxRetries: n, backoff: "constant", initialDelay: 60_000, maxDelay: null };
  }
  const entries = blockEntries(value);
  if (entries === undefined) return invalid("an integer or a retry block { … }");
  const fields = new Map<string, OptionEntry>();
  for (const entry of entries) {
    const field = entry.name.name;
    if (!RETRY_FIELDS.includes(field)) {
      session.report("unknown-option", entry.name.span, { name: field, context: "retry" });
    } else if (fields.has(field)) {
      session.report("duplicate-option", entry.name.span, { name: field });
    } else {
      fields.set(field, entry);
    }
  }
  const simple = fields.has("maxRetries") || fields.has("delaySeconds");
  const backoffForm = ["maxAttempts", "backoff", "initialDelay", "maxDelay"].some((f) => fields.has(f));
  if (simple && backoffForm) {
    return invalid("either { maxRetries, delaySeconds } or { maxAttempts, backoff, initialDelay, maxDelay }");
  }
  const int = (field: string, fallback: number, min: number): number | null => {
    const entry = fields.get(field);
    if (entry === undefined) return fallback;
    const v = literalNumber(entry.value);
    if (v === undefined || !Number.isInteger(v) || v < min) {
      session.report("invalid-option-value", entry.value.span, { option: field, description: `${min === 0 ? "a non-negative" : "a positive"} integer` });
      return null;
    }
    return v;
  };
  if (!backoffForm) {
    const maxRetries = int("maxRetries", 3, 0);
    const delaySeconds = int("delaySeconds", 60, 0);
    if (maxRetries === null || delaySeconds === null) return null;
    return { maxRetries, backoff: "constant", initialDelay: delaySeconds * 1000, maxDelay: null };
  }
  const maxAttempts = int("maxAttempts", 3, 1);
  const initialDelay = int("initialDelay", 1000, 0);
  const maxDelay = int("maxDelay", 30_000, 0);
  const backoffEntry = fields.get("backoff");
  const word = backoffEntry === undefined ? "exponential"
    : backoffEntry.value.kind === "Ident" ? backoffEntry.value.name
    : backoffEntry.value.kind === "StringLit" ? backoffEntry.value.value : "";
  if (word !== "exponential" && word !== "linear" && word !== "constant") {
    session.report("invalid-option-value", backoffEntry!.value.span, { option: "backoff", description: "exponential, linear or constant" });
    return null;
  }
  if (maxAttempts === null || initialDelay === null || maxDelay === null) return null;
  return { maxRetries: maxAttempts - 1, backoff: word, initialDelay, maxDelay };
}

const RETRY_FIELDS = ["maxRetries", "delaySeconds", "maxAttempts", "backoff", "initialDelay", "maxDelay"];

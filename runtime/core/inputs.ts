// Input data (LANGUAGE.md §9.2): the `inputs` run option seeds stores. Unknown names and
// malformed data are option errors (`run()` rejects); unsupplied input stores fail the run
// before any request with INPUT_MISSING.
import { ReqonError } from "./errors.ts";
import type { StoredRecord } from "../stores/record-map.ts";
import type { MissionInfo, RunOptions } from "./types.ts";
import { copyValue, isObject, keyString, typeName } from "../values/value-model.ts";

type Inputs = NonNullable<RunOptions["inputs"]>;

/** Thrown for invalid run options: `run()` rejects with it instead of resolving a result. */
export class RunOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunOptionsError";
  }
}

/** Every supplied input as keyed records; throws RunOptionsError for bad names or data. */
export function parseInputs(inputs: Inputs | undefined, mission: MissionInfo): Map<string, [string, StoredRecord][]> {
  const known = new Set(mission.stores.map((s) => s.name));
  const parsed = new Map<string, [string, StoredRecord][]>();
  for (const [name, data] of Object.entries(inputs ?? {})) {
    if (!known.has(name)) throw new RunOptionsError(`unknown store '${name}' in inputs: the mission does not use it`);
    parsed.set(name, inputRecords(name, data));
  }
  return parsed;
}

/** An array keyed by each record's `id` (else its index), or an object of KEY → RECORD. */
function inputRecords(name: string, data: unknown): [string, StoredRecord][] {
  if (Array.isArray(data)) {
    return data.map((record, index) => {
      const checked = checkRecord(name, String(index), record);
      return [keyString(checked.id ?? null) ?? String(index), checked];
    });
  }
  if (isObject(data)) return Object.entries(data).map(([key, record]) => [key, checkRecord(name, key, record)]);
  throw new RunOptionsError(`input '${name}' must be an array of records or an object of records (got ${typeName(data)})`);
}

/** The run's own copy of an input record, taken when run() is called. */
function checkRecord(name: string, key: string, record: unknown): StoredRecord {
  if (!isObject(record)) throw new RunOptionsError(`input '${name}': record ${key} must be an object (got ${typeName(record)})`);
  try {
    return copyValue(record);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RunOptionsError(`input '${name}': record ${key} is not JSON data (it contains itself, or nests too deeply)`);
  }
}

/** INPUT_MISSING errors for input stores that were not supplied, in declaration order. */
export function missingInputs(mission: MissionInfo, supplied: ReadonlyMap<string, unknown>): ReqonError[] {
  return mission.stores
    .filter((s) => s.input && !supplied.has(s.name))
    .map((s) => new ReqonError("INPUT_MISSING", `input store '${s.name}' was not supplied (use --input ${s.name}=FILE.json)`));
}

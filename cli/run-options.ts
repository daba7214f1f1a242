// Turns `reqonc run` flags into RunOptions (§30.3): reads the --auth/--env/--input files and
// checks every name against the compiled mission, so mistakes end with exit 2 and a clear
// message before anything runs.
import { readFileSync } from "node:fs";
import type { Credentials, MissionInfo, RunOptions } from "../runtime/core/types.ts";
import { parseEnvFile } from "./env-file.ts";
import { usageError } from "./exit.ts";
import { splitAssignment, type RunFlags } from "./run-flags.ts";

type Inputs = NonNullable<RunOptions["inputs"]>;

export interface PreparedOptions {
  options: RunOptions;
  /** Non-fatal remarks for stderr (e.g. credentials for a name that is not a source). */
  warnings: string[];
}

export function prepareRunOptions(flags: RunFlags, mission: MissionInfo): PreparedOptions {
  const warnings: string[] = [];
  const options: RunOptions = {};
  if (flags.auth !== undefined) options.auth = readAuthFile(flags.auth, mission, warnings);
  if (flags.env !== undefined) options.env = readEnvFile(flags.env);
  if (flags.input !== undefined) options.inputs = readInputs(flags.input, mission);
  if (flags.base !== undefined) options.baseUrls = parseBaseUrls(flags.base, mission);
  if (flags.dryRun) options.dryRun = true;
  if (flags.dataDir !== undefined) options.dataDir = flags.dataDir;
  if (flags.state) options.state = true;
  if (flags.resume !== undefined) options.resume = flags.resume;
  if (flags.force) {
    if (flags.resume === undefined) throw usageError("--force is only meaningful with --resume ID");
    options.force = true;
  }
  return { options, warnings };
}

function readText(flag: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? "unreadable";
    throw usageError(`${flag}: cannot read '${file}' (${reason})`);
  }
}

function readJson(flag: string, file: string): unknown {
  const text = readText(flag, file);
  try {
    return JSON.parse(text);
  } catch (e) {
    // Only where: the parser's own message quotes the text around the error, and an --auth
    // file's text is credentials.
    throw usageError(`${flag}: '${file}' is not valid JSON${jsonErrorPlace((e as Error).message, text)}`);
  }
}

/** " (line L, column C)" when the parser says at which position it stopped, else "". */
function jsonErrorPlace(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  if (position === null) return /end of JSON input/.test(message) ? " (it ends too early)" : "";
  const before = text.slice(0, Number(position[1])).split("\n");
  return ` (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readAuthFile(file: string, mission: MissionInfo, warnings: string[]): Record<string, Credentials> {
  const data = readJson("--auth", file);
  if (!isPlainObject(data)) {
    throw usageError(`--auth: '${file}' must hold an object keyed by source name`);
  }
  const sources = new Set(mission.sources.map((s) => s.name));
  for (const [name, credentials] of Object.entries(data)) {
    if (!isPlainObject(credentials)) {
      throw usageError(`--auth: the entry for '${name}' in '${file}' must be an object`);
    }
    // §26: entries for names that are not sources are ignored; say so, as it is likely a typo.
    if (!sources.has(name)) {
      warnings.push(`--auth: '${name}' is not a source of mission '${mission.name}'; its credentials are ignored`);
    }
  }
  return data as Record<string, Credentials>;
}

function readEnvFile(file: string): Record<string, string> {
  const parsed = parseEnvFile(readText("--env", file));
  // The line itself is not shown: it may hold a secret.
  if (!parsed.ok) throw usageError(`--env: '${file}' line ${parsed.line} is not KEY=VALUE, a # comment or blank`);
  return parsed.vars;
}

function readInputs(specs: string[], mission: MissionInfo): Inputs {
  const stores = new Set(mission.stores.map((s) => s.name));
  const inputs: Inputs = {};
  for (const spec of specs) {
    const assignment = splitAssignment(spec);
    if (!assignment) throw usageError(`--input: expected STORE=FILE, got '${spec}'`);
    const { name, value: file } = assignment;
    if (!stores.has(name)) {
      throw usageError(`--input: unknown store '${name}' (stores of mission '${mission.name}': ${listNames(stores)})`);
    }
    inputs[name] = checkRecords(readJson("--input", file), name, file);
  }
  return inputs;
}

/** §9.2: an array of records or an object mapping keys to records; records are objects. */
function checkRecords(data: unknown, store: string, file: string): unknown[] | Record<string, unknown> {
  const records = Array.isArray(data) ? data : isPlainObject(data) ? Object.values(data) : null;
  if (records === null || !records.every(isPlainObject)) {
    throw usageError(
      `--input: '${file}' for store '${store}' must hold an array of records or an object of records (records are JSON objects)`,
    );
  }
  return data as unknown[] | Record<string, unknown>;
}

function parseBaseUrls(specs: string[], mission: MissionInfo): Record<string, string> {
  const sources = new Set(mission.sources.map((s) => s.name));
  const baseUrls: Record<string, string> = {};
  for (const spec of specs) {
    const assignment = splitAssignment(spec);
    if (!assignment) throw usageError(`--base: expected SOURCE=URL, got '${spec}'`);
    const { name, value: url } = assignment;
    if (!sources.has(name)) {
      throw usageError(`--base: unknown source '${name}' (sources of mission '${mission.name}': ${listNames(sources)})`);
    }
    if (!isHttpUrl(url)) throw usageError(`--base: '${url}' is not an http:// or https:// URL`);
    baseUrls[name] = url;
  }
  return baseUrls;
}

function isHttpUrl(text: string): boolean {
  try {
    const protocol = new URL(text).protocol;
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function listNames(names: Set<string>): string {
  return names.size === 0 ? "none" : [...names].join(", ");
}

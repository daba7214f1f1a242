// The diagnostics catalogue (LANGUAGE.md §32): every code the compiler and CLI report, with its
// severity, message template and a line of help. Every diagnostic is made from an entry here, so
// a code cannot be misspelt, a message cannot drift from its code, and `--warn` can tell warning
// codes from error codes. `{name}` in a template is an argument; its type comes from the template.

import type { Severity } from "./types.ts";

export interface CatalogueEntry {
  readonly severity: Severity;
  /** The message, with `{argument}` placeholders (§32's upper-case words and quoted names). */
  readonly message: string;
  /** What the code means and how to fix it (docs/diagnostics.md). */
  readonly help: string;
  /**
   * Part III codes whose feature is not implemented yet: reqonc reports the feature as
   * `unsupported` (§0.1) instead, or (run-time codes) never reaches them.
   */
  readonly pending?: string;
}

export const CATALOGUE = {
  // Errors of Parts I and II.
  "syntax": {
    severity: "error",
    message: "expected {expected}, found {found}",
    help: "The text does not follow the grammar here; the message lists what could come next.",
  },
  "unterminated-string": {
    severity: "error",
    message: "unterminated string",
    help: "A string literal has no closing quote on its line.",
  },
  "no-mission": {
    severity: "error",
    message: "no mission in file",
    help: "A mission file needs a `mission Name { … }` block.",
  },
  "multiple-missions": {
    severity: "error",
    message: "a file may contain only one mission (found {count})",
    help: "Retired by §35 (several missions per file); reported until that form is implemented.",
  },
  "missing-pipeline": {
    severity: "error",
    message: "mission '{mission}' has no run pipeline",
    help: "A mission needs exactly one `run A then B` pipeline.",
  },
  "multiple-pipelines": {
    severity: "error",
    message: "mission '{mission}' has more than one run pipeline",
    help: "Merge the pipelines into one `run … then …` line.",
  },
  "duplicate-declaration": {
    severity: "error",
    message: "duplicate {kind} '{name}'",
    help: "Actions, sources, stores and schemas each need a unique name; rename or remove one.",
  },
  "unknown-mission-option": {
    severity: "error",
    message: "unknown mission option '{name}'",
    help: "Mission options are maxConcurrency and parallelMode (§3).",
  },
  "unknown-option": {
    severity: "error",
    message: "unknown option '{name}' for {context}",
    help: "The option is not in the table for this place (§24.1, §25.1, §27); check its spelling.",
  },
  "invalid-option-value": {
    severity: "error",
    message: "'{option}' must be {description}",
    help: "The option's value has the wrong form; the message says which form it needs.",
  },
  "missing-base": {
    severity: "error",
    message: "source '{source}' has no base URL",
    help: "Give the source a `base:` URL (or pass --base SOURCE=URL when running).",
  },
  "unknown-auth-kind": {
    severity: "error",
    message: "unknown auth kind '{kind}'",
    help: "auth is one of none, bearer, basic, api_key, oauth2 (§26).",
  },
  "unknown-store-kind": {
    severity: "error",
    message: "unknown store kind '{kind}'",
    help: "A store is one of memory, file, sql, nosql, postgrest (§27).",
  },
  "not-constant": {
    severity: "error",
    message: "source options may only use literals and env()",
    help: "Source options are evaluated once before the run; move computed values into requests.",
  },
  "unknown-action": {
    severity: "error",
    message: "unknown action '{name}'",
    help: "The pipeline, `jump` or `run` names an action the mission does not declare.",
  },
  "duplicate-in-group": {
    severity: "error",
    message: "action '{name}' appears twice in one parallel group",
    help: "An action runs at most once per parallel group; remove the repetition.",
  },
  "empty-group": {
    severity: "error",
    message: "empty parallel group",
    help: "A `[ … ]` group in the pipeline needs at least one action.",
  },
  "unknown-source": {
    severity: "error",
    message: "unknown source '{name}'",
    help: "The request names a source the mission does not declare.",
  },
  "source-twice": {
    severity: "error",
    message: "the request names its source twice",
    help: "Name the source either after the method or with `source:`, not both.",
  },
  "get-with-body": {
    severity: "error",
    message: "GET requests cannot have a body",
    help: "Send query parameters with `params:` instead.",
  },
  "needs-paginate": {
    severity: "error",
    message: "'{option}' requires 'paginate'",
    help: "The option only means something for a paginated request (§24.3).",
  },
  "unknown-function": {
    severity: "error",
    message: "unknown function '{name}'",
    help: "The name is not a built-in function (§20).",
  },
  "wrong-arity": {
    severity: "error",
    message: "'{name}' expects {expected} (got {got})",
    help: "The call passes a different number of arguments (or lambda parameters) than the function takes.",
  },
  "function-as-value": {
    severity: "error",
    message: "'{name}' is a function; call it as {name}()",
    help: "Functions are not values; call them.",
  },
  "not-a-value": {
    severity: "error",
    message: "'{name}' is {kind} and cannot be used as a value",
    help: "Actions, sources and schemas are declarations, not values (§16).",
  },
  "reserved-name": {
    severity: "error",
    message: "'{name}' is reserved and cannot be bound",
    help: "response, errors and _ cannot be variable names.",
  },
  "duplicate-binding": {
    severity: "error",
    message: "'{name}' is already bound in this block",
    help: "A name can be bound once per block; use another name or an inner block.",
  },
  "retry-outside-match": {
    severity: "error",
    message: "'retry' is only allowed inside a match arm",
    help: "retry re-runs the request a match examines (§23.1).",
  },
  "retry-without-request": {
    severity: "error",
    message: "'retry' needs an HTTP request before the match in the same block",
    help: "retry re-runs the request that precedes the match; there is none here.",
  },
  "unknown-type": {
    severity: "error",
    message: "unknown type '{name}'",
    help: "Types are the built-in ones of §22.1 or a declared schema.",
  },
  "duplicate-field": {
    severity: "error",
    message: "duplicate field '{field}' in schema '{schema}'",
    help: "A schema lists each field once.",
  },
  "schema-cycle": {
    severity: "error",
    message: "schema '{name}' includes itself",
    help: "Schemas may not include themselves directly or through other schemas.",
  },
  "unsupported": {
    severity: "error",
    message: "{feature} is not supported yet",
    help: "The feature belongs to Part III of the language and reqonc does not implement it yet (§0.1).",
  },

  // Errors of Part III.
  "ambiguous-root": {
    severity: "error",
    message: "folder '{folder}' holds both {root} and {other}",
    help: "A mission folder has one root file, mission.reqon or mission.vague (§33).",
  },
  "misplaced-declaration": {
    severity: "error",
    message: "only action and schema declarations may appear outside {root}",
    help: "Part files of a mission folder hold actions and schemas only (§33).",
  },
  "openapi-load-failed": {
    severity: "error",
    message: "cannot load OpenAPI document '{document}': {reason}",
    help: "The OpenAPI document of a `source … from` could not be read (§34.1).",
    pending: "OpenAPI sources (§34)",
  },
  "openapi-invalid": {
    severity: "error",
    message: "OpenAPI document '{document}' is invalid: {problem}",
    help: "The OpenAPI document was read but is not a valid OpenAPI 3 document (§34.1).",
    pending: "OpenAPI sources (§34)",
  },
  "not-openapi-source": {
    severity: "error",
    message: "'{source}' is not an OpenAPI source; use get/post/… for plain sources",
    help: "`call` needs a source declared with `from` (§34.2).",
    pending: "OpenAPI sources (§34)",
  },
  "unknown-operation": {
    severity: "error",
    message: "unknown operation '{operation}' in '{source}'",
    help: "The OpenAPI document has no operation with that operationId (§34.2).",
    pending: "OpenAPI sources (§34)",
  },
  "missing-path-parameter": {
    severity: "error",
    message: "operation '{operation}' needs path parameter '{parameter}'",
    help: "Pass every path parameter of the operation (§34.2).",
    pending: "OpenAPI sources (§34)",
  },
  "invalid-schedule": {
    severity: "error",
    message: "invalid {what} '{text}': {reason}",
    help: "The schedule cannot be understood: a bad cron expression, `at` time or `every 0` (§36.1).",
  },
  "no-schedule": {
    severity: "error",
    message: "mission '{mission}' has no schedule",
    help: "The daemon runs scheduled missions only (§36.2).",
  },
  "resume-unknown": {
    severity: "error",
    message: "unknown execution '{id}' (no state in {dir})",
    help: "--resume names a run the data directory holds no state for (§37). Reported by the runtime.",
  },
  "resume-mismatch": {
    severity: "error",
    message: "mission changed since run {id}; use --force to resume anyway",
    help: "The mission was edited (or is another mission) since the run being resumed (§37). Reported by the runtime.",
  },
  "resume-nothing": {
    severity: "error",
    message: "execution '{id}' succeeded; there is nothing to resume",
    help: "Only failed, partial or cancelled runs can be resumed (§37). Reported by the runtime.",
  },
  "invalid-table-name": {
    severity: "error",
    message: "'{name}' is not a valid table name",
    help: "SQL store tables are plain identifiers (§41).",
    pending: "SQL stores (§41)",
  },
  "unsupported-form": {
    severity: "error",
    message: "{form} is not part of the language",
    help: "A form of the original interpreter that Reqon rejects; the note shows the rewrite (§35).",
    pending: "the original's forms (§35)",
  },
  "duplicate-option": {
    severity: "error",
    message: "option '{name}' is given twice",
    help: "Each option appears once in its list.",
  },
  "nesting-too-deep": {
    severity: "error",
    message: "nesting deeper than 256 levels",
    help: "Flatten the expression or block structure.",
    pending: "the nesting limit",
  },
  "not-a-text-file": {
    severity: "error",
    message: "'{file}' is not a text file (binary content or NUL bytes)",
    help: "Mission files are UTF-8 text.",
    pending: "the text-file check",
  },
  "not-a-mission": {
    severity: "error",
    message: "this is a Vague data file, not a Reqon mission",
    help: "Vague data-generation files (import, dataset) are not missions (§35).",
    pending: "the original's forms (§35)",
  },

  // Warnings of Part III.
  "unknown-parameter": {
    severity: "warning",
    message: "operation '{operation}' has no parameter '{parameter}'; it is sent as a query parameter",
    help: "The OpenAPI operation does not declare the parameter (§34.2).",
    pending: "OpenAPI sources (§34)",
  },
  "get-body-as-params": {
    severity: "warning",
    message: "GET has no body; 'body' is sent as query parameters (write 'params')",
    help: "The original sent a GET body as query parameters; write `params:` (§35).",
  },
  "first-mission": {
    severity: "warning",
    message: "{file} holds {count} missions; using '{mission}' (choose with --mission NAME)",
    help: "The file holds several missions; --mission picks one (§35).",
    pending: "several missions per file (§35)",
  },
  "pattern-shadows-variable": {
    severity: "warning",
    message: "'{name}' in a pattern binds a new name; it does not compare with the variable '{name}'",
    help: "To compare with the variable write `v where v == name` (§22.3, §35).",
    pending: "the original's forms (§35)",
  },

  // Warnings of Parts I and II.
  "unused-action": {
    severity: "warning",
    message: "action '{name}' is never run",
    help: "Neither the pipeline nor any jump or run step reaches the action.",
  },
  "match-without-default": {
    severity: "warning",
    message: "match has no default arm; an unmatched value is a runtime error",
    help: "Add a `_ -> …` arm.",
  },
  "store-without-key": {
    severity: "warning",
    message: "records stored into '{store}' get sequence keys; add `key:` to make re-runs idempotent",
    help: "Records without an id or key get sequence numbers, so a re-run stores them again.",
  },
  "possible-typo": {
    severity: "warning",
    message: "'{name}' is read as an input store; did you mean '{suggestion}'?",
    help: "An unknown bare name is an input store (§16); it looks like a misspelt name.",
  },
  "unreachable-step": {
    severity: "warning",
    message: "this step can never run (it follows an `abort` in the same block)",
    help: "Remove the step or move it before the abort.",
  },
  "parallel-key-collision": {
    severity: "warning",
    message: "actions '{first}' and '{second}' both write store '{store}' in one parallel group and their keys may collide; give each a distinct prefix",
    help: "Parallel actions writing the same keys overwrite each other in an unpredictable order (§6).",
  },
  "parallel-read-write": {
    severity: "warning",
    message: "action '{reader}' reads store '{store}', which '{writer}' writes in the same parallel group; {reader} may see partial data",
    help: "Move the reader to a later stage to see the complete store (§6).",
  },
  "shadows-store": {
    severity: "warning",
    message: "variable '{name}' shadows store '{name}'",
    help: "Inside the variable's scope the store cannot be read by its name.",
  },
  "errors-shadowed": {
    severity: "warning",
    message: "store 'errors' hides the built-in errors list",
    help: "Rename the store to keep reading the error list (§7.5).",
  },
  "pattern-binds-capitalised": {
    severity: "warning",
    message: "'{name}' is not a schema; this pattern binds a variable",
    help: "Capitalised names in patterns are usually schemas; this one is not declared.",
  },
  "suspicious-duration": {
    severity: "warning",
    message: "'maxWait' is in milliseconds; {value} looks like seconds",
    help: "Durations are milliseconds (§25.2).",
  },
  "empty-validate": {
    severity: "warning",
    message: "validate has no assume",
    help: "A validate step without assumptions checks nothing (§28).",
  },
} as const satisfies Record<string, CatalogueEntry>;

export type Code = keyof typeof CATALOGUE;
export type WarningCode = { [C in Code]: (typeof CATALOGUE)[C]["severity"] extends "warning" ? C : never }[Code];

/** The placeholder names of a template: `"a '{x}' b {y}"` → `"x" | "y"`. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The arguments a code's message needs, one per placeholder. */
export type MessageArgs<C extends Code> = { readonly [K in Placeholders<(typeof CATALOGUE)[C]["message"]>]: string | number };

const codes = new Set<string>(Object.keys(CATALOGUE));

export function isCode(code: string): code is Code {
  return codes.has(code);
}

export function entryOf(code: Code): CatalogueEntry {
  return CATALOGUE[code];
}

/** The message of `code` with its arguments filled in. */
export function messageOf<C extends Code>(code: C, args: MessageArgs<C>): string {
  const values = args as Readonly<Record<string, string | number>>;
  return entryOf(code).message.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

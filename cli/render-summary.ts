// The human-readable run summary printed on stdout without --json (not a stable format):
// status, per-store record counts, errors with the failing step's location, timeline chart.
import type { ErrorRecord, RunResult } from "../runtime/core/types.ts";
import type { Colors } from "./colors.ts";
import { colourStatus, renderTimeline } from "./render-timeline.ts";

export interface SummaryContext {
  colors: Colors;
  /** Per error record, `file:line:col` of the step that failed (from `action.end` events). */
  failedAt: (string | undefined)[];
  dryRun?: boolean;
}

export function renderSummary(result: RunResult, context: SummaryContext): string {
  const { colors } = context;
  const duration = Math.max(0, ...result.timeline.map((entry) => entry.end));
  const lines: string[] = [
    `${colors.bold(`Mission ${result.mission}`)}: ${colourStatus(result.status, colors)} in ${duration} ms${context.dryRun ? " (dry run)" : ""}`,
    "",
    colors.bold("Stores"),
    ...renderStores(result.stores),
  ];
  if (result.errors.length > 0) {
    lines.push("", colors.bold(`Errors (${result.errors.length})`));
    lines.push(...result.errors.map((error, i) => renderError(error, context.failedAt[i], context.colors)));
  }
  if (result.timeline.length > 0) {
    lines.push("", colors.bold("Timeline"), ...renderTimeline(result.timeline, colors));
  }
  return lines.join("\n") + "\n";
}

function renderStores(stores: RunResult["stores"]): string[] {
  const entries = Object.entries(stores);
  if (entries.length === 0) return ["  (none)"];
  const nameWidth = Math.max(...entries.map(([name]) => name.length));
  return entries.map(([name, records]) => {
    const count = Object.keys(records).length;
    return `  ${name.padEnd(nameWidth)}  ${count} record${count === 1 ? "" : "s"}`;
  });
}

function renderError(error: ErrorRecord, at: string | undefined, colors: Colors): string {
  const who = error.action === "" ? "(mission)" : error.action;
  const code = error.code === undefined ? "" : ` ${colors.dim(`[${error.code}]`)}`;
  const where = at === undefined ? "" : `\n      ${colors.dim(`at ${at}`)}`;
  return `  ${colors.red("✗")} ${who}: ${error.message}${code}${where}`;
}

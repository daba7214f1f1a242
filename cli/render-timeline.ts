// The timeline chart of the run summary: one row per timeline entry, with a bar placed over the
// run's duration, so actions of a parallel group show as overlapping bars.
import type { TimelineEntry, TimelineStatus } from "../runtime/core/types.ts";
import type { Colors } from "./colors.ts";

const BAR_WIDTH = 40;

export function renderTimeline(timeline: TimelineEntry[], colors: Colors): string[] {
  if (timeline.length === 0) return [];
  const total = Math.max(1, ...timeline.map((entry) => entry.end));
  const nameWidth = Math.max(...timeline.map((entry) => entry.action.length));
  const spanWidth = Math.max(...timeline.map((entry) => formatSpan(entry).length));
  const rows = timeline.map((entry) => {
    const bar = colourOf(entry.status, drawBar(entry, total), colors);
    const status = colourStatus(entry.status, colors);
    return `  ${entry.action.padEnd(nameWidth)}  ${colors.dim("|")}${bar}${colors.dim("|")}  ${formatSpan(entry).padStart(spanWidth)}  ${status}`;
  });
  const axis = `  ${" ".repeat(nameWidth)}   ${"0 ms".padEnd(BAR_WIDTH - String(total).length - 3)}${total} ms`;
  return [...rows, colors.dim(axis)];
}

/** The bar's characters: `█` while the action ran, `·` for an action that never started. */
export function drawBar(entry: TimelineEntry, total: number): string {
  const from = Math.min(BAR_WIDTH - 1, Math.floor((entry.start / total) * BAR_WIDTH));
  const neverStarted = entry.end <= entry.start && (entry.status === "skipped" || entry.status === "cancelled");
  if (neverStarted) {
    return " ".repeat(from) + "·" + " ".repeat(BAR_WIDTH - from - 1);
  }
  const to = Math.max(from + 1, Math.min(BAR_WIDTH, Math.ceil((entry.end / total) * BAR_WIDTH)));
  return " ".repeat(from) + "█".repeat(to - from) + " ".repeat(BAR_WIDTH - to);
}

function formatSpan(entry: TimelineEntry): string {
  return `${entry.start}–${entry.end} ms`;
}

/** A status word in its colour. */
export function colourStatus(status: TimelineStatus | "partial", colors: Colors): string {
  return colourOf(status, status, colors);
}

/** `text` in the colour of `status`: green succeeded, red failed, yellow partial/cancelled, dim skipped. */
function colourOf(status: TimelineStatus | "partial", text: string, colors: Colors): string {
  switch (status) {
    case "succeeded":
      return colors.green(text);
    case "failed":
      return colors.red(text);
    case "partial":
    case "cancelled":
      return colors.yellow(text);
    case "skipped":
      return colors.dim(text);
    default: {
      const unexpected: never = status;
      return String(unexpected);
    }
  }
}

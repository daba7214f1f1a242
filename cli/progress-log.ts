// --verbose: one readable stderr line per run event (§31.3).
import type { RunEvent } from "../runtime/core/types.ts";
import type { Colors } from "./colors.ts";

export function formatEvent(event: RunEvent, colors: Colors): string {
  const time = colors.dim(`[${String(Math.round(event.t)).padStart(5)} ms]`);
  return `${time} ${describeEvent(event, colors)}`;
}

function describeEvent(event: RunEvent, colors: Colors): string {
  switch (event.type) {
    case "mission.start":
      return colors.bold(`mission ${event.mission} started`);
    case "stage.start":
      return `stage ${event.stage} started: ${event.actions.join(", ")}`;
    case "stage.end":
      return `stage ${event.stage} ended`;
    case "action.start":
      return `${colors.cyan("▶")} ${event.action}${event.via === "jump" ? colors.dim(" (jump)") : ""}`;
    case "action.end": {
      const mark = event.status === "succeeded" ? colors.green("✓") : colors.red("✗");
      const error = event.error ? `: ${event.error.message}${event.error.at ? colors.dim(` at ${event.error.at}`) : ""}` : "";
      return `${mark} ${event.action} ${event.status}${error}`;
    }
    case "request": {
      const attempt = event.attempt > 1 ? colors.dim(` (attempt ${event.attempt})`) : "";
      const dry = event.dryRun ? colors.dim(" (dry run, not sent)") : "";
      return `  → ${event.method} ${event.url}${attempt}${dry} ${colors.dim(event.action)}`;
    }
    case "response": {
      const status = event.status < 400 ? colors.green(String(event.status)) : colors.red(String(event.status));
      return `  ← ${status} ${event.method} ${event.url} ${colors.dim(`${event.ms} ms ${event.action}`)}`;
    }
    case "store.write":
      return `  ${colors.dim("store")} ${event.store}${event.key === null ? "" : `[${event.key}]`} ${colors.dim(event.mode)}`;
    case "warning":
      return `${colors.yellow("warning:")} ${event.message}${event.action ? colors.dim(` (${event.action})`) : ""}`;
    case "auth.refresh":
      return `  ${colors.dim("auth")} token refreshed for ${event.source}`;
    case "mission.end":
      return colors.bold(`mission ended: ${event.status}`);
    default: {
      const unexpected: never = event;
      return JSON.stringify(unexpected);
    }
  }
}

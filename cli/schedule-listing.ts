// `reqonc check --schedule` (§36.1): per scheduled mission, `MISSION: SCHEDULE-TEXT (TIMEZONE)`
// and its next five run times in ISO 8601 with the zone's offset; a past `at` prints
// `never (in the past)`.
import type { Analysis } from "../compiler/index.ts";
import { nextDueTimes } from "../runtime/schedule/due-times.ts";
import { formatInZone } from "../runtime/schedule/format-time.ts";

const LISTED_RUNS = 5;

export function scheduleLines(analyses: readonly Analysis[], now: Date): string[] {
  const lines: string[] = [];
  for (const analysis of analyses) {
    const spec = analysis.schedule;
    if (spec === null) continue;
    lines.push(`${analysis.mission.name.name}: ${spec.text} (${spec.timezone})`);
    const times = nextDueTimes(spec, now, LISTED_RUNS);
    if (times.length === 0) lines.push("never (in the past)");
    for (const time of times) lines.push(formatInZone(time, spec.timezone));
  }
  return lines;
}

export function printSchedules(analyses: readonly Analysis[], now: Date, out: NodeJS.WritableStream): void {
  const lines = scheduleLines(analyses, now);
  if (lines.length > 0) out.write(lines.join("\n") + "\n");
}

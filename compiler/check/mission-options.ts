// Mission options (§3): maxConcurrency, parallelMode; the schedule's ones are read by schedule.ts.

import type { Mission } from "../parse/ast.ts";
import type { Analysis } from "./analysis.ts";
import { literalNumber } from "./options.ts";
import { SCHEDULE_MISSION_OPTIONS } from "./schedule.ts";
import type { Session } from "./session.ts";

const PARALLEL_MODES = ["all-settled", "fail-fast"] as const;

export function checkMissionOptions(mission: Mission, session: Session): Analysis["options"] {
  const options: Analysis["options"] = { maxConcurrency: null, parallelMode: "all-settled" };
  for (const entry of mission.options) {
    const { name, value } = entry;
    switch (name.name) {
      case "maxConcurrency": {
        const n = literalNumber(value);
        if (n === undefined || !Number.isInteger(n) || n < 1) {
          session.report("invalid-option-value", value.span, { option: "maxConcurrency", description: "a positive integer" });
        } else {
          options.maxConcurrency = n;
        }
        break;
      }
      case "parallelMode": {
        const mode = value.kind === "StringLit" ? value.value : undefined;
        const known = PARALLEL_MODES.find((m) => m === mode);
        if (known) options.parallelMode = known;
        else session.report("invalid-option-value", value.span, { option: "parallelMode", description: '"all-settled" or "fail-fast"' });
        break;
      }
      default:
        if (name.name !== "schedule" && !SCHEDULE_MISSION_OPTIONS.includes(name.name)) {
          session.report("unknown-mission-option", name.span, { name: name.name });
        }
    }
  }
  return options;
}

// `resume: "ID"` (LANGUAGE.md §37): which stage the new run starts from and which actions of it
// are carried over, or why the run is refused (exit 2 before anything runs).
import type { MissionInfo } from "../core/types.ts";
import { RunOptionsError } from "../core/inputs.ts";
import { readState, type ActionState, type ExecutionState } from "./state-file.ts";

export type ResumeRefusal = "resume-unknown" | "resume-mismatch" | "resume-nothing";

/** A refused resume; `code` is the diagnostic code of §32. */
export class ResumeRefused extends RunOptionsError {
  constructor(readonly code: ResumeRefusal, message: string) {
    super(message);
  }
}

export interface ResumePlan {
  previous: ExecutionState;
  /** The first stage with an action that did not succeed in `previous`. */
  resumeStage: number;
  /** `stage:action` → its state in `previous`, for every occurrence not run again. */
  carried: Map<string, ActionState>;
}

export const occurrenceKey = (stage: number, action: string): string => `${stage}:${action}`;

export async function planResume(
  dataDir: string, id: string, mission: MissionInfo, missionHash: string, force: boolean,
): Promise<ResumePlan> {
  const previous = await readState(dataDir, id);
  if (previous === null) throw new ResumeRefused("resume-unknown", `unknown execution '${id}' (no state in ${dataDir}/executions)`);
  if (previous.mission !== mission.name) {
    throw new ResumeRefused("resume-mismatch", `execution '${id}' is a run of mission '${previous.mission}', not '${mission.name}'`);
  }
  if (previous.status === "succeeded") throw new ResumeRefused("resume-nothing", `execution '${id}' succeeded; there is nothing to resume`);
  if (previous.missionHash !== missionHash) {
    const names = new Set(mission.actions.map((a) => a.name));
    const gone = previous.stages.flatMap((s) => s.actions.map((a) => a.name)).filter((n) => !names.has(n));
    if (!force) throw new ResumeRefused("resume-mismatch", `mission changed since run ${id}; use --force to resume anyway`);
    if (gone.length > 0) {
      throw new ResumeRefused("resume-mismatch", `mission changed since run ${id} and no longer has action '${gone[0]}'; it cannot be resumed`);
    }
  }
  const succeeded = new Map<string, ActionState>();
  for (const stage of previous.stages) {
    for (const action of stage.actions) {
      if (action.status === "succeeded") succeeded.set(occurrenceKey(stage.stage, action.name), action);
    }
  }
  const resumeStage = mission.pipeline.find((stage) =>
    stage.actions.some((a) => !succeeded.has(occurrenceKey(stage.stage, a))))?.stage ?? mission.pipeline.length;
  const carried = new Map<string, ActionState>();
  for (const stage of mission.pipeline) {
    if (stage.stage > resumeStage) break;
    for (const action of stage.actions) {
      const done = succeeded.get(occurrenceKey(stage.stage, action));
      if (done !== undefined) carried.set(occurrenceKey(stage.stage, action), done);
    }
  }
  return { previous, resumeStage, carried };
}

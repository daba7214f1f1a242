// One line of the bench table: a measured value checked against its goal, an informational
// reference figure, or an honest "not measured (reason)" — never an invented number.

/**
 * `problems` are behaviour checks that failed while measuring (e.g. a pool that ran more actions
 * than its limit); any problem makes the item fail whatever the figure, since the figure would
 * not mean what its name says.
 * @param {{ id: string, name: string, value: number, unit: string,
 *           goal: { op: "<=" | ">=", limit: number, unit: string } | { op: "between", low: number, high: number, unit: string }, details?: object, problems?: string[] }} item
 */
export function measured({ id, name, value, unit, goal, details = {}, problems = [] }) {
  const withinGoal = goal.op === "between" ? value >= goal.low && value <= goal.high
    : goal.op === "<=" ? value <= goal.limit : value >= goal.limit;
  const status = withinGoal && problems.length === 0 ? "pass" : "fail";
  return { id, name, status, value, unit, goal, details: problems.length ? { ...details, problems } : details };
}

/** A figure printed for reference only (no goal). */
export function reference({ id, name, value, unit, details = {} }) {
  return { id, name, status: "info", value, unit, goal: null, details };
}

export function notMeasured({ id, name, goal = null, reason }) {
  return { id, name, status: "not measured", value: null, unit: null, goal, reason };
}

/** Runs one bench item; an exception becomes "not measured" with its message as the reason. */
export async function attempt(spec, measure) {
  try {
    return await measure();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return notMeasured({ ...spec, reason: reason.split("\n")[0] });
  }
}

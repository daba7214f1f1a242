// Does any request rely on the implicit `default` source's base URL? A mission without sources
// gets its base at run time (§4); when some request's path is not a literal http(s) URL, the run
// must fail before its first request if no base was given — so the runtime is told up front.
import type { Analysis } from "../check/analysis.ts";
import { forEachStep } from "../check/walk.ts";

export function requestsNeedDefaultBase(analysis: Analysis): boolean {
  if (analysis.sources.some((s) => s.decl !== undefined)) return false;
  let needed = false;
  for (const action of analysis.actions.values()) {
    forEachStep(action.body.steps, ({ step }) => {
      if (step.kind === "DeleteStep" && analysis.httpDeletes.has(step)) needed = true;
      if (step.kind !== "HttpStep") return;
      const path = step.path;
      const absolute = path.kind === "StringLit" && /^https?:\/\//i.test(path.value);
      if (!absolute) needed = true;
    });
  }
  return needed;
}

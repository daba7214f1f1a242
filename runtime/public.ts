// The runtime's public API, for apps that run generated missions: the run entry point, the
// errors it can throw and the types of a run's options, result and events (LANGUAGE.md §31).
export { runMission } from "./core/run-mission.ts";
export { RunOptionsError } from "./core/inputs.ts";
export { ReqonError, isReqonError } from "./core/errors.ts";
export type * from "./core/public-types.ts";

// What generated code imports (`import * as rt from "reqonc/runtime"`): runMission, the
// expression helpers and built-ins, errors and the contract types.
export { runMission } from "./run-mission.ts";
export { RunOptionsError } from "./inputs.ts";
export * from "./values.ts";
export { fn } from "./functions.ts";
export { ReqonError, evalError, isReqonError } from "./errors.ts";
export type * from "./types.ts";

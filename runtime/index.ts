// `reqonc/runtime`: what every generated module imports (`import * as rt from "reqonc/runtime"`).
// It is the public API (public.ts) plus the helpers only generated code uses (internal.ts);
// apps that want only the stable part import `reqonc/runtime/public`.
export * from "./public.ts";
export * from "./internal.ts";

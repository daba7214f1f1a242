// The got client of the hand-written baselines (fan-out and pagination items): what a careful
// engineer would write by hand — one keep-alive agent, no got retries, JSON bodies.
import http from "node:http";
import got from "got";

export const HAND_WRITTEN_CLIENT =
  "got.extend({ agent: { http: new http.Agent({ keepAlive: true }) }, retry: { limit: 0 }, responseType: 'json' })";

export function handWrittenClient() {
  return got.extend({ agent: { http: new http.Agent({ keepAlive: true }) }, retry: { limit: 0 }, responseType: "json" });
}

// The two sides of the fan-out item (bench/measures/fan-out.mjs), shared by the in-process
// rounds and the cold runs in fresh processes (bench/lib/fan-out-cold.mjs).
import http from "node:http";
import got from "got";
import pMap from "p-map";

/** The input store: `count` records with ids i0000, i0001, … */
export function fanOutItems(count) {
  return Array.from({ length: count }, (_, i) => ({ id: `i${String(i).padStart(4, "0")}` }));
}

/** The compiled mission's run, insisting on success so a broken run never yields a figure. */
export function missionSide(module, baseUrl, items) {
  return async () => {
    const result = await module.run({ baseUrls: { default: baseUrl }, inputs: { items } });
    if (result.status !== "succeeded") {
      const first = result.errors?.[0];
      throw new Error(`mission ${result.mission} ended "${result.status}" (${first ? `${first.code}: ${first.message}` : "no error record"})`);
    }
  };
}

export const baselineSettings = (concurrency) =>
  `got.extend({ agent: { http: new http.Agent({ keepAlive: true }) }, retry: { limit: 0 }, responseType: 'json' }) + pMap(items, get, { concurrency: ${concurrency} })`;

/** What a careful engineer would write by hand: one keep-alive agent, no got retries, JSON bodies. */
export function handWrittenLoop(baseUrl, items, concurrency) {
  const agent = new http.Agent({ keepAlive: true });
  const client = got.extend({ agent: { http: agent }, retry: { limit: 0 }, responseType: "json" });
  return async () => {
    const bodies = await pMap(items, async (x) => (await client(`${baseUrl}/item/${x.id}`)).body, { concurrency });
    if (bodies.length !== items.length) throw new Error("baseline lost responses");
  };
}

// The two sides of the fan-out item (bench/measures/fan-out.mjs), shared by the in-process
// rounds and the cold runs in fresh processes (bench/lib/fan-out-cold.mjs).
import pMap from "p-map";
import { runSucceeded } from "./compile-mission.mjs";
import { HAND_WRITTEN_CLIENT, handWrittenClient } from "./got-client.mjs";

/** The input store: `count` records with ids i0000, i0001, … */
export function fanOutItems(count) {
  return Array.from({ length: count }, (_, i) => ({ id: `i${String(i).padStart(4, "0")}` }));
}

/** The compiled mission's run; a run that does not succeed throws, so it never yields a figure. */
export function missionSide(module, baseUrl, items) {
  return () => runSucceeded(module, { baseUrls: { default: baseUrl }, inputs: { items } });
}

export const baselineSettings = (concurrency) => `${HAND_WRITTEN_CLIENT} + pMap(items, get, { concurrency: ${concurrency} })`;

/** The hand-written got + p-map loop at the same concurrency. */
export function handWrittenLoop(baseUrl, items, concurrency) {
  const client = handWrittenClient();
  return async () => {
    const bodies = await pMap(items, async (x) => (await client(`${baseUrl}/item/${x.id}`)).body, { concurrency });
    if (bodies.length !== items.length) throw new Error("baseline lost responses");
  };
}

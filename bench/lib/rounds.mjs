// The measuring schedule of the ratio items (fan-out, pagination): warm-up runs of both sides,
// then rounds that run both sides back to back, alternating which goes first so neither always
// runs on a warmer or cooler machine. Rounds continue until `maxRounds`, or until `budgetMs` is
// spent once `minRounds` are done: more rounds on a quiet machine, a bounded bench on a busy one.

/** `sample(run)` measures one run; returns `{ warmUp, mission, baseline }` sample lists (rounds pair up by index). */
export async function alternatingRounds({ mission, baseline, sample, warmUpRuns, minRounds, maxRounds, budgetMs }) {
  const warmUp = { mission: [], baseline: [] };
  for (let run = 0; run < warmUpRuns; run++) {
    warmUp.mission.push(await sample(mission));
    warmUp.baseline.push(await sample(baseline));
  }
  const samples = { mission: [], baseline: [] };
  const started = performance.now();
  for (let round = 0; round < maxRounds; round++) {
    if (round >= minRounds && performance.now() - started > budgetMs) break;
    for (const side of firstSide(round) === "mission" ? ["mission", "baseline"] : ["baseline", "mission"]) {
      samples[side].push(await sample(side === "mission" ? mission : baseline));
    }
  }
  return { warmUp, ...samples };
}

/** Which side goes first in round (or pair) `n`. */
export function firstSide(n) {
  return n % 2 === 0 ? "mission" : "baseline";
}

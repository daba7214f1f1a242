// The ideal wall time of a parallel group: list scheduling in declaration order over `slots`
// slots (LANGUAGE.md §6: a sliding pool — the next queued action starts as soon as any running
// one finishes). Without a limit every action starts at once.

/** Makespan in ms of jobs with the given durations, started greedily in order. */
export function greedyMakespan(durations, slots = Infinity) {
  if (durations.length === 0) return 0;
  const slotCount = Math.min(slots, durations.length);
  const freeAt = new Array(slotCount).fill(0);
  let makespan = 0;
  for (const duration of durations) {
    const slot = freeAt.indexOf(Math.min(...freeAt));
    freeAt[slot] += duration;
    makespan = Math.max(makespan, freeAt[slot]);
  }
  return makespan;
}

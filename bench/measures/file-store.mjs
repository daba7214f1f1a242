// Bench (issue 9 part 5): a sequential `for` storing 10,000 records one by one into a `file`
// store ÷ the same loop into a `memory` store (goal ≤ 1.5). Writing the whole file after every
// store step made this quadratic (4,000 records: 71 s against ~1 s); coalesced writes (§27.1: at
// most every 100 ms, at every action end, before run() returns) make the file cost one write
// per interval plus one at the end. Both missions read the records from an input store, so no
// HTTP is involved; each file run starts from an empty data folder (loading a previous run's
// 10,000 records is not what is measured). Rounds alternate which side runs first; the figure is
// the median of the per-round ratios.
//   node bench/run.mjs file-store      // this item alone
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildMission, runSucceeded } from "../lib/compile-mission.mjs";
import { measured } from "../lib/outcome.mjs";
import { alternatingRounds } from "../lib/rounds.mjs";
import { median, round, timed } from "../lib/stats.mjs";

export const FILE_STORE = {
  id: "file-store",
  name: "10,000 sequential store steps: file store time ÷ memory store time",
  goal: { op: "<=", limit: 1.5, unit: "ratio" },
  timeoutMs: 60_000,
  records: 10_000,
  minRounds: 3,
  maxRounds: 15,
  roundsBudgetMs: 15_000,
  warmUpRuns: 1,
};

const missionText = (name, kind) => `mission ${name} {
  store items: ${kind}("items")
  action Copy {
    for r in wanted {
      store r -> items { key: .id }
    }
  }
  run Copy
}
`;

const inputRecords = () =>
  Array.from({ length: FILE_STORE.records }, (_, i) => ({ id: `r${i}`, name: `record ${i}`, n: i, tags: ["a", "b"] }));

export async function measureFileStore({ root, workDir }) {
  const fileModule = await buildMission(root, "BenchFileStore", missionText("BenchFileStore", "file"), workDir);
  const memoryModule = await buildMission(root, "BenchMemoryStore", missionText("BenchMemoryStore", "memory"), workDir);
  const inputs = { wanted: inputRecords() };
  const problems = [];

  // Only run() is timed; making the data folder, checking the file and removing it are not.
  const sample = (module, kind) => async () => {
    const dataDir = mkdtempSync(join(workDir, `data-${kind}-`));
    try {
      const { value: result, ms } = await timed(() => runSucceeded(module, { inputs, dataDir }));
      const stored = Object.keys(result.stores.items).length;
      if (stored !== FILE_STORE.records) problems.push(`${kind}: ${stored} records in the result, expected ${FILE_STORE.records}`);
      if (kind === "file") {
        // The figure only counts if the file holds every record when run() returns.
        const onDisk = Object.keys(JSON.parse(readFileSync(join(dataDir, "items.json"), "utf8"))).length;
        if (onDisk !== FILE_STORE.records) problems.push(`file: ${onDisk} records on disk, expected ${FILE_STORE.records}`);
      }
      return ms;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  const { mission: file, baseline: memory } = await alternatingRounds({
    mission: sample(fileModule, "file"), baseline: sample(memoryModule, "memory"), sample: (measure) => measure(),
    warmUpRuns: FILE_STORE.warmUpRuns, minRounds: FILE_STORE.minRounds, maxRounds: FILE_STORE.maxRounds,
    budgetMs: FILE_STORE.roundsBudgetMs,
  });
  const ratios = file.map((ms, i) => ms / memory[i]);
  return measured({
    ...FILE_STORE,
    value: round(median(ratios)),
    unit: "ratio",
    problems: [...new Set(problems)],
    details: {
      "file store run ms (median)": round(median(file), 1),
      "memory store run ms (median)": round(median(memory), 1),
      "ratio per round": ratios.map((r) => round(r)),
      rounds: ratios.length,
      records: FILE_STORE.records,
    },
  });
}

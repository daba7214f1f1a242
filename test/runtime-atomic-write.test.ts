// Atomic writes (runtime/io/atomic-write.ts): the temporary's recognisable name, and which
// temporaries left by killed writers count as stale.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removeStaleTemporaries, writeFileAtomic } from "../runtime/io/atomic-write.ts";

const dir = (): string => mkdtempSync(join(tmpdir(), "reqonc-atomic-"));

describe("stale temporaries", () => {
  it("this process's pid on a temporary it is not writing means a previous holder of the pid", () => {
    const d = dir();
    const target = join(d, "S.json");
    const mine = `S.json.reqonc-${process.pid}-abc123.tmp`;
    const parent = `S.json.reqonc-${process.ppid}-abc123.tmp`;
    const dead = `S.json.reqonc-${spawnSync(process.execPath, ["-e", "0"]).pid}-zz.tmp`;
    const otherTarget = `T.json.reqonc-${process.pid}-abc123.tmp`;
    for (const name of [mine, parent, dead, otherTarget]) writeFileSync(join(d, name), "x");
    expect(removeStaleTemporaries(target).map((p) => p.slice(d.length + 1)).sort()).toEqual([dead, mine].sort());
    expect(readdirSync(d).sort()).toEqual([parent, otherTarget].sort());
  });

  it("keeps the temporaries of writes in flight and leaves none behind", async () => {
    const d = dir();
    const target = join(d, "S.json");
    const seen: string[][] = [];
    const writes = Array.from({ length: 5 }, (_, i) => writeFileAtomic(target, JSON.stringify({ i, pad: "p".repeat(200_000) })));
    // Sweeping while they run must not take a temporary from under a writer (its rename would fail).
    for (let i = 0; i < 5; i++) {
      seen.push(readdirSync(d));
      removeStaleTemporaries(target);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(writes);
    expect(readdirSync(d)).toEqual(["S.json"]);
    expect(seen.flat().every((name) => name === "S.json" || /^S\.json\.reqonc-\d+-[0-9a-z]+\.tmp$/.test(name))).toBe(true);
  });
});

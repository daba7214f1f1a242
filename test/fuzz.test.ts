// Robustness: the parser must answer every input with a File or diagnostics, never throw.
// Inputs are seed missions mutated at the token and character level by a seeded PRNG (so any
// failure reproduces), plus random bytes.
import { describe, expect, it } from "vitest";
import { parse, type ParseResult } from "../compiler/parse/index.ts";
import { SEEDS, TOKEN, mutate, prng } from "./support/fuzz-inputs.ts";

function expectAnswer(source: string): ParseResult {
  let result;
  try {
    result = parse(source);
  } catch (error) {
    throw new Error(`parse threw on ${JSON.stringify(source)}: ${(error as Error).stack}`);
  }
  const answered = result.file !== undefined || result.diagnostics.length > 0;
  if (!answered) throw new Error(`no file and no diagnostics for ${JSON.stringify(source)}`);
  for (const d of result.diagnostics) {
    if (!(d.span.start >= 0 && d.span.end <= source.length + 1 && d.span.start <= d.span.end)) {
      throw new Error(`bad span ${JSON.stringify(d)} for ${JSON.stringify(source)}`);
    }
  }
  return result;
}

describe("fuzz", () => {
  it("seeds parse cleanly", () => {
    for (const seed of SEEDS) expect(parse(seed).diagnostics).toEqual([]);
  });

  it("answers 3600 mutated missions with a file or diagnostics", () => {
    const random = prng(0x5eed);
    let rejected = 0;
    for (let n = 0; n < 3600; n++) {
      const source = mutate(SEEDS[n % SEEDS.length], random);
      if (expectAnswer(source).file === undefined) rejected++;
    }
    // The mutations must actually exercise error paths, and some must still parse.
    expect(rejected).toBeGreaterThan(1000);
    expect(rejected).toBeLessThan(3600);
  }, 60_000); // ~5 s on an idle machine; generous for loaded CI boxes

  it("answers random bytes and random token soup", () => {
    const random = prng(42);
    const tokens = SEEDS.join("\n").match(TOKEN) ?? [];
    for (let n = 0; n < 600; n++) {
      const bytes = Array.from({ length: Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 256)));
      expectAnswer(bytes.join(""));
      const soup = Array.from({ length: Math.floor(random() * 60) }, () => tokens[Math.floor(random() * tokens.length)]);
      expectAnswer(soup.join(" "));
    }
  }, 30_000);
});

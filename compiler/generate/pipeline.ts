// The pipeline (§6) as straight-line awaits inside `run()`: one call per stage.

import { ty, type GenContext } from "./context.ts";
import { str } from "./js.ts";

export function writeRun(gen: GenContext, file: string, hasSchemas: boolean, hash?: string): void {
  const w = gen.writer;
  const hashField = hash === undefined ? "" : `, hash: ${str(hash)}`;
  const compiled = `{ mission, actions, sources, ${hasSchemas ? "schemas, " : ""}file: ${str(file)}${hashField} }`;
  w.write(`export function run(options${ty(gen, "?: rt.RunOptions")})${ty(gen, ": Promise<rt.RunResult>")}`).block(() => {
    w.write(`return rt.runMission(${compiled}, options, async (p) => `).inlineBlock(() => {
      const stages = gen.analysis.mission.pipelines[0]?.stages ?? [];
      stages.forEach((stage, i) => {
        const names = stage.actions.map((a) => str(a.name));
        w.writeLine(stage.parallel
          ? `await p.parallel(${i}, [${names.join(", ")}]);`
          : `await p.stage(${i}, ${names[0]});`);
      });
    }).write(");").newLine();
  });
}

// `reqonc build FILE [-o DIR] [--bundle]` (§30.2): DIR/<stem>.ts (generated module), .js (the
// compiler's own plain-JS emit of it, `reqonc/runtime` import kept), .d.ts, and with --bundle a
// standalone DIR/<stem>.mjs.
// Compile errors: diagnostics only, nothing written.
import { basename, join, resolve } from "node:path";
import { writeFileAtomicSync } from "../runtime/io/atomic-write.ts";
import { bundleMission, loadEsbuild } from "./bundle.ts";
import { generateMission, outputOf } from "./compile-file.ts";
import { declarationText } from "./declarations.ts";
import { EXIT_SUCCEEDED, errorMessage, usageError } from "./exit.ts";
import { readMissionFile } from "./mission-file.ts";
import type { WarnFlags } from "./warn-flag.ts";

export interface BuildFlags extends WarnFlags {
  out?: string;
  bundle?: boolean;
}

export async function buildCommand(path: string, flags: BuildFlags): Promise<number> {
  const file = readMissionFile(path);
  const generated = generateMission(file, "build", flags);
  const ts = outputOf(generated, "ts");
  const js = outputOf(generated, "js");
  const { missionName } = generated;
  const esbuild = flags.bundle ? await loadEsbuild() : undefined;

  const dir = resolve(flags.out ?? ".");
  const base = join(dir, file.stem);
  const written = [`${base}.ts`, `${base}.js`, `${base}.d.ts`];
  try {
    writeFileAtomicSync(`${base}.ts`, ts);
    writeFileAtomicSync(`${base}.js`, js);
    writeFileAtomicSync(`${base}.d.ts`, declarationText(missionName, basename(file.path)));
  } catch (e) {
    // A bad -o is the caller's mistake, not an internal error.
    throw usageError(`cannot write to '${flags.out ?? "."}' (${errorMessage(e)})`);
  }
  if (esbuild) {
    await bundleMission(esbuild, `${base}.ts`, `${base}.mjs`);
    written.push(`${base}.mjs`);
  }
  process.stderr.write(`reqonc: wrote ${written.join(", ")}\n`);
  return EXIT_SUCCEEDED;
}

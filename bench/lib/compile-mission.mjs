// Builds a bench mission with the real CLI (`reqonc build FILE -o DIR --bundle`) and imports the
// standalone bundle, so every figure is measured on generated code exactly as users get it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { firstLine, runNode } from "./processes.mjs";

/**
 * The work folder lives under node_modules/.cache so a bundle that keeps `got`/`p-map` as
 * imports still resolves them from the project's node_modules (and git ignores it).
 */
export function createWorkDir(root) {
  const parent = join(root, "node_modules", ".cache", "reqonc-bench");
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, "run-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Writes `sourceText` to `workDir/<stem>.reqon`, compiles it and returns the bundle's exports
 * `{ run, mission }`.
 */
export async function buildMission(root, stem, sourceText, workDir) {
  const source = join(workDir, `${stem}.reqon`);
  writeFileSync(source, sourceText);
  const outDir = join(workDir, stem);
  const build = await runNode(["bin/reqonc.mjs", "build", source, "-o", outDir, "--bundle"], { cwd: root });
  if (build.code !== 0) {
    throw new Error(`reqonc build ${stem}.reqon failed (exit ${build.code}): ${firstLine(build.stderr)}`);
  }
  const bundle = join(outDir, `${stem}.mjs`);
  let module;
  try {
    module = await import(pathToFileURL(bundle).href);
  } catch (error) {
    throw new Error(`could not import ${stem}.mjs: ${firstLine(String(error?.message ?? error))}`);
  }
  if (typeof module.run !== "function" || typeof module.mission !== "object") {
    throw new Error(`${stem}.mjs does not export run() and mission`);
  }
  return module;
}

/** Runs a compiled mission and insists it succeeded, so a broken run never yields a figure. */
export async function runSucceeded(module, options) {
  const result = await module.run(options);
  if (result.status !== "succeeded") {
    const first = result.errors?.[0];
    const why = first ? `${first.code ?? "error"}: ${first.message}` : "no error record";
    throw new Error(`mission ${result.mission} ended "${result.status}" (${why})`);
  }
  return result;
}

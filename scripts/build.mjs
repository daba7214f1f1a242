#!/usr/bin/env node
// Builds dist/ with esbuild (ESM, Node 20):
//   dist/runtime.mjs      what `reqonc/runtime` resolves to for apps (npm deps external)
//   dist/runtime-public.mjs `reqonc/runtime/public`: only the stable API (shares runtime's chunks)
//   dist/compiler.mjs     compile() and the diagnostics printer
//   dist/cli.mjs          the reqonc CLI (commands load lazily, so `check` never loads esbuild
//                         or the runtime)
//   dist/standalone.mjs   run-main plus handler(), inlined into `reqonc build --bundle` scripts
//   dist/cli-runtime.mjs  the runtime with its npm deps inlined, for `reqonc run` / `demo`
//   dist/cli-compiler.cjs the compiler as a classic script, and dist/cli-compiler*.cache V8's code
//                         caches of it, one per flag set (cli/compiler-loader.ts;
//                         scripts/warm-code-cache.mjs)
// The first four share chunks that live in dist/ itself, so `new URL("./x.mjs", import.meta.url)`
// finds sibling entries from any chunk.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CODE_CACHE_COMMANDS, codeCacheFileFor } from "../bin/v8-flags.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

// Packages left as imports. The runtime's own dependencies stay external (they are the package's
// only dependencies, and every entry must share them); esbuild is big, only `build --bundle` loads
// it, and it is an optional peer dependency. Everything else (commander, ohm-js, dotenv,
// picocolors, code-block-writer) is inlined, so it is a devDependency: one file loads faster than
// a package's module graph, which keeps `reqonc check` quick, and installs nothing.
const external = ["got", "p-map", "esbuild"];

// Inlined CommonJS packages (commander, dotenv, got's http2-wrapper) call require() for Node
// built-ins, which an ESM file only has when given one.
const requireBanner =
  'import { createRequire as __reqoncCreateRequire } from "node:module"; const require = __reqoncCreateRequire(import.meta.url);';

const started = performance.now();
/** dist/types/.stamp: the hash of the sources the declarations were emitted from. */
const STAMP = ".stamp";
const CODE_CACHES = new Set(CODE_CACHE_COMMANDS.map(codeCacheFileFor));
const distDir = join(root, "dist");

/** What every build here shares: bundled for Node 20 into dist/, kept in memory for writeDist. */
const common = {
  absWorkingDir: root,
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  logLevel: "warning",
  write: false,
};

const shared = build({
  ...common,
  entryPoints: {
    runtime: "runtime/index.ts",
    "runtime-public": "runtime/public.ts",
    compiler: "compiler/index.ts",
    cli: "cli/index.ts",
    standalone: "cli/standalone.ts",
    "compiler-loader": "cli/compiler-loader.ts",
  },
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunk-[hash]",
  splitting: true,
  format: "esm",
  external,
  banner: { js: requireBanner },
  loader: { ".ohm": "text", ".reqon": "text" },
});
// The CLI's own copy of the runtime for `reqonc run` and `reqonc demo`, with got & co. inlined:
// one file loads in about half the time of got's module graph, which keeps `run` quick to reach
// its first request. Generated missions loaded by the CLI import this file.
const cliRuntime = build({
  ...common,
  entryPoints: { "cli-runtime": "runtime/index.ts" },
  outExtension: { ".js": ".mjs" },
  format: "esm",
  banner: { js: requireBanner },
});
// The compiler as one classic script (CommonJS shape, no require()), which unlike an ES module
// can be compiled from V8's code cache: `reqonc check` loads it that way.
const cliCompiler = build({
  ...common,
  entryPoints: { "cli-compiler": "compiler/index.ts" },
  outExtension: { ".js": ".cjs" },
  format: "cjs",
});
const outputs = await Promise.all([shared, cliRuntime, cliCompiler]);
writeDist(outputs.flatMap((output) => output.outputFiles));
warmCodeCache();
buildTypes();

/**
 * The compiler's code caches (~0.2 s each; replaced atomically), remade when the compiler or the
 * node binary is newer than them (V8 rejects a cache made by another Node version).
 */
function warmCodeCache() {
  const compiled = Math.max(statSync(join(distDir, "cli-compiler.cjs")).mtimeMs, statSync(process.execPath).mtimeMs);
  for (const command of CODE_CACHE_COMMANDS) {
    const cache = join(distDir, codeCacheFileFor(command));
    if (existsSync(cache) && statSync(cache).mtimeMs >= compiled) continue;
    execFileSync(process.execPath, [join(root, "scripts", "warm-code-cache.mjs"), command], { stdio: "inherit" });
  }
}

/**
 * dist/types/: declarations of the runtime and the compiler, which package.json's "types"
 * conditions point at, so an app type-checks against .d.ts files and not against our sources.
 * tsc takes a few seconds, so it runs only when the sources changed since the last emit (a stamp
 * of their paths and times, so a removed or renamed source counts too). It emits into a fresh
 * folder that then replaces dist/types whole: declarations of sources that no longer exist must
 * not linger there (and get packed).
 */
function buildTypes() {
  const typesDir = join(distDir, "types");
  const stamp = createHash("sha256").update(JSON.stringify(["runtime", "compiler"]
    .flatMap((dir) => readdirSync(join(root, dir), { recursive: true }).filter((f) => f.endsWith(".ts")).sort()
      .map((f) => [join(dir, f), statSync(join(root, dir, f)).mtimeMs])))).digest("hex");
  if (existsSync(join(typesDir, "runtime", "index.d.ts")) && readIfExists(join(typesDir, STAMP)) === stamp) return;
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    console.error("reqonc: typescript is not installed; skipping dist/types");
    return;
  }
  const fresh = join(distDir, `types.${process.pid}.tmp`);
  const old = join(distDir, `types.${process.pid}.old`);
  rmSync(fresh, { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.types.json"), "--outDir", fresh], { stdio: "inherit" });
  writeFileSync(join(fresh, STAMP), stamp);
  if (existsSync(typesDir)) renameSync(typesDir, old);
  renameSync(fresh, typesDir);
  rmSync(old, { recursive: true, force: true });
}

function readIfExists(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Other test runs may be using dist/ while this build runs, so a file is only replaced when its
 * content changed (temp + rename, never half-written), and stale files are removed afterwards.
 * Chunk names carry a content hash, so an unchanged source tree changes nothing.
 */
function writeDist(outputFiles) {
  mkdirSync(distDir, { recursive: true });
  const current = new Set();
  for (const file of outputFiles) {
    const name = relative(distDir, file.path);
    current.add(name);
    if (sameContent(file.path, file.contents)) continue;
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  for (const name of readdirSync(distDir)) {
    if (name === "types" || CODE_CACHES.has(name)) continue; // kept current by buildTypes() / warmCodeCache()
    if (!current.has(name)) rmSync(join(distDir, name), { recursive: true, force: true });
  }
}

function sameContent(path, contents) {
  try {
    return Buffer.from(contents).equals(readFileSync(path));
  } catch {
    return false;
  }
}

if (!process.argv.includes("--quiet")) {
  console.error(`reqonc: built dist/ in ${Math.round(performance.now() - started)} ms`);
}

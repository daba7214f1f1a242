// The package as a user gets it: `npm pack` of this repository, installed into a scratch app in a
// temporary folder with no network. The app's lockfile is made from ours (the tarball, then our
// production dependencies with their exact versions and integrity hashes), so `npm ci --offline`
// takes every package from the npm cache this checkout was installed from.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot, type ProcessResult } from "./cli.ts";

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  [field: string]: unknown;
}

/** npm must never reach a registry here, nor nag. */
const NPM_ENV = {
  npm_config_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

/** Runs a command to completion (no shell); npm and npx come from the running node's folder. */
export function runCommand(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<ProcessResult> {
  const executable = command === "npm" || command === "npx" ? join(dirname(process.execPath), command) : command;
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd,
      env: { ...process.env, ...NPM_ENV, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface PackedTarball {
  path: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  files: string[];
}

/** `npm pack` (which runs the prepack build) into `destination`. */
export async function packRepository(destination: string): Promise<PackedTarball> {
  const packed = await runCommand("npm", ["pack", "--json", "--pack-destination", destination], repoRoot);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  // Lifecycle scripts may print before the JSON array.
  const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("\n[") + 1 || 0)) as { filename: string; files: { path: string }[] }[];
  const [entry] = report;
  if (entry === undefined) throw new Error("npm pack reported no tarball");
  return { path: join(destination, entry.filename), files: entry.files.map((f) => f.path) };
}

/**
 * A scratch app in `appDir` depending on the tarball only, installed with `npm ci --offline`
 * (production dependencies only, as `npm install --omit=dev` would).
 */
export async function installTarball(tarball: string, appDir: string): Promise<void> {
  mkdirSync(appDir, { recursive: true });
  const ours = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
  const ourLock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    "": { name: "scratch-app", dependencies: { reqonc: spec } },
    "node_modules/reqonc": {
      version: ours.version,
      resolved: spec,
      license: ours.license,
      dependencies: ours.dependencies,
      peerDependencies: ours.peerDependencies,
      peerDependenciesMeta: ours.peerDependenciesMeta,
      bin: ours.bin,
      engines: ours.engines,
    },
  };
  for (const [path, entry] of Object.entries(ourLock.packages)) {
    if (path !== "" && !entry.dev && !entry.devOptional) packages[path] = entry;
  }
  writeFileSync(join(appDir, "package.json"), JSON.stringify({ name: "scratch-app", private: true, type: "module", dependencies: { reqonc: spec } }, null, 2));
  writeFileSync(join(appDir, "package-lock.json"), JSON.stringify({ name: "scratch-app", lockfileVersion: 3, requires: true, packages }, null, 2));
  const installed = await runCommand("npm", ["ci", "--offline", "--omit=dev", "--ignore-scripts"], appDir);
  if (installed.code !== 0) throw new Error(`npm ci --offline failed:\n${installed.stderr}`);
}

// The published package works (issue 10 §1): `npm pack` holds the built dist/ and none of the
// repository's tests or sources; installed offline into a scratch app with production
// dependencies only, `npx reqonc run` runs a mission against a local API, a module written by
// `reqonc build` runs with `import { run }`, and an app type-checks against the packed
// declarations. An app installs the runtime's two dependencies, not the compiler's toolchain.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { repoRoot } from "./support/cli.ts";
import { installTarball, packRepository, runCommand, type PackedTarball } from "./support/packed-app.ts";

const MISSION = `mission Items {
  source Api { auth: bearer, base: "http://api.invalid" }

  action ListItems {
    get Api "/items"
    store response -> items { key: .id }
  }

  action LoadStock {
    for item in items {
      get Api concat("/stock/", item.id)
      store response -> stock { key: item.id }
    }
  }

  run ListItems then LoadStock
}
`;

const EXPECTED_STORES = {
  items: { "1": { id: 1, name: "lamp" }, "2": { id: 2, name: "shelf" } },
  stock: { "1": { id: 1, quantity: 3 }, "2": { id: 2, quantity: 0 } },
};

let api: ApiServer;
let work: string;
let app: string;
let packed: PackedTarball;

beforeAll(async () => {
  api = await startApiServer();
  api.route("GET", "/items", { json: [{ id: 1, name: "lamp" }, { id: 2, name: "shelf" }] });
  api.route("GET", "/stock/1", { json: { id: 1, quantity: 3 } });
  api.route("GET", "/stock/2", { json: { id: 2, quantity: 0 } });
  work = mkdtempSync(join(tmpdir(), "reqonc-pack-"));
  packed = await packRepository(work);
  app = join(work, "app");
  await installTarball(packed.path, app);
  writeFileSync(join(app, "items.reqon"), MISSION);
  writeFileSync(join(app, "auth.json"), JSON.stringify({ Api: { type: "bearer", token: "packed-token" } }));
}, 240_000);

afterAll(async () => {
  await api.close();
});

describe("npm pack", () => {
  it("contains the built CLI, runtime, compiler and their declarations", () => {
    for (const file of ["bin/reqonc.mjs", "bin/v8-flags.mjs", "dist/cli.mjs", "dist/cli-runtime.mjs", "dist/cli-compiler.cjs",
      "dist/runtime.mjs", "dist/runtime-public.mjs", "dist/compiler.mjs", "dist/standalone.mjs",
      "dist/types/runtime/index.d.ts", "dist/types/runtime/public.d.ts", "dist/types/compiler/index.d.ts",
      "demo/fan-out-fan-in.reqon", "package.json", "README.md"]) {
      expect(packed.files, file).toContain(file);
    }
  });

  it("contains no tests, fixtures, benches, scripts, TypeScript sources or node-specific code caches", () => {
    const unwanted = packed.files.filter((f) =>
      /^(test|fixtures|bench|scripts|compiler|runtime|cli)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")) || f.endsWith(".cache"));
    expect(unwanted).toEqual([]);
  });
});

// Each step spawns npm or tsc, which take seconds (tens on a busy machine).
describe("the package installed offline into a scratch app", { timeout: 180_000 }, () => {
  it("installs only the runtime's dependencies (no esbuild, TypeScript, ts-morph or the inlined compiler packages)", () => {
    const installed = readdirSync(join(app, "node_modules"));
    expect(installed).toContain("got");
    expect(installed).toContain("p-map");
    for (const name of ["esbuild", "typescript", "ts-morph", "@ts-morph", "ohm-js", "commander", "dotenv", "picocolors", "code-block-writer", "vitest"]) {
      expect(installed, name).not.toContain(name);
    }
  });

  it("`npx reqonc run` runs a mission against a local API", async () => {
    const before = api.requests.length;
    const r = await runCommand("npx", ["reqonc", "run", "items.reqon", "--auth", "auth.json", "--base", `Api=${api.url}`, "--json"], app);
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ mission: "Items", status: "succeeded", errors: [], stores: EXPECTED_STORES });
    const requests = api.requests.slice(before);
    expect(requests.map((q) => q.path)).toEqual(["/items", "/stock/1", "/stock/2"]);
    expect(requests.every((q) => q.headers.authorization === "Bearer packed-token")).toBe(true);
  });

  it("`import { run }` of a module written by `reqonc build` runs it with the installed runtime", async () => {
    const built = await runCommand("npx", ["reqonc", "build", "items.reqon", "-o", "out"], app);
    expect(built.stderr).not.toContain("internal error");
    expect(built.code).toBe(0);
    expect(readdirSync(join(app, "out")).sort()).toEqual(["items.d.ts", "items.js", "items.ts"]);
    writeFileSync(join(app, "main.mjs"), [
      `import { run, mission } from "./out/items.js";`,
      `const result = await run({ baseUrls: { Api: process.argv[2] }, auth: { Api: { type: "bearer", token: "from-code" } } });`,
      `console.log(JSON.stringify({ name: mission.name, result }));`,
    ].join("\n"));
    const before = api.requests.length;
    const r = await runCommand(process.execPath, ["main.mjs", api.url], app);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { name, result } = JSON.parse(r.stdout);
    expect(name).toBe("Items");
    expect(result).toMatchObject({ status: "succeeded", stores: EXPECTED_STORES });
    expect(api.requests.slice(before).map((q) => q.headers.authorization)).toEqual(Array(3).fill("Bearer from-code"));
  });

  it("an app type-checks against the packed declarations and the generated module (strict, no skipLibCheck)", async () => {
    // Uses the module built by the previous test.
    writeFileSync(join(app, "use.ts"), [
      `import type { RunResult } from "reqonc/runtime/public";`,
      `import type { CompileResult } from "reqonc/compiler";`,
      `import { run, mission } from "./out/items.js";`,
      `const result: RunResult = await run({ baseUrls: { Api: process.argv[2] ?? "" } });`,
      `const compiled: CompileResult | undefined = undefined;`,
      `console.log(mission.name, result.status, compiled);`,
      "",
    ].join("\n"));
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const r = await runCommand(process.execPath, [tsc, "--noEmit", "--strict", "--skipLibCheck", "false", "--module", "nodenext",
      "--target", "es2022", "--types", "node", "--typeRoots", join(repoRoot, "node_modules", "@types"), "use.ts"], app);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("`reqonc build --bundle` without esbuild installed says how to get it (exit 2, nothing written)", async () => {
    const r = await runCommand("npx", ["reqonc", "build", "items.reqon", "-o", "bundled", "--bundle"], app);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--bundle needs esbuild");
    expect(r.stderr).not.toContain("internal error");
    expect(existsSync(join(app, "bundled"))).toBe(false);
  });
});

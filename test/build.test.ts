// `reqonc build` (§30.2, §31.1): the .ts/.js/.d.ts outputs used from a Node app that depends on
// reqonc, and the --bundle script running with plain `node` from an empty folder.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { reqonc, repoRoot, runNode } from "./support/cli.ts";

const MISSION = `mission Levels {
  source Depot { auth: none, base: "http://depot.invalid" }
  action Load {
    get Depot "/levels"
    store response -> levels { key: .sku }
  }
  action Fail {
    get Depot "/broken"
  }
  run Load then [Fail]
}
`;

let api: ApiServer;
let work: string;
let missionPath: string;

beforeAll(async () => {
  api = await startApiServer();
  api.route("GET", "/levels", { json: [{ sku: "A-1", available: 3 }, { sku: "B-2", available: 0 }] });
  api.route("GET", "/broken", { status: 500, json: {} });
  work = mkdtempSync(join(tmpdir(), "reqonc-build-"));
  missionPath = join(work, "levels.reqon");
  writeFileSync(missionPath, MISSION);
});

afterAll(async () => {
  await api.close();
});

describe("reqonc build", () => {
  it("writes <stem>.ts, .js and .d.ts into -o DIR, creating it", async () => {
    const out = join(work, "out", "nested");
    const r = await reqonc(["build", missionPath, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(out).sort()).toEqual(["levels.d.ts", "levels.js", "levels.ts"]);
    const ts = readFileSync(join(out, "levels.ts"), "utf8");
    const js = readFileSync(join(out, "levels.js"), "utf8");
    expect(ts).toContain('from "reqonc/runtime"');
    expect(js).toContain('from "reqonc/runtime"');
    expect(js).not.toMatch(/: rt\.\w+/); // types stripped
    expect(readFileSync(join(out, "levels.d.ts"), "utf8")).toContain("export declare function run(options?: RunOptions): Promise<RunResult>;");
  });

  it("defaults DIR to the working directory", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "reqonc-build-cwd-"));
    const r = await reqonc(["build", missionPath], { cwd });
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, "levels.ts"))).toBe(true);
  });

  it("writes nothing and exits 2 on compile errors", async () => {
    const broken = join(work, "broken.vague");
    writeFileSync(broken, "mission Broken {\n  run Nowhere\n}\n");
    const out = join(work, "never");
    const r = await reqonc(["build", broken, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error: unknown action 'Nowhere'");
    expect(existsSync(out)).toBe(false);
  });

  it("reports an -o DIR it cannot write to as a usage error, not an internal error", async () => {
    const notADir = join(work, "plain-file");
    writeFileSync(notADir, "");
    const r = await reqonc(["build", missionPath, "-o", notADir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`reqonc: cannot write to '${notADir}'`);
    expect(r.stderr).not.toContain("internal error");
  });

  it("produces .js + .d.ts that an app depending on reqonc imports and type-checks", async () => {
    const app = mkdtempSync(join(tmpdir(), "reqonc-app-"));
    mkdirSync(join(app, "node_modules"));
    symlinkSync(repoRoot, join(app, "node_modules", "reqonc"), "dir");
    writeFileSync(join(app, "package.json"), JSON.stringify({ type: "module", dependencies: { reqonc: "*" } }));
    expect((await reqonc(["build", missionPath, "-o", join(app, "dist")])).code).toBe(0);

    writeFileSync(
      join(app, "main.mjs"),
      `import { run, mission } from "./dist/levels.js";
const result = await run({ baseUrls: { Depot: process.argv[2] } });
console.log(JSON.stringify({ name: mission.name, status: result.status, levels: result.stores.levels }));
`,
    );
    const ran = await runNode(join(app, "main.mjs"), [api.url], { cwd: app });
    expect(ran.stderr).toBe("");
    expect(JSON.parse(ran.stdout)).toEqual({
      name: "Levels",
      status: "partial",
      levels: { "A-1": { sku: "A-1", available: 3 }, "B-2": { sku: "B-2", available: 0 } },
    });

    // Type-check a TypeScript consumer. TypeScript picks dist/levels.ts over levels.d.ts and
    // checks it too, against reqonc/runtime's declarations (dist/types), as an app would.
    // The @ts-expect-error line fails the check if the import were untyped.
    writeFileSync(
      join(app, "main.ts"),
      `import { run, mission } from "./dist/levels.js";
import type { RunEvent } from "reqonc/runtime";
const seen: RunEvent["type"][] = [];
void run({ onEvent: (e) => seen.push(e.type), dryRun: true });
const name: string = mission.name;
const result = await run({ baseUrls: { Depot: "http://127.0.0.1:1" }, dryRun: true });
const status: "succeeded" | "partial" | "failed" = result.status;
// @ts-expect-error run() takes options, not a string
void run("nope");
export { name, status };
`,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: [] },
        files: ["main.ts"],
      }),
    );
    const tsc = await runNode(join(repoRoot, "node_modules", "typescript", "bin", "tsc"), ["-p", app], { cwd: app });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);

    // An app that keeps only the .js + .d.ts pair type-checks the same way.
    rmSync(join(app, "dist", "levels.ts"));
    const tscDts = await runNode(join(repoRoot, "node_modules", "typescript", "bin", "tsc"), ["-p", app], { cwd: app });
    expect(tscDts.stdout + tscDts.stderr).toBe("");
    expect(tscDts.code).toBe(0);
  }, 120_000); // spawns the CLI, node and tsc: tens of seconds on a busy machine

  describe("--bundle", () => {
    let bundleDir: string;

    beforeAll(async () => {
      const out = join(work, "bundled");
      const r = await reqonc(["build", missionPath, "-o", out, "--bundle"]);
      expect(r.code).toBe(0);
      // An empty folder with nothing installed: the bundle must carry everything.
      bundleDir = mkdtempSync(join(tmpdir(), "reqonc-bundle-"));
      copyFileSync(join(out, "levels.mjs"), join(bundleDir, "levels.mjs"));
    });

    it("runs directly with node like `reqonc run` (--json, exit code)", async () => {
      const r = await runNode(join(bundleDir, "levels.mjs"), ["--base", `Depot=${api.url}`, "--json"], { cwd: bundleDir });
      expect(r.code).toBe(3);
      const result = JSON.parse(r.stdout);
      expect(result.mission).toBe("Levels");
      expect(result.errors).toEqual([
        { action: "Fail", message: `GET ${api.url}/broken: HTTP 500`, code: "HTTP_ERROR", status: 500 },
      ]);
    });

    it("prints the human summary and writes --output like the CLI", async () => {
      const out = join(bundleDir, "stores");
      const r = await runNode(join(bundleDir, "levels.mjs"), ["--base", `Depot=${api.url}`, "--output", out], { cwd: bundleDir });
      expect(r.code).toBe(3);
      expect(r.stdout).toContain("Mission Levels: partial");
      expect(JSON.parse(readFileSync(join(out, "levels.json"), "utf8"))["A-1"]).toEqual({ sku: "A-1", available: 3 });
    });

    it("exits 2 for usage errors", async () => {
      const unknownFlag = await runNode(join(bundleDir, "levels.mjs"), ["--bogus"], { cwd: bundleDir });
      expect(unknownFlag).toMatchObject({ code: 2, stdout: "" });
      const unknownSource = await runNode(join(bundleDir, "levels.mjs"), ["--base", "Shop=http://x.test"], { cwd: bundleDir });
      expect(unknownSource).toMatchObject({ code: 2, stdout: "" });
      expect(unknownSource.stderr).toContain("unknown source 'Shop'");
    });

    it("exports run, mission and handler(event) when imported", async () => {
      writeFileSync(
        join(bundleDir, "use.mjs"),
        `import { run, mission, handler } from "./levels.mjs";
const url = process.argv[2];
const viaBody = await handler({ body: JSON.stringify({ baseUrls: { Depot: url } }) });
const viaEvent = await handler({ baseUrls: { Depot: url } });
const direct = await run({ baseUrls: { Depot: url } });
console.log(JSON.stringify({ name: mission.name, statuses: [viaBody.status, viaEvent.status, direct.status],
  levels: Object.keys(viaBody.stores.levels) }));
`,
      );
      const r = await runNode(join(bundleDir, "use.mjs"), [api.url], { cwd: bundleDir });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ name: "Levels", statuses: ["partial", "partial", "partial"], levels: ["A-1", "B-2"] });
    });
  });
});

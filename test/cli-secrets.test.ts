// Credentials never leave the process: not in generated code or bundles, not in --verbose logs,
// --trace files, --json output, summaries or error messages — even when a request fails with the
// key in its URL. Each output is searched for the secret values themselves.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "./support/api-server.ts";
import { reqonc } from "./support/cli.ts";

const TOKEN = "tok-Zq81-secret-bearer";
const KEY = "key-Wm42-secret-query";
const ENV_TOKEN = "env-Xy77-secret-from-env";

const MISSION = `mission Secrets {
  source Bear { auth: bearer, base: "http://bear.invalid" }
  source Maps { auth: api_key, base: "http://maps.invalid" }
  source Env  { auth: bearer, base: "http://env.invalid", token: env("ENV_TOKEN") }
  action A { get Bear "/ok" store response -> seen { key: "bear" } }
  action B { get Maps "/fail" }
  action C { get Env "/ok" store { ok: true } -> seen { key: "env" } }
  run [A, B, C]
}
`;

let api: ApiServer;
let dir: string;
beforeAll(async () => {
  api = await startApiServer();
  api.route("GET", "/ok", { json: { fine: true } });
  api.route("GET", "/fail", { status: 500, json: { message: "nope" } });
  dir = mkdtempSync(join(tmpdir(), "reqonc-secrets-"));
  writeFileSync(join(dir, "secrets.reqon"), MISSION);
  writeFileSync(join(dir, "auth.json"), JSON.stringify({
    Bear: { type: "bearer", token: TOKEN },
    Maps: { type: "api_key", key: KEY, query: "apikey" },
  }));
  writeFileSync(join(dir, "env.txt"), `ENV_TOKEN=${ENV_TOKEN}\n`);
});
afterAll(async () => { await api.close(); });

function expectNoSecret(label: string, text: string): void {
  for (const secret of [TOKEN, KEY, ENV_TOKEN]) {
    expect(text.includes(secret), `${label} contains ${secret}`).toBe(false);
  }
}

describe("secrets", () => {
  it("are sent to the API but appear in no output of `reqonc run`", async () => {
    const args = ["run", join(dir, "secrets.reqon"), "--auth", join(dir, "auth.json"), "--env", join(dir, "env.txt"),
      ...["Bear", "Maps", "Env"].flatMap((s) => ["--base", `${s}=${api.url}`])];
    const trace = join(dir, "trace.jsonl");
    const json = await reqonc([...args, "--json", "--verbose", "--trace", trace]);
    expect(json.code).toBe(3);
    const human = await reqonc(args);
    expect(human.code).toBe(3);

    // The credentials really were used …
    const sent = api.requests.map((r) => `${r.url} ${r.headers.authorization ?? ""}`).join("\n");
    expect(sent).toContain(TOKEN);
    expect(sent).toContain(KEY);
    expect(sent).toContain(ENV_TOKEN);
    // … and the failing request's URL (which carries the key) is reported redacted.
    const result = JSON.parse(json.stdout);
    expect(result.errors[0].message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/fail\?apikey=.+: HTTP 500$/);

    expectNoSecret("--json stdout", json.stdout);
    expectNoSecret("--verbose stderr", json.stderr);
    expectNoSecret("--trace file", readFileSync(trace, "utf8"));
    expectNoSecret("summary stdout", human.stdout);
    expectNoSecret("summary stderr", human.stderr);
  });

  it("are never compiled into the generated module or the bundle", async () => {
    const out = join(dir, "out");
    const built = await reqonc(["build", join(dir, "secrets.reqon"), "-o", out, "--bundle"], { env: { ENV_TOKEN } });
    expect(built.code).toBe(0);
    const files = readdirSync(out);
    expect(files.sort()).toEqual(["secrets.d.ts", "secrets.js", "secrets.mjs", "secrets.ts"]);
    for (const f of files) expectNoSecret(f, readFileSync(join(out, f), "utf8"));
  });
});

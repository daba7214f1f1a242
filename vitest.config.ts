import { defineConfig } from "vitest/config";
import SummaryReporter from "./test/support/summary-reporter.ts";

// Two projects (`npm run test:unit`, `npm run test:e2e`; `npm test` runs both):
//   e2e   compiles missions and runs them against local servers, or spawns the built CLI
//         (needs dist/, built once by the project's globalSetup);
//   unit  everything else: in-process, each pass and runtime module on its own.
const e2e = [
  "test/e2e-*.test.ts",
  "test/cli.test.ts",
  "test/cli-secrets.test.ts",
  "test/cli-folders.test.ts",
  "test/cli-signals.test.ts",
  "test/daemon.test.ts",
  "test/schedule.test.ts",
  "test/state-resume.test.ts",
  "test/build.test.ts",
  "test/package.test.ts",
  "test/audit-cli.test.ts",
  "test/audit-tier2.test.ts",
  "test/conformance.test.ts",
  "test/compat-forms.test.ts",
  "test/generate-run.test.ts",
  "test/typecheck-generated.test.ts",
];

export default defineConfig({
  test: {
    // vitest's own report, then one plain `N passed, N failed` line for CI.
    reporters: ["default", new SummaryReporter()],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: e2e,
          globalSetup: ["scripts/vitest-global-setup.mjs"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: e2e,
          globalSetup: ["scripts/vitest-build-setup.mjs", "scripts/vitest-global-setup.mjs"],
          // CLI and end-to-end tests spawn node processes and run esbuild; be generous.
          // A backstop, never a timing claim: on a loaded 2-core machine tsc alone can take 30 s.
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

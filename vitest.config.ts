import { defineConfig } from "vitest/config";
import SummaryReporter from "./test/support/summary-reporter.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // vitest's own report, then one plain `N passed, N failed` line for CI.
    reporters: ["default", new SummaryReporter()],
    globalSetup: ["scripts/vitest-global-setup.mjs"],
    // CLI and end-to-end tests spawn node processes and run esbuild; be generous.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

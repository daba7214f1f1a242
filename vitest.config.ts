import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["scripts/vitest-global-setup.mjs"],
    // CLI and end-to-end tests spawn node processes and run esbuild; be generous.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

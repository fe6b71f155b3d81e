import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

// Files that time the database answering while a 2,000-row import runs. members-import failed in CI
// (stop 23) with a gap over 1 s that is 191 ms when the file runs by itself: the other worker's
// PGlite start-up had the second core.
const ALONE = ["tests/integration/members-import-serving.test.ts", "tests/integration/members-import.test.ts"];
const integration = {
  include: ["tests/integration/**/*.test.ts"],
  environment: "node",
  setupFiles: ["tests/support/integration-setup.ts"],
  globalSetup: ["tests/support/integration-global.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // PGlite start-up is CPU-bound; two workers match the two cores.
  maxWorkers: 2,
};

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx", "tests/access/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: { ...integration, name: "integration", exclude: ALONE },
      },
      {
        // Files that time the running portal (a request answered within 1 s during a heavy import):
        // on 2 cores another file's PGlite start-up beside them measures the test machine, not the
        // portal. They run after the others, one at a time (same limits, same machine).
        extends: true,
        test: { ...integration, name: "integration-alone", include: ALONE, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});

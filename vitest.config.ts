import { defineConfig } from "vitest/config";

/**
 * Three kinds of test, one runner:
 * - unit: pure packages (core and engines), no I/O beyond reading fixtures;
 * - db: storage, HTTP and CLI tests, each run against SQLite and PostgreSQL;
 * - e2e: the built web app in headless Chromium.
 * Property tests (fast-check) run on one fixed seed: see test-support/property-seed.ts.
 */
const setupFiles = ["test-support/property-seed.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          setupFiles,
          include: ["packages/{core,search,linkage,plans,web,registry}/test/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "db",
          setupFiles,
          include: ["packages/{db,server,cli}/test/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

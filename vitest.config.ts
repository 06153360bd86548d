import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests bind loopback ports and spawn processes: keep the 2-core machine calm.
    maxWorkers: 2,
  },
});

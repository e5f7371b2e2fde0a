import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // CLI tests spawn the built binary; keep parallelism modest on 2-core machines.
    maxWorkers: 2,
  },
});

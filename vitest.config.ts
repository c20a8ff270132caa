import { configDefaults, defineConfig } from "vitest/config";

// `*.slow.test.ts` (minutes-long harnesses, e.g. the SIGKILL crash suite) run only in `npm run test:slow`.
const slow = process.env.AUTOPROMO_SLOW_TESTS === "1";

export default defineConfig({
  test: {
    include: slow ? ["**/*.slow.test.ts"] : ["src/**/*.test.ts", "test/**/*.test.ts", "evals/**/*.test.ts", "examples/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(slow ? [] : ["**/*.slow.test.ts"])],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // SQLite files and native addons are happiest in forked workers.
    pool: "forks",
  },
});

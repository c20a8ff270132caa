import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// `*.slow.test.ts` (minutes-long harnesses, e.g. the SIGKILL crash suite) run only in
// `npm run test:slow`.
const slow = process.env.AUTOPROMO_SLOW_TESTS === "1";

const ALL = [
  "src/**/*.test.ts",
  "test/**/*.test.ts",
  "evals/**/*.test.ts",
  "examples/**/*.test.ts",
  "bench/**/*.test.ts",
];

// Files that time themselves or hold write locks across processes: a busy neighbour makes them
// measure the neighbour, so they run one at a time, after everything else.
const ALONE = [
  "src/llm/openai.test.ts",
  "src/store/wal-checkpointer.test.ts",
  "test/dashboard.e2e.test.ts",
  "test/signal-to-decision.e2e.test.ts",
  "test/server/service-lock.test.ts",
  "test/reliability/{concurrent-ingest,ingest-lock-hold,lock-contention,overlapping-runs}.test.ts",
  "test/reliability/{crash-graph-resume,crash-ingest,crash-outbox,known-bugs}.test.ts",
  // Worker processes whose queue jobs expire after 4 s without a heartbeat.
  "test/queue-workers.test.ts",
  "src/cli/commands/worker.test.ts",
];

const shared = {
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // SQLite files and native addons are happiest in forked workers.
  pool: "forks" as const,
};

export default defineConfig({
  test: slow
    ? { ...shared, include: ["**/*.slow.test.ts"], exclude: configDefaults.exclude }
    : {
        ...shared,
        projects: [
          {
            extends: true,
            test: {
              name: "parallel",
              include: ALL,
              exclude: [...configDefaults.exclude, "**/*.slow.test.ts", ...ALONE],
              // Vitest's default leaves a core idle (cores - 1): on a 2-core CI that is one file
              // at a time, while many files wait on child processes, browsers or SQLite.
              maxWorkers: availableParallelism(),
            },
          },
          {
            extends: true,
            test: {
              name: "alone",
              include: ALONE,
              exclude: [...configDefaults.exclude, "**/*.slow.test.ts"],
              maxWorkers: 1,
              sequence: { groupOrder: 1 },
            },
          },
        ],
      },
});

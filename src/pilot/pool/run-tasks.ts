import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { PilotError } from "../errors.js";
import type { SeedResult } from "../run.js";
import type { SeedTask, WorkerMessage } from "./seed-task.js";

/** Progress of one task: its world reference, seed and week. */
export type TaskProgress = (task: SeedTask, week: number, of: number) => void;

/** The default worker count: the machine's cores. */
export const defaultJobs = (): number => availableParallelism();

/** The worker module beside this file, and the flags a child needs to run it (tsx for sources). */
function workerEntry(): { file: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  const ts = self.endsWith(".ts");
  const file = self.replace(/run-tasks\.(ts|js)$/, `seed-worker.${ts ? "ts" : "js"}`);
  const hasTsx = process.execArgv.some((a) => a.includes("tsx"));
  return {
    file,
    execArgv: ts && !hasTsx ? [...process.execArgv, "--import", "tsx"] : process.execArgv,
  };
}

/**
 * Plays `tasks` in `jobs` child processes, each task on its own fresh world, and returns the
 * results in task order: every seed is deterministic, so the figures do not depend on `jobs`.
 * Each task's `index` is its position in `tasks`.
 */
export async function runSeedTasks(
  tasks: readonly SeedTask[],
  jobs: number,
  onWeek?: TaskProgress,
): Promise<SeedResult[]> {
  const results: (SeedResult | undefined)[] = new Array(tasks.length);
  const { file, execArgv } = workerEntry();
  const children: ChildProcess[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (child: ChildProcess) => {
        if (next >= tasks.length) {
          child.disconnect();
          if (--running === 0) resolve();
          return;
        }
        child.send(tasks[next++]!);
      };
      const count = Math.max(1, Math.min(jobs, tasks.length));
      for (let i = 0; i < count; i++) {
        const child = fork(file, [], {
          execArgv,
          serialization: "advanced",
          stdio: ["ignore", "ignore", "inherit", "ipc"],
        });
        children.push(child);
        running++;
        child.on("message", (m: WorkerMessage) => {
          if (m.kind === "week") onWeek?.(tasks[m.index]!, m.week, m.of);
          else if (m.kind === "failed")
            reject(
              new PilotError(
                "INVALID_INPUT",
                `world ${tasks[m.index]!.world}, seed ${tasks[m.index]!.seed}: ${m.message}`,
              ),
            );
          else {
            results[m.index] = m.result as SeedResult;
            feed(child);
          }
        });
        child.on("exit", (code) => {
          if (code !== 0 && code !== null)
            reject(new PilotError("INVALID_INPUT", `a pilot worker exited with code ${code}`));
        });
        feed(child);
      }
    });
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
  return results.map((r, i) => {
    if (!r)
      throw new PilotError(
        "INVALID_INPUT",
        `world ${tasks[i]!.world}, seed ${tasks[i]!.seed}: no result`,
      );
    return r;
  });
}

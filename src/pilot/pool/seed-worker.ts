// A child process that plays world × seed tasks sent by `runSeedTasks` and sends back each result.
import { isAutopromoError } from "../../errors.js";
import { loadWorld } from "../../sim/market/index.js";
import type { PilotOptions } from "../options.js";
import { runPilotSeed } from "../run.js";
import { seedTaskSchema, type WorkerMessage } from "./seed-task.js";

const send = (m: WorkerMessage): void => {
  process.send?.(m);
};

async function play(raw: unknown): Promise<void> {
  const task = seedTaskSchema.parse(raw);
  try {
    const world = await loadWorld(task.world);
    const onWeek = (seed: number, week: number, of: number) =>
      send({ kind: "week", index: task.index, seed, week, of });
    const result = await runPilotSeed(task.seed, {
      ...(task.options as PilotOptions),
      world,
      onWeek,
    });
    send({ kind: "done", index: task.index, result });
  } catch (e) {
    const code = isAutopromoError(e) ? e.code : undefined;
    send({
      kind: "failed",
      index: task.index,
      message: (e as Error).message,
      ...(code ? { code } : {}),
    });
  }
}

// Tasks run one at a time: the parent sends the next one when this one is done.
process.on("message", (m) => void play(m));

import { z } from "zod";

/** One world × seed a worker plays: the world by reference (a shipped name or a module path). */
export const seedTaskSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  world: z.string().min(1),
  seed: z.number().int(),
  /** The pilot options (JSON data only: `PilotOptions` without functions). */
  options: z.record(z.string(), z.unknown()),
});
export type SeedTask = z.infer<typeof seedTaskSchema>;

/** What a worker sends back: progress, a result, or the error that stopped the task. */
export type WorkerMessage =
  | { kind: "week"; index: number; seed: number; week: number; of: number }
  | { kind: "done"; index: number; result: unknown }
  | { kind: "failed"; index: number; message: string; code?: string };

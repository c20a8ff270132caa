import { pilotOptionsSchema, type PilotOptions } from "./options.js";
import { buildReport, type PilotReport } from "./report.js";
import { runPilotSeed } from "./run.js";

/** Runs every seed in turn and aggregates the report. */
export async function runPilot(
  input: PilotOptions,
  onWeek?: (seed: number, week: number, of: number) => void,
): Promise<PilotReport> {
  const o = pilotOptionsSchema.parse(input);
  const seeds = [];
  for (const seed of o.seeds)
    seeds.push(await runPilotSeed(seed, { ...input, ...(onWeek ? { onWeek } : {}) }));
  return buildReport(o.weeks, seeds);
}

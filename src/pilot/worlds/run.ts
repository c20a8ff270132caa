import { loadWorld, type WorldDefinition } from "../../sim/market/index.js";
import { worldNames } from "../../sim/market/index.js";
import { shippedBaselines } from "../baselines/index.js";
import { pilotOptionsSchema, type PilotOptions } from "../options.js";
import { runPilotSeed } from "../run.js";
import { buildWorldsReport, type PlayedWorld } from "./build.js";
import type { WorldsReport } from "./schema.js";

/** `--world NAME|FILE` and `--worlds all|a,b,…` resolved to definitions (shipped or loaded). */
export async function resolveWorlds(world: string | undefined, worlds: string | undefined): Promise<WorldDefinition[]> {
  const names = worlds === "all" ? worldNames() : (worlds?.split(",").map((s) => s.trim()).filter(Boolean) ?? []);
  if (world) names.unshift(world);
  const out: WorldDefinition[] = [];
  for (const n of names.length ? names : ["base"]) out.push(await loadWorld(n));
  return out;
}

/** Every shipped baseline's report key (the default of a worlds run). */
export const ALL_BASELINES = (): string[] => shippedBaselines().map((b) => b.name);

/** Plays every world × seed (agent and baselines on copies of one world per seed) and reports. */
export async function runWorlds(input: PilotOptions, worlds: readonly WorldDefinition[], onWeek?: (world: string, seed: number, week: number, of: number) => void): Promise<WorldsReport> {
  const o = pilotOptionsSchema.parse({ baselines: ALL_BASELINES(), ...input });
  const truthKnowing = shippedBaselines().filter((b) => b.knowsTruth).map((b) => b.name);
  const played: PlayedWorld[] = [];
  for (const def of worlds) {
    const seeds = [];
    for (const seed of o.seeds) {
      const progress = onWeek ? { onWeek: (s: number, w: number, of: number) => onWeek(def.name, s, w, of) } : {};
      seeds.push(await runPilotSeed(seed, { ...input, baselines: o.baselines, world: def, ...progress }));
    }
    played.push({ world: def.name, seeds, truthKnowing });
  }
  return buildWorldsReport(played, o.weeks, o.approveUpTo);
}

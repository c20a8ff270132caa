import { resolve } from "node:path";
import { loadWorld, shippedWorlds, type WorldDefinition } from "../../sim/market/index.js";
import { worldNames } from "../../sim/market/index.js";
import { baselinesByName, shippedBaselines } from "../baselines/index.js";
import { pilotOptionsSchema, type PilotOptions } from "../options.js";
import { defaultJobs, runSeedTasks } from "../pool/run-tasks.js";
import { runPilotSeed, type SeedResult } from "../run.js";
import { buildWorldsReport, type PlayedWorld } from "./build.js";
import type { WorldsReport } from "./schema.js";

const looksLikeFile = (s: string): boolean => /[\\/]/.test(s) || /\.(m?[jt]s|cjs)$/.test(s);

/** `--world NAME|FILE` and `--worlds all|a,b,…` as references: shipped names, or absolute module paths. */
export function worldRefs(world: string | undefined, worlds: string | undefined): string[] {
  const names =
    worlds === "all"
      ? worldNames()
      : (worlds
          ?.split(",")
          .map((s) => s.trim())
          .filter(Boolean) ?? []);
  if (world) names.unshift(world);
  return (names.length ? names : ["base"]).map((n) => (looksLikeFile(n) ? resolve(n) : n));
}

/** `--world NAME|FILE` and `--worlds all|a,b,…` resolved to definitions (shipped or loaded). */
export async function resolveWorlds(
  world: string | undefined,
  worlds: string | undefined,
): Promise<WorldDefinition[]> {
  const out: WorldDefinition[] = [];
  for (const n of worldRefs(world, worlds)) out.push(await loadWorld(n));
  return out;
}

/** Every shipped baseline's report key (the default of a worlds run). */
export const ALL_BASELINES = (): string[] => shippedBaselines().map((b) => b.name);

/** How a worlds run is executed: worker processes (default: one per core). */
export interface WorldsRunSettings {
  /** Child processes playing world × seed tasks; 1 plays them in this process. */
  jobs?: number;
}

/** A world given by reference (name / path: workers can load it) or as a definition. */
type WorldInput = string | WorldDefinition;

type Progress = (world: string, seed: number, week: number, of: number) => void;

/** The reference a worker process can load, or null for a definition only this process holds. */
function refOf(w: WorldInput): string | null {
  if (typeof w === "string") return w;
  return shippedWorlds().includes(w) ? w.name : null;
}

/**
 * Plays every world × seed (agent and baselines on copies of one world per seed) and reports.
 * With `jobs` > 1 the world × seed tasks run in child processes; the figures are the same.
 */
export async function runWorlds(
  input: PilotOptions,
  worlds: readonly WorldInput[],
  onWeek?: Progress,
  settings: WorldsRunSettings = {},
): Promise<WorldsReport> {
  const o = pilotOptionsSchema.parse({ baselines: ALL_BASELINES(), ...input });
  baselinesByName(o.baselines); // an unknown name fails here, before any worker starts
  const truthKnowing = shippedBaselines()
    .filter((b) => b.knowsTruth)
    .map((b) => b.name);
  const defs: WorldDefinition[] = [];
  for (const w of worlds) defs.push(typeof w === "string" ? await loadWorld(w) : w);
  const refs = worlds.map(refOf);
  const options = { ...input, baselines: o.baselines };
  const pairs = defs.flatMap((def, wi) => o.seeds.map((seed) => ({ wi, seed })));
  const jobs = Math.min(settings.jobs ?? defaultJobs(), pairs.length);
  const results: SeedResult[] = new Array(pairs.length);
  const remote =
    jobs > 1 ? pairs.map((p, i) => ({ ...p, i })).filter((p) => refs[p.wi] !== null) : [];
  const pool = remote.length
    ? runSeedTasks(
        remote.map((p, k) => ({
          index: k,
          world: refs[p.wi]!,
          seed: p.seed,
          options: options as Record<string, unknown>,
        })),
        jobs,
        onWeek
          ? (t, week, of) => onWeek(defs[remote[t.index]!.wi]!.name, t.seed, week, of)
          : undefined,
      )
    : Promise.resolve([]);
  const local = new Set(remote.map((p) => p.i));
  // Definitions only this process holds (a module object passed in) play here, beside the pool.
  for (const [i, p] of pairs.entries()) {
    if (local.has(i)) continue;
    const def = defs[p.wi]!;
    const progress = onWeek
      ? { onWeek: (s: number, w: number, of: number) => onWeek(def.name, s, w, of) }
      : {};
    results[i] = await runPilotSeed(p.seed, { ...options, world: def, ...progress });
  }
  (await pool).forEach((r, k) => (results[remote[k]!.i] = r));
  const played: PlayedWorld[] = defs.map((def, wi) => ({
    world: def.name,
    seeds: pairs.flatMap((p, i) => (p.wi === wi ? [results[i]!] : [])),
    truthKnowing,
  }));
  return buildWorldsReport(played, o.weeks, o.approveUpTo);
}

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Calibration } from "./calibration-schema.js";
import type { MarketWorldSpec } from "./spec.js";
import { drawTruth, type MarketTruth } from "./truth.js";
import { worldDefinitionSchema, WorldModel, type WorldDefinition } from "./world-def.js";
import { WorldError } from "./world-error.js";
import { worldByName } from "./worlds/registry.js";

const looksLikeFile = (s: string): boolean => /[\\/]/.test(s) || /\.(m?[jt]s|cjs)$/.test(s);

const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }): string =>
  e.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ");

/** Checks a module's world: its `default` export, or else a named `world` export. */
export function worldFromModule(mod: Record<string, unknown>, file: string): WorldDefinition {
  const candidate = mod.default ?? mod.world;
  if (candidate === undefined)
    throw new WorldError(
      "INVALID_WORLD",
      `${file}: exports no world (export default defineWorld({...}) or export const world)`,
    );
  const parsed = worldDefinitionSchema.safeParse(candidate);
  if (!parsed.success)
    throw new WorldError(
      "INVALID_WORLD",
      `${file}: not a world definition: ${issues(parsed.error)}`,
    );
  return candidate as WorldDefinition;
}

/** A shipped world by name, or an analyst's world module by path (.js; .ts under tsx). */
export async function loadWorld(nameOrFile: string): Promise<WorldDefinition> {
  if (!looksLikeFile(nameOrFile)) return worldByName(nameOrFile);
  const file = resolve(nameOrFile);
  if (!existsSync(file))
    throw new WorldError("INVALID_WORLD", `--world ${nameOrFile}: file not found (${file})`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const hint = file.endsWith(".ts")
      ? " (a .ts world needs tsx: npm run autopromo, or compile it to .js)"
      : "";
    throw new WorldError(
      "INVALID_WORLD",
      `--world ${nameOrFile}: cannot import${hint}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  return worldFromModule(mod, nameOrFile);
}

/** One seed of a world: its shared truth and its own parameters, validated. */
export function drawWorld(
  def: WorldDefinition,
  seed: number,
  spec: MarketWorldSpec,
  calibration: Calibration,
): { truth: MarketTruth; model: WorldModel } {
  const truth = def.drawTruth
    ? def.drawTruth(seed, { spec, calibration })
    : drawTruth(seed, spec, calibration);
  const raw = def.drawParams(seed, { spec, calibration, truth });
  const parsed = def.params.safeParse(raw);
  if (!parsed.success)
    throw new WorldError(
      "INVALID_WORLD",
      `world ${def.name}, seed ${seed}: drawn parameters are invalid: ${issues(parsed.error)}`,
    );
  return { truth, model: new WorldModel(def, parsed.data) };
}

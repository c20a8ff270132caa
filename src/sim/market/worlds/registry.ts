import { adSlotsWorld } from "./ad-slots.js";
import { baseWorld } from "./base.js";
import { competitiveWorld } from "./competitive.js";
import { fatigueWorld } from "./fatigue.js";
import { featureNeedsCutWorld } from "./feature-needs-cut.js";
import { heterogeneousWorld } from "./heterogeneous.js";
import { regimeWorld } from "./regime.js";
import { sCurveWorld } from "./s-curve.js";
import { WorldError } from "../world-error.js";
import type { WorldDefinition } from "../world-def.js";

/** The shipped worlds, `base` first, then the truths the agent's model does not contain. */
export function shippedWorlds(): WorldDefinition[] {
  const list = [
    baseWorld,
    fatigueWorld,
    sCurveWorld,
    featureNeedsCutWorld,
    heterogeneousWorld,
    regimeWorld,
    adSlotsWorld,
    competitiveWorld,
  ];
  return list as WorldDefinition[];
}

/** Names `--world` accepts, in registry order. */
export const worldNames = (): string[] => shippedWorlds().map((w) => w.name);

/** The shipped world of this name; an unknown name is an error listing the valid ones. */
export function worldByName(name: string): WorldDefinition {
  const w = shippedWorlds().find((x) => x.name === name);
  if (!w)
    throw new WorldError(
      "UNKNOWN_WORLD",
      `unknown world "${name}": valid worlds are ${worldNames().join(", ")} (or a path to a world module)`,
    );
  return w;
}

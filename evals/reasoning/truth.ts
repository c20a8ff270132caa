import type { EffectPoint } from "../../src/agents/promotion/index.js";
import type { DemandTruth } from "../../src/sim/demo/index.js";

/** The demo market's hidden demand parameters, as the simulator's effect numbers for one SKU. */
export function trueEffects(truth: DemandTruth, sku: string): EffectPoint {
  return {
    elasticity: truth.elasticity[sku] ?? -2,
    logFeature: Math.log(truth.featureLift),
    logDisplay: Math.log(truth.displayLift),
    postPromoDip: truth.postPromoDip,
    cannibalisation: truth.cannibalisation,
  };
}

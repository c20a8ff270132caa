import type { EvaluatedScenario, Scenario } from "../../domain/scenario.js";
import { probabilityPositive, type LiftPricer } from "./lift-simulate.js";
import type { SkuMarketContext } from "./simulate.js";

/** When the agent tries, on purpose, a mechanic its history barely shows. */
export interface Exploration {
  /** Weeks of a mechanic in a SKU's history after which it is no longer tried on purpose. */
  enoughWeeks: number;
  /** Least P(incremental margin > 0) of a trial: it must be expected to pay. */
  minProbability: number;
  /**
   * Largest loss at the low end of a trial's 80 % interval, as a share of the regular margin
   * of the weeks it runs: what one lesson may cost.
   */
  maxLossShare: number;
}

/** Three trial weeks per SKU and mechanic, each expected to pay, risking half a week's margin. */
export const DEFAULT_EXPLORATION: Exploration = {
  enoughWeeks: 3,
  minProbability: 0.5,
  maxLossShare: 0.5,
};

/**
 * The trial the agent runs when no candidate is sure enough to pay: the best (by expected
 * margin) of those that failed only the policy's P(margin > 0), on a mechanic the SKU's history
 * barely shows, expected to pay, with a bounded loss. The pilot's holdouts measure it; its weeks
 * then enter the history and narrow the lift's interval, so the agent stops trying when it knows.
 */
export function explorationPick(
  unsure: readonly EvaluatedScenario[],
  pricer: LiftPricer,
  contextOf: (s: Scenario) => SkuMarketContext,
  opts: Exploration,
): EvaluatedScenario | undefined {
  for (const x of unsure) {
    const p = x.prediction;
    if (p.incrementalMargin <= 0) continue;
    if (pricer.evidenceWeeks(x.scenario) >= opts.enoughWeeks) continue;
    if (probabilityPositive(p) < opts.minProbability) continue;
    const ctx = contextOf(x.scenario);
    const regular = p.baselineUnits * Math.max(0, ctx.regularPrice - ctx.unitCost);
    if (p.interval80.incrementalMargin[0] < -opts.maxLossShare * regular) continue;
    return x;
  }
  return undefined;
}

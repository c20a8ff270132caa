import { emptyCounts } from "./agent-player.js";
import type { SeedResult } from "./run.js";
import type { SettledCampaign } from "./settle.js";
import type { StrategyResult } from "./tally.js";

/** A strategy's tally with only its in-scope margin set (one campaign), for report tests. */
export const strategyResult = (marginInScope: number): StrategyResult => ({
  marginInScope,
  marginAll: marginInScope,
  campaigns: 1,
  incrementalUnits: 0,
  baselineUnits: 0,
  liftPct: 0,
  promoIncrementalMargin: 0,
  spend: 0,
  roi: 0,
  cannibalisedUnits: 0,
  pulledForwardUnits: 0,
  stockOuts: 0,
  stockOutsPromoted: 0,
  cells: 0,
  promotedCells: 0,
  excessCleared: 0,
});

/** One seed of world "w" where each strategy earned the given margin and nothing else happened. */
export function seedResult(
  n: number,
  margins: Record<string, number>,
  settled: SettledCampaign[] = [],
): SeedResult {
  const { latenciesMs: _, ...counts } = emptyCounts();
  return {
    seed: n,
    world: "w",
    strategies: Object.fromEntries(Object.entries(margins).map(([k, v]) => [k, strategyResult(v)])),
    governance: {
      ...counts,
      approvalsNeeded: 0,
      policyViolations: 0,
      guardrailStockOuts: 0,
      supplyShortStockOuts: 0,
      campaignStockOuts: 0,
    },
    latencyMs: { p50: 0, p95: 0, max: 0 },
    settled,
    learning: [],
    seconds: 0,
  };
}

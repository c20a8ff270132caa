import type { Channel } from "../../domain/channel.js";
import type { Mechanic } from "../../domain/proposal.js";
import type { Scenario } from "../../domain/scenario.js";
import { addDays } from "../../domain/dates.js";

/** The mechanics the store-fitted simulator can price (others have no history to learn from). */
export const SIMULATED_MECHANICS: readonly Mechanic[] = ["tpr", "feature", "display", "feature_display"];

/** Which scenarios to generate. */
export interface GridOptions {
  depthsPct: number[];
  weeks: number[];
  /** Start this many weeks after the first possible start. */
  startOffsets: number[];
  channelSets: Channel[][];
  mechanics: readonly Mechanic[];
}

export const DEFAULT_GRID: GridOptions = {
  depthsPct: [0, 10, 15, 20, 25, 30, 35, 40, 50],
  weeks: [1, 2, 3],
  startOffsets: [0, 1],
  channelSets: [["store"], ["store", "ecommerce"]],
  mechanics: SIMULATED_MECHANICS,
};

/** "No promotion": always a candidate, so nothing is launched that is worse than doing nothing. */
export function noPromotion(sku: string, category: string, market: string, startDate: string): Scenario {
  return { id: "no-promotion", sku, category, market, mechanic: "none", depthPct: 0, weeks: 0, startDate, channels: [] };
}


/** Every mechanic × depth × duration × start × channels scenario for each SKU (a TPR needs a price cut). */
export function generateScenarios(input: { skus: string[]; category: string; market: string; firstStart: string; hasWebShop: boolean }, grid: GridOptions): Scenario[] {
  const out: Scenario[] = [];
  // One array per channel set, shared by its scenarios (thousands per scope); nothing mutates them.
  const channelSets = grid.channelSets.filter((c) => input.hasWebShop || !c.includes("ecommerce")).map((c) => ({ list: Object.freeze([...c]) as Channel[], key: c.join("+") }));
  // The weeks × start × channels part of each id and its dates, built once: ids are a prefix and one of these.
  const tails = grid.weeks.flatMap((weeks) =>
    grid.startOffsets.flatMap((offset) => {
      const startDate = addDays(input.firstStart, 7 * offset);
      return channelSets.map(({ list, key }) => ({ weeks, startDate, channels: list, id: `:${weeks}w:${startDate}:${key}` }));
    }),
  );
  for (const sku of input.skus) {
    for (const mechanic of grid.mechanics) {
      if (!SIMULATED_MECHANICS.includes(mechanic)) continue;
      for (const depthPct of grid.depthsPct) {
        if (mechanic === "tpr" && depthPct === 0) continue;
        const head = `${sku}:${mechanic}:${depthPct}`;
        for (const t of tails) {
          out.push({ id: head + t.id, sku, category: input.category, market: input.market, mechanic, depthPct, weeks: t.weeks, startDate: t.startDate, channels: t.channels });
        }
      }
    }
  }
  return out;
}

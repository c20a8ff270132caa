import type { Mechanic } from "../../domain/proposal.js";
import { Rng } from "../demo/rng.js";
import type { WorldCampaign } from "./campaign.js";
import type { MarketWorld } from "./world.js";

const MECHANICS: readonly Mechanic[] = ["tpr", "tpr", "tpr", "feature", "display", "feature_display"];

/** The retailer's rule of thumb for stock: 1 + 2 × depth, more with an ad or a display. */
export function ruleOfThumbLift(mechanic: Mechanic, depth: number): number {
  return 1 + 2 * depth + (mechanic === "feature" || mechanic === "feature_display" ? 0.3 : 0) + (mechanic === "display" || mechanic === "feature_display" ? 0.3 : 0);
}

/**
 * How promotions were planned before the pilot: every SKU in every market gets a promotion every
 * 6–11 weeks, mostly price cuts of 15–30 %, sometimes with the weekly ad or a display.
 */
export function historicalCalendar(world: MarketWorld, seed: number, fromWeek: number, toWeek: number): WorldCampaign[] {
  const out: WorldCampaign[] = [];
  for (const m of world.spec.markets) {
    for (const cat of world.spec.categories) {
      for (const s of cat.skus) {
        const rng = Rng.of(seed, "calendar", m.id, s.sku);
        let w = fromWeek + rng.int(0, 7);
        while (w < toWeek) {
          const mechanic = rng.pick(MECHANICS);
          const depth = mechanic === "tpr" || rng.chance(0.7) ? rng.pick([0.15, 0.2, 0.25, 0.3]) : 0;
          const weeks = rng.chance(0.6) ? 1 : 2;
          out.push({ id: `cal-${m.id}-${s.sku}-${w}`, market: m.id, category: cat.name, sku: s.sku, mechanic, depth, startWeek: w, weeks, holdout: [], plannedLift: ruleOfThumbLift(mechanic, depth) });
          w += weeks + rng.int(6, 11);
        }
      }
    }
  }
  return out;
}

/** Last year's calendar repeated: the same promotions 52 weeks later. */
export function repeatLastYear(history: readonly WorldCampaign[], fromWeek: number, toWeek: number): WorldCampaign[] {
  return history
    .filter((c) => c.startWeek + 52 >= fromWeek && c.startWeek + 52 < toWeek)
    .map((c) => ({ ...c, id: `fix-${c.market}-${c.sku}-${c.startWeek + 52}`, startWeek: c.startWeek + 52 }));
}

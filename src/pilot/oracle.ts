import type { Mechanic } from "../domain/proposal.js";
import type { Policy } from "../policies/index.js";
import {
  MEDIA,
  hasDisplay,
  hasFeature,
  shelfPrice,
  type MarketWorld,
  type WorldCampaign,
} from "../sim/market/index.js";
import { promoLift } from "../sim/market/index.js";
import type { PilotScope } from "./options.js";

const DEPTHS = [0, 10, 15, 20, 25, 30, 35, 40, 50];
const WEEKS = [1, 2, 3];

/** True expected margin of a market × category over weeks [from, to] under `campaigns` (noise-free, stock ignored). */
function scopeMargin(
  world: MarketWorld,
  market: string,
  category: string,
  from: number,
  to: number,
  campaigns: readonly WorldCampaign[],
): number {
  let m = 0;
  for (let w = from; w <= to; w++) {
    for (const st of world.stores(market)) {
      for (const sku of world.skusByCategory[category] ?? []) {
        const t = world.truth.skus[sku]!;
        m +=
          world.expectedUnits(market, st, sku, w, campaigns) *
          (shelfPrice(world.truth, campaigns, market, st, sku, w) - t.unitCost);
      }
    }
  }
  return m;
}

/**
 * The oracle: knows the true parameters and, for each in-scope market × category with nothing
 * running or scheduled, picks the truly best scenario starting next week from the agent's candidate
 * space (SKU × mechanic × depth × weeks), inside the policy's depth cap, lift minimum, spacing
 * between promotions of a SKU and the stock it holds. Nothing when nothing truly pays.
 */
export function oracleDecide(
  world: MarketWorld,
  w: number,
  campaigns: readonly WorldCampaign[],
  scope: PilotScope,
  policy: Policy,
): WorldCampaign[] {
  const out: WorldCampaign[] = [];
  const start = w + 1;
  const mechanics = (scope.mechanics ?? ["tpr", "feature", "display", "feature_display"]).filter(
    (m): m is Mechanic => ["tpr", "feature", "display", "feature_display"].includes(m),
  );
  for (const m of world.spec.markets) {
    if (scope.markets && !scope.markets.includes(m.id)) continue;
    for (const cat of world.spec.categories) {
      if (scope.categories && !scope.categories.includes(cat.name)) continue;
      const local = campaigns.filter((c) => c.market === m.id && c.category === cat.name);
      if (local.some((c) => c.startWeek + c.weeks >= start)) continue;
      // Only campaigns that can still touch these weeks (through their dip) matter to the sums.
      const near = local.filter((c) => c.startWeek + c.weeks >= start - 1);
      const base = new Map<number, number>();
      const baseline = (weeks: number) => {
        let v = base.get(weeks);
        if (v === undefined)
          base.set(weeks, (v = scopeMargin(world, m.id, cat.name, start, start + weeks, near)));
        return v;
      };
      let best: { c: WorldCampaign; gain: number } | null = null;
      for (const sku of world.skusByCategory[cat.name] ?? []) {
        const gap = policy.brand.minWeeksBetweenPromotions;
        if (local.some((c) => c.sku === sku && c.startWeek + c.weeks + gap > start)) continue;
        for (const mechanic of mechanics) {
          for (const d of DEPTHS) {
            if (d > policy.autonomy.maxDiscountPct || (mechanic === "tpr" && d === 0)) continue;
            for (const weeks of WEEKS) {
              const c: WorldCampaign = {
                id: `oracle-${m.id}-${sku}-${start}`,
                market: m.id,
                category: cat.name,
                sku,
                mechanic,
                depth: d / 100,
                startWeek: start,
                weeks,
                holdout: [],
                plannedLift: 1,
              };
              c.plannedLift = promoLift(world.truth, c);
              if ((c.plannedLift - 1) * 100 < policy.success.minLiftPct) continue;
              const units =
                world
                  .stores(m.id)
                  .reduce((n, st) => n + world.expectedUnits(m.id, st, sku, start, [c]), 0) * weeks;
              if (units * (1 + policy.supply.safetyMarginPct / 100) > world.stockOf(m.id, sku))
                continue;
              const media =
                weeks *
                ((hasFeature(mechanic) ? world.model.ads.featureCostPerWeek : 0) +
                  (hasDisplay(mechanic)
                    ? MEDIA.displayPerStoreWeek * world.stores(m.id).length
                    : 0));
              const gain =
                scopeMargin(world, m.id, cat.name, start, start + weeks, [...near, c]) -
                baseline(weeks) -
                media;
              if (gain > 0 && (!best || gain > best.gain)) best = { c, gain };
            }
          }
        }
      }
      if (best) out.push(best.c);
    }
  }
  return out;
}

import { asRun, shelfPrice, type MarketWorld, type WorldCampaign } from "../../sim/market/index.js";

/**
 * Expected contribution margin (noise-free, stock ignored) of `skus` in one market over weeks
 * [from, to], under `campaigns`, through the world's own expected-demand function: whatever a
 * world module defines, this reads its truth.
 */
export function trueMargin(world: MarketWorld, market: string, skus: readonly string[], from: number, to: number, campaigns: readonly WorldCampaign[]): number {
  let m = 0;
  for (let w = from; w <= to; w++) {
    for (const st of world.stores(market)) {
      for (const sku of skus) {
        const cost = world.truth.skus[sku]!.unitCost;
        const price = shelfPrice(world.truth, campaigns, market, st, sku, w);
        m += world.expectedUnits(market, st, sku, w, campaigns) * (price - cost);
      }
    }
  }
  return m;
}

/** Media a campaign would truly be billed (an ad without a slot costs nothing). */
export function trueMedia(world: MarketWorld, c: WorldCampaign, campaigns: readonly WorldCampaign[]): number {
  const treated = world.stores(c.market).length - c.holdout.length;
  let media = 0;
  for (let w = c.startWeek; w < c.startWeek + c.weeks; w++) media += world.mediaCost(asRun(world.model.ads, c, w, campaigns), treated);
  return media;
}

/** Expected promoted units of `c` over its weeks in its market (every store, truth). */
export function trueUnits(world: MarketWorld, c: WorldCampaign, campaigns: readonly WorldCampaign[]): number {
  let u = 0;
  for (let w = c.startWeek; w < c.startWeek + c.weeks; w++) {
    for (const st of world.stores(c.market)) u += world.expectedUnits(c.market, st, c.sku, w, campaigns);
  }
  return u;
}

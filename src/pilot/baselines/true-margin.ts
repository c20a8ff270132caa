import { asRun, shelfPrice, type MarketWorld, type WorldCampaign } from "../../sim/market/index.js";

/**
 * Expected units of a store × SKU in week w under `campaigns`: a week still to come meets the
 * competitor's answer to them (its rule and its seeded draws), not its cut of today. Reading the
 * cut of today let a price cut look as good in `competitive` as where nobody matches it.
 */
function unitsAt(
  world: MarketWorld,
  market: string,
  store: string,
  sku: string,
  w: number,
  campaigns: readonly WorldCampaign[],
  ahead: readonly number[],
): number {
  const k = w - world.lastPlayedWeek - 1;
  return k >= 0 && k < ahead.length
    ? world.expectedUnitsAgainst(market, store, sku, w, campaigns, ahead[k]!)
    : world.expectedUnits(market, store, sku, w, campaigns);
}

/**
 * Expected contribution margin (noise-free, stock ignored) of `skus` in one market over weeks
 * [from, to], under `campaigns`, through the world's own expected-demand function and competitor:
 * whatever a world module defines, this reads its truth.
 */
export function trueMargin(
  world: MarketWorld,
  market: string,
  skus: readonly string[],
  from: number,
  to: number,
  campaigns: readonly WorldCampaign[],
): number {
  let m = 0;
  for (const sku of skus) {
    const cost = world.truth.skus[sku]!.unitCost;
    const ahead = world.competitorCutsAhead(market, sku, to, campaigns);
    for (let w = from; w <= to; w++) {
      for (const st of world.stores(market)) {
        const price = shelfPrice(world.truth, campaigns, market, st, sku, w);
        m += unitsAt(world, market, st, sku, w, campaigns, ahead) * (price - cost);
      }
    }
  }
  return m;
}

/** Media a campaign would truly be billed (an ad without a slot costs nothing). */
export function trueMedia(
  world: MarketWorld,
  c: WorldCampaign,
  campaigns: readonly WorldCampaign[],
): number {
  const treated = world.stores(c.market).length - c.holdout.length;
  let media = 0;
  for (let w = c.startWeek; w < c.startWeek + c.weeks; w++)
    media += world.mediaCost(asRun(world.model.ads, c, w, campaigns), treated);
  return media;
}

/** Expected promoted units of `c` over its weeks in its market (every store, truth). */
export function trueUnits(
  world: MarketWorld,
  c: WorldCampaign,
  campaigns: readonly WorldCampaign[],
): number {
  const ahead = world.competitorCutsAhead(c.market, c.sku, c.startWeek + c.weeks - 1, campaigns);
  let u = 0;
  for (let w = c.startWeek; w < c.startWeek + c.weeks; w++) {
    for (const st of world.stores(c.market))
      u += unitsAt(world, c.market, st, c.sku, w, campaigns, ahead);
  }
  return u;
}

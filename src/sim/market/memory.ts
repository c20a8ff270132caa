import { activeAt, type WorldCampaign } from "./campaign.js";

/** Where a shelf's promotion memory is read: one store × SKU, ignoring one excluded campaign. */
export interface Shelf {
  market: string;
  store: string;
  sku: string;
  exclude?: string | undefined;
}

/** Weeks of [from, to) in which the shelf was promoted (for reference-price memory). */
export function promotedWeeks(
  campaigns: readonly WorldCampaign[],
  s: Shelf,
  from: number,
  to: number,
): number {
  let n = 0;
  for (let w = from; w < to; w++)
    if (activeAt(campaigns, s.market, s.store, s.sku, w, s.exclude)) n++;
  return n;
}

/**
 * Weeks from the shelf's last promoted week before `week` up to `week` (1 = promoted just before),
 * or `max` when none is found within `max` weeks.
 */
export function weeksSincePromotion(
  campaigns: readonly WorldCampaign[],
  s: Shelf,
  week: number,
  max: number,
): number {
  for (let k = 1; k <= max; k++)
    if (activeAt(campaigns, s.market, s.store, s.sku, week - k, s.exclude)) return k;
  return max;
}

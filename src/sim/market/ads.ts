import type { Mechanic } from "../../domain/proposal.js";
import { hasFeature, runsIn, type WorldCampaign } from "./campaign.js";
import type { AdMarket } from "./world-def.js";

/** The mechanic a campaign runs as when its ad got no slot (a feature alone runs as nothing). */
function withoutAd(m: Mechanic): Mechanic {
  if (m === "feature_display") return "display";
  return m === "feature" ? "tpr" : m;
}

/**
 * Whether `c`'s ad runs in week `w`: with a slot limit, the market's featured campaigns of the
 * week take the slots in order of start week, then id (first booked, first served).
 */
export function adRuns(
  ads: AdMarket,
  c: WorldCampaign,
  w: number,
  campaigns: readonly WorldCampaign[],
  exclude?: string,
): boolean {
  if (!hasFeature(c.mechanic)) return false;
  if (!Number.isFinite(ads.slotsPerMarketWeek)) return true;
  let ahead = 0;
  for (const o of campaigns) {
    if (o.id === c.id || o.id === exclude || o.market !== c.market) continue;
    if (!hasFeature(o.mechanic) || !runsIn(o, w)) continue;
    if (o.startWeek < c.startWeek || (o.startWeek === c.startWeek && o.id < c.id)) ahead++;
  }
  return ahead < ads.slotsPerMarketWeek;
}

/** The campaign as it runs in week `w`: its ad removed when it got no slot. */
export function asRun(
  ads: AdMarket,
  c: WorldCampaign,
  w: number,
  campaigns: readonly WorldCampaign[],
  exclude?: string,
): WorldCampaign {
  if (!hasFeature(c.mechanic) || adRuns(ads, c, w, campaigns, exclude)) return c;
  return { ...c, mechanic: withoutAd(c.mechanic) };
}

/** A featured campaign of `sku` whose ad runs in the market in week `w` (what a market-wide ad shows). */
export function marketAd(
  ads: AdMarket,
  market: string,
  sku: string,
  w: number,
  campaigns: readonly WorldCampaign[],
  exclude?: string,
): WorldCampaign | undefined {
  for (const c of campaigns) {
    if (c.sku !== sku || c.market !== market || c.id === exclude || !runsIn(c, w)) continue;
    if (adRuns(ads, c, w, campaigns, exclude)) return c;
  }
  return undefined;
}

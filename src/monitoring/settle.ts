import type { CampaignRecord } from "../channels/campaign-store.js";
import { recordOutcome } from "./accuracy.js";
import type { SettledOutcome } from "./accuracy.js";
import type { CampaignPerformance } from "./performance.js";
import { sampleSd, Z80 } from "./stats.js";
import type { Db } from "../store/db.js";

/**
 * The settled outcome of a closed campaign by the baseline method: measured = actual − the
 * baseline the decision forecast, over the weeks that ran. A campaign stopped early is compared
 * with the share of its forecast for those weeks (centre × k/weeks, interval half-widths × √(k/weeks)).
 * Null when no week of actuals has arrived.
 */
export function baselineOutcome(
  c: CampaignRecord,
  perf: CampaignPerformance,
  settledAt: string,
): SettledOutcome | null {
  const k = perf.weeks.length;
  if (k === 0) return null;
  const f = perf.forecast;
  const share = k / f.weeks;
  const t = perf.totals;
  const weekly = perf.weeks.map((w) => w.realisedIncrementalMargin);
  const sd = Math.max(sampleSd(weekly), perf.forecastSdPerWeek);
  const half = Z80 * sd * Math.sqrt(k);
  const fc = f.margin * share;
  return {
    campaignId: c.id,
    promotionType: c.proposal.mechanic,
    market: f.market,
    category: c.category,
    settledAt,
    forecastUnits: f.promoUnits * share,
    actualUnits: t.actualUnits,
    forecastIncrementalUnits: (f.promoUnits - f.baselineUnits) * share,
    measuredIncrementalUnits: t.actualUnits - t.baselineUnits,
    forecastIncrementalMargin: fc,
    measuredIncrementalMargin: t.realisedIncrementalMargin,
    measuredLow: t.realisedIncrementalMargin - half,
    measuredHigh: t.realisedIncrementalMargin + half,
    forecastLow: fc - (f.margin - f.marginInterval[0]) * Math.sqrt(share),
    forecastHigh: fc + (f.marginInterval[1] - f.margin) * Math.sqrt(share),
    method: "baseline",
  };
}

/** Settles a closed campaign (idempotent per campaign and method); returns the outcome or null without actuals. */
export function settleCampaign(
  db: Db,
  c: CampaignRecord,
  perf: CampaignPerformance,
  settledAt: string,
): SettledOutcome | null {
  const o = baselineOutcome(c, perf, settledAt);
  if (o) recordOutcome(db, o);
  return o;
}

import type { CampaignRecord } from "../channels/campaign-store.js";
import type { Db } from "../store/db.js";
import { weeklyActuals } from "./actuals.js";
import { forecastOfDecision } from "./forecast.js";
import type { CampaignForecast } from "./forecast.js";
import { Z80 } from "./stats.js";

/** One observed week of a campaign against its forecast. */
export interface WeekPerformance {
  week: string;
  actualUnits: number;
  forecastUnits: number;
  baselineUnits: number;
  /** actual − baseline forecast. */
  realisedIncrementalUnits: number;
  /** (revenue − cost × units) − baseline × (regular price − cost) − media for the week. */
  realisedIncrementalMargin: number;
  forecastIncrementalMargin: number;
}

/** A campaign's realised results so far against what its decision forecast. */
export interface CampaignPerformance {
  campaignId: string;
  forecast: CampaignForecast;
  weeksPlanned: number;
  weeks: WeekPerformance[];
  /** Weekly spread implied by the forecast's 80 % interval (the floor of the stop-loss test). */
  forecastSdPerWeek: number;
  totals: {
    actualUnits: number;
    forecastUnits: number;
    baselineUnits: number;
    realisedIncrementalMargin: number;
    forecastIncrementalMargin: number;
  };
}

/**
 * Realised against forecast for a campaign, week by week. The forecast is spread evenly over its
 * weeks (the decision stores totals). Null when the campaign's decision holds no forecast.
 */
export function campaignPerformance(db: Db, c: CampaignRecord): CampaignPerformance | null {
  const f = forecastOfDecision(db, c.decisionId);
  if (!f) return null;
  const weeksPlanned = c.proposal.weeks;
  const actual = weeklyActuals(db, {
    skus: c.proposal.scope.skus,
    markets: c.proposal.scope.markets,
    ...(c.proposal.scope.locations ? { locations: c.proposal.scope.locations } : {}),
    startDate: c.startDate,
    endDate: c.endDate,
    maxWeeks: weeksPlanned,
  });
  const base = f.baselineUnits / f.weeks;
  const media = f.mediaCost / f.weeks;
  const weeks = actual.map((a): WeekPerformance => ({
    week: a.week,
    actualUnits: a.units,
    forecastUnits: f.promoUnits / f.weeks,
    baselineUnits: base,
    realisedIncrementalUnits: a.units - base,
    realisedIncrementalMargin:
      a.revenue - f.unitCost * a.units - base * (f.regularPrice - f.unitCost) - media,
    forecastIncrementalMargin: f.margin / f.weeks,
  }));
  const sum = (k: keyof Omit<WeekPerformance, "week">) => weeks.reduce((s, w) => s + w[k], 0);
  // Independent weeks: the total's σ is √weeks times a week's.
  const forecastSdPerWeek =
    (f.marginInterval[1] - f.marginInterval[0]) / (2 * Z80) / Math.sqrt(f.weeks);
  return {
    campaignId: c.id,
    forecast: f,
    weeksPlanned,
    weeks,
    forecastSdPerWeek,
    totals: {
      actualUnits: sum("actualUnits"),
      forecastUnits: sum("forecastUnits"),
      baselineUnits: sum("baselineUnits"),
      realisedIncrementalMargin: sum("realisedIncrementalMargin"),
      forecastIncrementalMargin: sum("forecastIncrementalMargin"),
    },
  };
}

import { decisionRecordSchema } from "../domain/decision.js";
import type { Db } from "../store/db.js";

/**
 * What the decision forecast for a campaign, restricted to what can be measured in the
 * promotion's own weeks on its own SKUs: units sold and the in-window margin
 * promo units × (promo price − cost) − baseline units × (regular price − cost) − media.
 * The decision's full incremental margin also nets cannibalised sister SKUs and the dip after the
 * promotion; those happen outside what the campaign's sales show, so they are not compared here.
 */
export interface CampaignForecast {
  decisionId: string;
  mechanic: string;
  category: string;
  market: string;
  weeks: number;
  baselineUnits: number;
  promoUnits: number;
  promoUnitsInterval: [number, number];
  regularPrice: number;
  promoPrice: number;
  unitCost: number;
  mediaCost: number;
  /** In-window incremental margin (see above) and its 80 % interval, over all weeks. */
  margin: number;
  marginInterval: [number, number];
  /** The decision's full incremental margin (with cannibalisation and dip), for reference. */
  decisionIncrementalMargin: number;
}

/** The stored forecast of the decision behind a campaign, or null when it holds no chosen scenario. */
export function forecastOfDecision(db: Db, decisionId: string): CampaignForecast | null {
  const row = db.prepare("SELECT record FROM decisions WHERE id = ?").get(decisionId) as
    { record: string } | undefined;
  if (!row) return null;
  const rec = decisionRecordSchema.parse(JSON.parse(row.record));
  const chosen = rec.chosen;
  if (!chosen || chosen.scenario.mechanic === "none" || chosen.scenario.weeks <= 0) return null;
  const s = chosen.scenario;
  const p = chosen.prediction;
  const unitGain = p.promoPrice - p.unitCost;
  const margin =
    p.promoUnits * unitGain - p.baselineUnits * (p.regularPrice - p.unitCost) - p.mediaCost;
  const [lo, hi] = p.interval80.promoUnits;
  return {
    decisionId,
    mechanic: s.mechanic,
    category: s.category,
    market: s.market,
    weeks: s.weeks,
    baselineUnits: p.baselineUnits,
    promoUnits: p.promoUnits,
    promoUnitsInterval: [lo, hi],
    regularPrice: p.regularPrice,
    promoPrice: p.promoPrice,
    unitCost: p.unitCost,
    mediaCost: p.mediaCost,
    margin,
    marginInterval: [
      margin - (p.promoUnits - lo) * unitGain,
      margin + (hi - p.promoUnits) * unitGain,
    ],
    decisionIncrementalMargin: p.incrementalMargin,
  };
}

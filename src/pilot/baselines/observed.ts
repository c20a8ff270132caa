import { ruleOfThumbLift, type WeekOutcome, type WorldCampaign } from "../../sim/market/index.js";

/** Mean weekly units of a market × SKU over the last `weeks` observed weeks (all stores). */
export function observedWeekly(
  observed: readonly WeekOutcome[],
  market: string,
  sku: string,
  weeks = 8,
): number {
  const recent = observed.slice(-weeks);
  let units = 0;
  for (const o of recent)
    for (const c of o.cells) if (c.market === market && c.sku === sku) units += c.units;
  return units / Math.max(1, recent.length);
}

/** Promoted units a retailer would budget a campaign at: recent sales × the rule-of-thumb lift. */
export function budgetUnits(observed: readonly WeekOutcome[], c: WorldCampaign): number {
  return observedWeekly(observed, c.market, c.sku) * ruleOfThumbLift(c.mechanic, c.depth) * c.weeks;
}

/** Contribution margin of a market × category in one observed week, per store (all stores or `stores`). */
export function categoryMargin(
  o: WeekOutcome,
  market: string,
  category: string,
  stores?: ReadonlySet<string>,
): number {
  let m = 0;
  for (const c of o.cells) {
    if (c.market !== market || c.category !== category) continue;
    if (stores && !stores.has(c.store)) continue;
    m += c.units * (c.price - c.unitCost);
  }
  return m;
}

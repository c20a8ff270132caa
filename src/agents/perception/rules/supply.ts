import type { Finding } from "../../../domain/findings.js";
import { shiftDate } from "../../../tools/define.js";
import {
  projectSupply,
  supplyGap,
  type SupplyGap,
  type SupplyProjection,
} from "../../../tools/supply/index.js";
import type { PerceptionData } from "../data.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

type SupplyData = Pick<PerceptionData, "asOf" | "schedule" | "positions" | "series" | "marketOf">;

interface SkuPlan {
  /** Planned units per horizon week (all plants). */
  weekly: number[];
  capacity: number;
  byPlant: Map<string, number>;
}

const DAY = 86_400_000;

/** Horizon week (0 = the week after `asOf`) a schedule date falls in. */
const weekIndex = (asOf: string, date: string): number =>
  Math.ceil((Date.parse(date) - Date.parse(asOf)) / (7 * DAY)) - 1;

/**
 * Each scheduled SKU's plan per horizon week. The horizon ends at the last week any plant has
 * published: a SKU without a row inside it is planned at zero there, beyond it nothing is known.
 */
function plans(d: SupplyData, horizon: number): { bySku: Map<string, SkuPlan>; weeks: number } {
  const latest = d.schedule.reduce((m, r) => Math.max(m, weekIndex(d.asOf, r.date)), -1);
  const weeks = Math.min(horizon, latest + 1);
  const bySku = new Map<string, SkuPlan>();
  for (const r of d.schedule) {
    const h = weekIndex(d.asOf, r.date);
    if (h < 0 || h >= weeks) continue;
    let p = bySku.get(r.sku);
    if (!p)
      bySku.set(
        r.sku,
        (p = { weekly: new Array<number>(weeks).fill(0), capacity: 0, byPlant: new Map() }),
      );
    p.weekly[h]! += r.plannedUnits;
    p.capacity += r.capacityUnits;
    p.byPlant.set(r.plant, (p.byPlant.get(r.plant) ?? 0) + r.plannedUnits);
  }
  return { bySku, weeks };
}

/** Baseline demand of a SKU per horizon week, summed over every market (plants serve them all). */
function networkDemand(d: SupplyData, sku: string, weeks: number): number[] {
  const out = new Array<number>(weeks).fill(0);
  for (const s of d.series) {
    if (s.sku !== sku || !s.baseline) continue;
    for (let h = 0; h < weeks; h++) out[h]! += s.baseline.at(s.grid.weeks.length + h).units;
  }
  return out;
}

/** Mean weekly units a SKU sold over its last `weeks` weeks, promotions included, summed over every market. */
function recentSales(d: SupplyData, sku: string, weeks: number): number {
  let total = 0;
  for (const s of d.series) {
    if (s.sku !== sku) continue;
    const pts = s.grid.points.slice(-weeks);
    total += pts.reduce((a, p) => a + p.units, 0) / Math.max(1, pts.length);
  }
  return total;
}

/**
 * The demand a plan must meet, week by week: the baseline forecast, but no more than what the
 * network has sold a week lately, promotions included (a baseline lags a level that has just
 * fallen, and plants rightly follow the fall).
 */
function planReference(forecast: readonly number[], sold: number): number[] {
  return forecast.map((f) => Math.min(f, sold));
}

/**
 * Supply shortfall: each scheduled SKU's network stock (on hand + in transit, every location) is
 * projected week by week over the horizon against planned production and the baseline forecast
 * summed over every market. A finding when the projection closes under `supplySafetyWeeks` of
 * demand inside the horizon, or when the median week's plan is under `supplyPlanShare` of the
 * demand it must meet (`planReference`): stock only postpones that gap. It says the week the gap opens and its size; plants serve the
 * whole network, so the finding is placed at the main plant's market.
 */
export function supplyShortfall(d: SupplyData, t: PerceptionThresholds): Finding[] {
  const { bySku, weeks } = plans(d, t.supplyHorizonWeeks);
  if (weeks <= 0) return [];
  const stock = new Map<string, { onHand: number; inTransit: number }>();
  for (const p of d.positions) {
    const s = stock.get(p.sku) ?? { onHand: 0, inTransit: 0 };
    s.onHand += p.onHand;
    s.inTransit += p.inTransit;
    stock.set(p.sku, s);
  }
  const out: Finding[] = [];
  for (const [sku, plan] of bySku) {
    const demand = networkDemand(d, sku, weeks);
    if (demand.reduce((a, b) => a + b, 0) <= 0) continue;
    const held = stock.get(sku) ?? { onHand: 0, inTransit: 0 };
    const projection = projectSupply({
      ...held,
      safetyWeeks: t.supplySafetyWeeks,
      weeks: demand.map((units, h) => ({
        week: shiftDate(d.asOf, 7 * (h + 1)),
        production: plan.weekly[h] ?? 0,
        demand: units,
      })),
    });
    const sold = recentSales(d, sku, t.supplyHorizonWeeks);
    const gap = supplyGap(projection, t.supplyPlanShare, planReference(demand, sold));
    if (gap) out.push(shortfallFinding(d, t, { sku, plan, held, sold }, projection, gap));
  }
  return out;
}

interface SkuSupply {
  sku: string;
  plan: SkuPlan;
  held: { onHand: number; inTransit: number };
  sold: number;
}

function shortfallFinding(
  d: SupplyData,
  t: PerceptionThresholds,
  { sku, plan, held, sold }: SkuSupply,
  p: SupplyProjection,
  gap: SupplyGap,
): Finding {
  const plant = [...plan.byPlant.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  const category = d.series.find((s) => s.sku === sku)?.category ?? "";
  const scope = { market: d.marketOf.get(plant) ?? "", sku, category, location: plant };
  const stockLed = gap.reasons.includes("below_safety_stock");
  const horizon = p.weeks.length;
  // Sooner and larger gaps matter more: a gap opening this week with no plan at all scores 1.
  const soon = 1 - gap.opensAt / horizon;
  const score = stockLed
    ? 0.35 + 0.65 * soon
    : 0.35 + 0.65 * (1 - gap.planShare / t.supplyPlanShare);
  const weekNo = gap.opensAt + 1;
  const why = stockLed
    ? `stock projected under its safety line of ${t.supplySafetyWeeks} weeks from week ${weekNo} (${gap.week}), ${gap.units.toFixed(0)} units under at worst`
    : `planned production is ${(gap.planShare * 100).toFixed(0)} % of demand in the median week (under ${(t.supplyPlanShare * 100).toFixed(0)} %) from week ${weekNo} (${gap.week}); ${gap.units.toFixed(0)} units of demand unproduced, stock only postpones it`;
  return {
    id: findingId("supply_shortfall", scope),
    kind: "supply_shortfall",
    scope,
    asOf: d.asOf,
    severity: severityOf(score),
    evidence: {
      metric: stockLed
        ? "projected_stock_minus_safety_stock"
        : "median_week_plan_over_forecast_demand",
      value: stockLed ? -gap.units : gap.planShare,
      threshold: stockLed ? 0 : t.supplyPlanShare,
      weeks: [gap.week],
      figures: roundFigures({
        plannedUnits: p.production,
        capacityUnits: plan.capacity,
        forecastUnits: p.demand,
        networkStockUnits: held.onHand,
        inTransitUnits: held.inTransit,
        planShare: gap.planShare,
        recentWeeklySales: sold,
        gapWeek: weekNo,
        gapUnits: gap.units,
        lowestProjectedStock: p.lowestClosing,
        horizonWeeks: horizon,
        ...(p.stockOutAt === undefined ? {} : { stockOutWeek: p.stockOutAt + 1 }),
      }),
      notes: { reasons: gap.reasons.join(", "), gapWeek: gap.week },
    },
    summary: `${sku}: ${why}; ${p.production.toFixed(0)} units planned and ${(held.onHand + held.inTransit).toFixed(0)} in stock or transit against ${p.demand.toFixed(0)} forecast over ${horizon} weeks.`,
  };
}

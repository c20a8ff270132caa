import type { Finding } from "../../../domain/findings.js";
import type { PerceptionData } from "../data.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

/**
 * Supply shortfall: planned production over the horizon plus network stock (on hand + in transit,
 * every location) against the baseline forecast summed over every market. Plants serve the whole
 * network, so the comparison is network-wide; the finding is placed at the plant's market.
 */
export function supplyShortfall(d: Pick<PerceptionData, "asOf" | "schedule" | "positions" | "series" | "marketOf">, t: PerceptionThresholds): Finding[] {
  const plans = new Map<string, { planned: number; capacity: number; byPlant: Map<string, number>; weeks: Set<string> }>();
  for (const r of d.schedule) {
    const p = plans.get(r.sku) ?? { planned: 0, capacity: 0, byPlant: new Map<string, number>(), weeks: new Set<string>() };
    p.planned += r.plannedUnits;
    p.capacity += r.capacityUnits;
    p.byPlant.set(r.plant, (p.byPlant.get(r.plant) ?? 0) + r.plannedUnits);
    p.weeks.add(r.date);
    plans.set(r.sku, p);
  }
  const stock = new Map<string, number>();
  for (const p of d.positions) stock.set(p.sku, (stock.get(p.sku) ?? 0) + p.onHand + p.inTransit);
  const out: Finding[] = [];
  for (const [sku, plan] of plans) {
    let demand = 0;
    for (const s of d.series) {
      if (s.sku !== sku || !s.baseline) continue;
      for (let h = 0; h < t.supplyHorizonWeeks; h++) demand += s.baseline.at(s.grid.weeks.length + h).units;
    }
    if (demand <= 0) continue;
    const onHand = stock.get(sku) ?? 0;
    const ratio = (plan.planned + onHand) / demand;
    if (ratio >= t.supplyCoverRatio) continue;
    const plant = [...plan.byPlant.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
    const category = d.series.find((s) => s.sku === sku)?.category ?? "";
    const scope = { market: d.marketOf.get(plant) ?? "", sku, category, location: plant };
    out.push({
      id: findingId("supply_shortfall", scope), kind: "supply_shortfall", scope, asOf: d.asOf,
      severity: severityOf((1 - ratio) / 0.6),
      evidence: {
        metric: "supply_over_forecast_demand", value: ratio, threshold: t.supplyCoverRatio, weeks: [...plan.weeks].sort(),
        figures: roundFigures({ plannedUnits: plan.planned, capacityUnits: plan.capacity, networkStockUnits: onHand, forecastUnits: demand, plannedOverForecast: plan.planned / demand }),
      },
      summary: `${sku}: ${plan.planned} units planned and ${onHand.toFixed(0)} in stock against ${demand.toFixed(0)} forecast over ${t.supplyHorizonWeeks} weeks (${(ratio * 100).toFixed(0)} %).`,
    });
  }
  return out;
}

import type { Db } from "../store/index.js";

/** What the causal record measured for one campaign, from observed sales in treated vs holdout stores. */
export interface HoldoutMeasurement {
  incrementalMargin: number;
  low: number;
  high: number;
  /** Own-SKU units sold in treated stores during the campaign, and their measured counterfactual. */
  treatedUnits: number;
  counterfactualUnits: number;
  preWeeks: number;
}

export interface MeasureInput {
  market: string;
  sku: string;
  siblings: readonly string[];
  treated: readonly string[];
  control: readonly string[];
  /** Retail week-ending dates: the pre-period, the promoted weeks, and the week after (pull-forward). */
  preWeeks: readonly string[];
  promoWeeks: readonly string[];
  dipWeek: string;
  unitCost: Record<string, number>;
  regularPrice: Record<string, number>;
  mediaCost: number;
}

const Z80 = 1.2816;

/**
 * Difference-in-differences on the ratio of treated to holdout sales: the pre-period ratio times the
 * holdout's sales is each week's counterfactual for the treated stores; the margin effect sums the
 * promoted SKU (at the prices paid), its siblings (cannibalisation) and the week after (pull-forward),
 * less media. The 80 % interval is normal (CLT): week-to-week spread of the log ratio in the
 * pre-period, for each week's counterfactual and for the ratio itself.
 */
export function measureHoldout(db: Db, m: MeasureInput): HoldoutMeasurement {
  const weeks = [...m.preWeeks, ...m.promoWeeks, m.dipWeek];
  const skus = [m.sku, ...m.siblings];
  const rows = db
    .prepare(
      `SELECT sku, location_id AS store, retail_week AS week, units, revenue FROM sales
        WHERE market_id = ? AND sku IN (${skus.map(() => "?").join(",")}) AND retail_week IN (${weeks.map(() => "?").join(",")}) AND location_id IS NOT NULL`,
    )
    .all(m.market, ...skus, ...weeks) as { sku: string; store: string; week: string; units: number; revenue: number | null }[];
  const treated = new Set(m.treated);
  const control = new Set(m.control);
  const sum = new Map<string, { t: number; c: number; tRev: number }>();
  for (const r of rows) {
    const k = `${r.sku}|${r.week}`;
    const e = sum.get(k) ?? { t: 0, c: 0, tRev: 0 };
    if (treated.has(r.store)) { e.t += r.units; e.tRev += r.revenue ?? 0; }
    else if (control.has(r.store)) e.c += r.units;
    sum.set(k, e);
  }
  let effect = -m.mediaCost;
  let variance = 0;
  let treatedUnits = 0;
  let counterfactualUnits = 0;
  for (const sku of skus) {
    const logs = m.preWeeks.map((w) => sum.get(`${sku}|${w}`)).filter((e): e is { t: number; c: number; tRev: number } => !!e && e.t > 0 && e.c > 0).map((e) => Math.log(e.t / e.c));
    const pre = m.preWeeks.reduce((acc, w) => ({ t: acc.t + (sum.get(`${sku}|${w}`)?.t ?? 0), c: acc.c + (sum.get(`${sku}|${w}`)?.c ?? 0) }), { t: 0, c: 0 });
    if (pre.c <= 0 || logs.length < 2) continue;
    const ratio = pre.t / pre.c;
    const mu = logs.reduce((a, b) => a + b, 0) / logs.length;
    const s2 = logs.reduce((a, b) => a + (b - mu) ** 2, 0) / (logs.length - 1);
    const unitMargin = (m.regularPrice[sku] ?? 0) - (m.unitCost[sku] ?? 0);
    let cfSum = 0;
    let cfSq = 0;
    for (const w of [...m.promoWeeks, m.dipWeek]) {
      const e = sum.get(`${sku}|${w}`) ?? { t: 0, c: 0, tRev: 0 };
      const cf = ratio * e.c;
      cfSum += cf;
      cfSq += cf * cf;
      // Own SKU in promoted weeks sells at the prices actually paid; everything else at the regular price.
      const actualMargin = sku === m.sku && w !== m.dipWeek ? e.tRev - e.t * (m.unitCost[sku] ?? 0) : e.t * unitMargin;
      effect += actualMargin - cf * unitMargin;
      if (sku === m.sku && w !== m.dipWeek) { treatedUnits += e.t; counterfactualUnits += cf; }
    }
    variance += unitMargin * unitMargin * s2 * (cfSq + (cfSum * cfSum) / logs.length);
  }
  const half = Z80 * Math.sqrt(variance);
  return { incrementalMargin: effect, low: effect - half, high: effect + half, treatedUnits, counterfactualUnits, preWeeks: m.preWeeks.length };
}

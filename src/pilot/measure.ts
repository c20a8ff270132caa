import { addDays } from "../domain/dates.js";
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
  /** False when the promoted SKU had under two usable pre-period weeks: no counterfactual, no interval. */
  measured: boolean;
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
/** Fewest promotion-free pre-period weeks a SKU's ratio is built on before promoted weeks are used too. */
const MIN_CLEAN_PRE_WEEKS = 6;

/**
 * 90th percentile of Student's t with `df` degrees of freedom (Cornish-Fisher, within 0.002 for
 * df ≥ 3). Each SKU's spread is estimated from a handful of pre-period weeks, so a normal quantile
 * would make the interval too narrow (≈ 77 % coverage with 8 weeks instead of 80 %).
 */
export function t90(df: number): number {
  if (df <= 1) return 3.078;
  if (df === 2) return 1.886;
  const z = Z80;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/**
 * Difference-in-differences on the ratio of treated to holdout sales: the pre-period ratio times the
 * holdout's sales is each week's counterfactual for the treated stores; the margin effect sums the
 * promoted SKU (at the prices paid), its siblings (cannibalisation) and the week after (pull-forward),
 * less media. The 80 % interval: week-to-week spread of the log ratio in the pre-period, for each
 * week's counterfactual and for the ratio itself, each SKU's variance widened from the normal to
 * Student's t quantile of its pre-period degrees of freedom.
 */
export function measureHoldout(db: Db, m: MeasureInput): HoldoutMeasurement {
  const weeks = [...m.preWeeks, ...m.promoWeeks, m.dipWeek];
  const skus = [m.sku, ...m.siblings];
  const rows = db
    .prepare(
      `SELECT sku, location_id AS store, retail_week AS week, units, revenue, (feature = 1 OR display = 1 OR tpr = 1) AS promoted FROM sales
        WHERE market_id = ? AND sku IN (${skus.map(() => "?").join(",")}) AND retail_week IN (${weeks.map(() => "?").join(",")}) AND location_id IS NOT NULL`,
    )
    .all(m.market, ...skus, ...weeks) as {
    sku: string;
    store: string;
    week: string;
    units: number;
    revenue: number | null;
    promoted: number;
  }[];
  const treated = new Set(m.treated);
  const control = new Set(m.control);
  const sum = new Map<string, { t: number; c: number; tRev: number }>();
  /** Units per control store: `sku|week|store`. */
  const byStore = new Map<string, number>();
  // Pre-period weeks a SKU sold on promotion anywhere in the market, or the week after: shelves
  // stocked by a rule of thumb and the dip make the treated/holdout ratio of those weeks unsteady.
  const promotedWeeks = new Set<string>();
  for (const r of rows) {
    if (!r.promoted) continue;
    promotedWeeks.add(`${r.sku}|${r.week}`);
    promotedWeeks.add(`${r.sku}|${addDays(r.week, 7)}`);
  }
  for (const r of rows) {
    const k = `${r.sku}|${r.week}`;
    const e = sum.get(k) ?? { t: 0, c: 0, tRev: 0 };
    if (treated.has(r.store)) {
      e.t += r.units;
      e.tRev += r.revenue ?? 0;
    } else if (control.has(r.store)) {
      e.c += r.units;
      byStore.set(`${k}|${r.store}`, r.units);
    }
    sum.set(k, e);
  }
  const censored = emptyShelves(db, skus, m.control, [...m.promoWeeks, m.dipWeek]);
  let effect = -m.mediaCost;
  let variance = 0;
  let treatedUnits = 0;
  let counterfactualUnits = 0;
  let measured = false;
  for (const sku of skus) {
    const clean = m.preWeeks.filter((w) => !promotedWeeks.has(`${sku}|${w}`));
    // Keep the promoted weeks only when too few clean ones are left.
    const preWeeks = clean.length >= MIN_CLEAN_PRE_WEEKS ? clean : m.preWeeks;
    const logs = preWeeks
      .map((w) => sum.get(`${sku}|${w}`))
      .filter((e): e is { t: number; c: number; tRev: number } => !!e && e.t > 0 && e.c > 0)
      .map((e) => Math.log(e.t / e.c));
    const pre = preWeeks.reduce(
      (acc, w) => ({
        t: acc.t + (sum.get(`${sku}|${w}`)?.t ?? 0),
        c: acc.c + (sum.get(`${sku}|${w}`)?.c ?? 0),
      }),
      { t: 0, c: 0 },
    );
    if (pre.c <= 0 || logs.length < 2) continue;
    if (sku === m.sku) measured = true;
    const ratio = pre.t / pre.c;
    const mu = logs.reduce((a, b) => a + b, 0) / logs.length;
    const s2 = logs.reduce((a, b) => a + (b - mu) ** 2, 0) / (logs.length - 1);
    const unitMargin = (m.regularPrice[sku] ?? 0) - (m.unitCost[sku] ?? 0);
    let cfSum = 0;
    let cfSq = 0;
    for (const w of [...m.promoWeeks, m.dipWeek]) {
      const e = sum.get(`${sku}|${w}`) ?? { t: 0, c: 0, tRev: 0 };
      // A holdout store that ran dry sold less than its demand (the campaign's stores drew on the same
      // DC): its week says nothing about the counterfactual, so the others stand in for it, scaled
      // by their share of the holdout's pre-period sales.
      const open = m.control.filter((st) => !censored.has(`${sku}|${w}|${st}`));
      let cf = ratio * e.c;
      if (open.length > 0 && open.length < m.control.length) {
        const preOpen = preWeeks.reduce(
          (n, pw) => n + open.reduce((k, st) => k + (byStore.get(`${sku}|${pw}|${st}`) ?? 0), 0),
          0,
        );
        const now = open.reduce((k, st) => k + (byStore.get(`${sku}|${w}|${st}`) ?? 0), 0);
        if (preOpen > 0) cf = (pre.t / preOpen) * now;
      }
      cfSum += cf;
      cfSq += cf * cf;
      // Own SKU in promoted weeks sells at the prices actually paid; everything else at the regular price.
      const actualMargin =
        sku === m.sku && w !== m.dipWeek ? e.tRev - e.t * (m.unitCost[sku] ?? 0) : e.t * unitMargin;
      effect += actualMargin - cf * unitMargin;
      if (sku === m.sku && w !== m.dipWeek) {
        treatedUnits += e.t;
        counterfactualUnits += cf;
      }
    }
    const widen = (t90(logs.length - 1) / Z80) ** 2;
    variance += widen * unitMargin * unitMargin * s2 * (cfSq + (cfSum * cfSum) / logs.length);
  }
  const half = Z80 * Math.sqrt(variance);
  return {
    incrementalMargin: effect,
    low: effect - half,
    high: effect + half,
    treatedUnits,
    counterfactualUnits,
    preWeeks: m.preWeeks.length,
    measured,
  };
}

/** `sku|week|store` of holdout store-weeks that ended with an empty shelf (sales censored by stock). */
function emptyShelves(
  db: Db,
  skus: readonly string[],
  stores: readonly string[],
  weeks: readonly string[],
): Set<string> {
  if (stores.length === 0) return new Set();
  const rows = db
    .prepare(
      `SELECT sku, location_id AS store, retail_week AS week FROM inventory
        WHERE on_hand <= 0 AND sku IN (${skus.map(() => "?").join(",")}) AND location_id IN (${stores.map(() => "?").join(",")}) AND retail_week IN (${weeks.map(() => "?").join(",")})`,
    )
    .all(...skus, ...stores, ...weeks) as { sku: string; store: string; week: string }[];
  return new Set(rows.map((r) => `${r.sku}|${r.week}|${r.store}`));
}

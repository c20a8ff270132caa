import { createHash } from "node:crypto";
import { solveSpd } from "../../models/linalg.js";
import type { HistoryRow } from "./history.js";

/** A fitted effect with its standard error. */
export interface Estimate {
  mean: number;
  sd: number;
}

/**
 * Promotion effects of one category, fitted on the store's own weekly sales: log units relative to
 * a local promotion-free baseline = elasticity·log(price ratio) + feature + display; a dip after a
 * price cut; siblings promoted in the same subcategory take a share of the extra units. Each SKU's
 * elasticity, feature and display effects are shrunk towards the category's.
 */
export interface CategoryEffects {
  category: string;
  elasticityBySku: Record<string, Estimate>;
  categoryElasticity: Estimate;
  /** Log multipliers of the category, and per SKU (shrunk towards the category's). */
  feature: Estimate;
  display: Estimate;
  featureBySku?: Record<string, Estimate>;
  displayBySku?: Record<string, Estimate>;
  /** The week after a cut of depth d sells (1 − postPromoDip·d) of baseline. */
  postPromoDip: number;
  /** Share of a promoted sibling's extra units (relative) each other SKU loses. */
  cannibalisation: number;
  residualSd: number;
  promoRows: number;
  version: string;
}

/** Weeks either side whose clean sales make the local baseline (covers season and trend). */
const WINDOW = 6;
/** Largest SD of a SKU's elasticity around its category's: how far SKUs may differ. */
const SKU_PRIOR_SD = 0.4;
/**
 * Largest SD of a SKU's log feature and display effects around the category's. Brands differ in how
 * shoppers answer an ad or an end cap (the Frat fit spreads them ±0.1–0.2 across UPCs); a single
 * pooled effect forecast +400 for a feature + display of a SKU that truly lost money.
 */
const SKU_MEDIA_PRIOR_SD = 0.2;
/** Least spread between SKUs the empirical-Bayes step may conclude (never pool SKUs completely). */
const MIN_SKU_SPREAD = 0.05;

const ln = (u: number): number => Math.log(u + 0.5);

/** Median of `xs[0..n)`, sorted in place (the window's ≤ 12 values: an insertion sort, no allocation). */
function medianOf(xs: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const x = xs[i]!;
    let j = i - 1;
    for (; j >= 0 && xs[j]! > x; j--) xs[j + 1] = xs[j]!;
    xs[j + 1] = x;
  }
  const m = (n - 1) / 2;
  return ((xs[Math.floor(m)] ?? 0) + (xs[Math.ceil(m)] ?? 0)) / 2;
}

interface Obs extends HistoryRow {
  promo: boolean;
  post: number;
  resid: number | undefined;
}

const sameSeries = (a: HistoryRow, b: HistoryRow) =>
  a.sku === b.sku && a.market === b.market && a.series === b.series;

/**
 * Marks promoted and post-promotion weeks and computes each week's log residual to its local
 * baseline. It runs over every row of a category's history (a scale category: ~100,000), so the
 * window's values go through one scratch buffer rather than an array per row.
 */
function residuals(rows: readonly HistoryRow[]): Obs[] {
  const out: Obs[] = new Array(rows.length);
  const logUnits = new Float64Array(rows.length);
  const clean = new Uint8Array(rows.length);
  const near = new Float64Array(2 * WINDOW);
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && sameSeries(rows[end]!, rows[start]!)) end++;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const prev = i > start ? rows[i - 1]! : undefined;
      const promo = r.depth > 0 || r.feature || r.display;
      const post = !promo && prev && prev.depth > 0 ? prev.depth : 0;
      out[i] = {
        sku: r.sku,
        subcategory: r.subcategory,
        market: r.market,
        series: r.series,
        week: r.week,
        units: r.units,
        depth: r.depth,
        feature: r.feature,
        display: r.display,
        price: r.price,
        regularPrice: r.regularPrice,
        promo,
        post,
        resid: undefined,
      };
      logUnits[i] = ln(r.units);
      clean[i] = !promo && post === 0 ? 1 : 0;
    }
    for (let i = start; i < end; i++) {
      let n = 0;
      for (let j = Math.max(start, i - WINDOW); j <= Math.min(end - 1, i + WINDOW); j++)
        if (j !== i && clean[j]) near[n++] = logUnits[j]!;
      if (n >= 3) out[i]!.resid = logUnits[i]! - medianOf(near, n);
    }
    start = end;
  }
  return out;
}

/** Fits a category's effects from its weekly sales history. */
export function fitCategoryEffects(category: string, rows: readonly HistoryRow[]): CategoryEffects {
  const obs = residuals(rows);
  const promo = obs.filter((o) => o.promo && o.resid !== undefined);
  // Stage 1: pooled elasticity, feature and display (a whisker of ridge keeps a category with no displays solvable).
  const a = new Float64Array(9);
  const b = new Float64Array(3);
  for (const o of promo) {
    const x = [Math.log(1 - o.depth), o.feature ? 1 : 0, o.display ? 1 : 0];
    for (let i = 0; i < 3; i++) {
      b[i]! += x[i]! * o.resid!;
      for (let j = 0; j < 3; j++) a[i * 3 + j]! += x[i]! * x[j]!;
    }
  }
  for (let i = 0; i < 3; i++) a[i * 4]! += 1e-3;
  const beta = solveSpd(a, b, 3);
  const fitted = (o: Obs, e: number) =>
    e * Math.log(1 - o.depth) + (o.feature ? beta[1]! : 0) + (o.display ? beta[2]! : 0);
  const sse = promo.reduce((s, o) => s + (o.resid! - fitted(o, beta[0]!)) ** 2, 0);
  const sigma = Math.sqrt(sse / Math.max(1, promo.length - 3));
  // Stores of one market share each week's shocks: rows of a promoted week are not independent, and
  // counting them as such made every effect look ~2–3× more certain than it is, so SKU effects were
  // barely shrunk and the optimiser picked the ones the noise had flattered.
  const deff = designEffect(promo, (o) => o.resid! - fitted(o, beta[0]!));
  const inv = invert3(a);
  const se = (i: number) => sigma * Math.sqrt(deff * Math.max(0, inv[i * 4]!));
  const categoryElasticity = { mean: beta[0]!, sd: se(0) };

  // Stage 2: each SKU's elasticity, feature and display jointly, shrunk towards the category's. How
  // far SKUs truly differ is estimated from the data (empirical Bayes: spread of the lightly
  // regularised SKU fits less their noise), capped by the prior SDs, so noise is not read as a
  // difference between SKUs the optimiser then chases.
  const s2 = sigma * sigma * deff;
  const promoBySku = new Map<string, Obs[]>();
  for (const o of promo) {
    const of = promoBySku.get(o.sku);
    if (of) of.push(o);
    else promoBySku.set(o.sku, [o]);
  }
  const skuFit = (sku: string, priorVar: readonly number[]) => {
    const p = new Float64Array(9);
    const q = new Float64Array(3);
    for (const o of promoBySku.get(sku) ?? []) {
      const x = [Math.log(1 - o.depth), o.feature ? 1 : 0, o.display ? 1 : 0];
      const y = o.resid! - fitted(o, beta[0]!);
      for (let i = 0; i < 3; i++) {
        q[i]! += (x[i]! * y) / s2;
        for (let j = 0; j < 3; j++) p[i * 3 + j]! += (x[i]! * x[j]!) / s2;
      }
    }
    for (let i = 0; i < 3; i++) p[i * 4]! += 1 / priorVar[i]!;
    return { dev: solveSpd(p, q, 3), cov: invert3(p) };
  };
  const skus = [...new Set(rows.map((r) => r.sku))];
  const caps = [SKU_PRIOR_SD, SKU_MEDIA_PRIOR_SD, SKU_MEDIA_PRIOR_SD];
  const loose = skus.map((sku) =>
    skuFit(
      sku,
      caps.map((c) => (2 * c) ** 2),
    ),
  );
  const spread = caps.map((cap, i) => {
    const excess =
      loose.reduce((a, f) => a + f.dev[i]! ** 2 - f.cov[i * 4]!, 0) / Math.max(1, loose.length);
    return Math.min(cap ** 2, Math.max(MIN_SKU_SPREAD ** 2, excess));
  });
  const elasticityBySku: Record<string, Estimate> = {};
  const featureBySku: Record<string, Estimate> = {};
  const displayBySku: Record<string, Estimate> = {};
  for (const sku of skus) {
    const { dev, cov } = skuFit(
      sku,
      spread.map((v, i) => v + se(i) ** 2),
    );
    const est = (i: number, centre: number): Estimate => ({
      mean: centre + dev[i]!,
      sd: Math.sqrt(Math.max(0, cov[i * 4]!)),
    });
    elasticityBySku[sku] = est(0, beta[0]!);
    featureBySku[sku] = est(1, beta[1]!);
    displayBySku[sku] = est(2, beta[2]!);
  }

  // Post-promotion dip: residual = −k·depth in the week after a cut.
  let pdd = 0;
  let pdr = 0;
  for (const o of obs)
    if (o.post > 0 && o.resid !== undefined) {
      pdd += o.post * o.post;
      pdr += o.post * o.resid;
    }
  const postPromoDip = pdd > 0 ? Math.min(1, Math.max(0, -pdr / pdd)) : 0;

  const cannibalisation = fitCannibalisation(obs, elasticityBySku, beta[1]!, beta[2]!);
  const body = {
    category,
    elasticityBySku,
    categoryElasticity,
    feature: { mean: beta[1]!, sd: se(1) },
    display: { mean: beta[2]!, sd: se(2) },
    featureBySku,
    displayBySku,
    postPromoDip,
    cannibalisation,
    residualSd: sigma,
    promoRows: promo.length,
  };
  const version = `store-loglinear@${createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 12)}`;
  return { ...body, version };
}

/** Regresses clean weeks' residuals on the siblings' predicted extra sales (relative) at the same place and week. */
function fitCannibalisation(
  obs: Obs[],
  el: Record<string, Estimate>,
  f: number,
  d: number,
): number {
  const pressure = new Map<string, { sku: string; lift: number }[]>();
  for (const o of obs) {
    if (!o.promo) continue;
    const lift =
      Math.exp(
        (el[o.sku]?.mean ?? 0) * Math.log(1 - o.depth) + (o.feature ? f : 0) + (o.display ? d : 0),
      ) - 1;
    const k = `${o.market}|${o.series}|${o.week}|${o.subcategory}`;
    const at = pressure.get(k);
    if (at) at.push({ sku: o.sku, lift });
    else pressure.set(k, [{ sku: o.sku, lift }]);
  }
  let sss = 0;
  let ssr = 0;
  for (const o of obs) {
    if (o.promo || o.post > 0 || o.resid === undefined) continue;
    const p = (pressure.get(`${o.market}|${o.series}|${o.week}|${o.subcategory}`) ?? [])
      .filter((x) => x.sku !== o.sku)
      .reduce((s, x) => s + x.lift, 0);
    sss += p * p;
    ssr += p * o.resid;
  }
  return sss > 0 ? Math.min(0.5, Math.max(0, -ssr / sss)) : 0;
}

/**
 * Design effect 1 + (m − 1)·ρ of rows clustered by SKU × market × week (m stores a cluster), with
 * the intra-cluster correlation ρ of the fit's residuals from a one-way ANOVA (clipped to [0, 1]).
 */
export function designEffect<R extends { sku: string; market: string; week: string }>(
  rows: readonly R[],
  residual: (o: R) => number,
): number {
  const groups = new Map<string, number[]>();
  for (const o of rows) {
    const k = `${o.sku}|${o.market}|${o.week}`;
    const g = groups.get(k);
    if (g) g.push(residual(o));
    else groups.set(k, [residual(o)]);
  }
  const n = rows.length;
  const g = groups.size;
  if (g < 2 || n <= g) return 1;
  const all = [...groups.values()];
  const grand = all.flat().reduce((a, b) => a + b, 0) / n;
  let ssb = 0;
  let ssw = 0;
  for (const xs of all) {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    ssb += xs.length * (m - grand) ** 2;
    for (const x of xs) ssw += (x - m) ** 2;
  }
  const msb = ssb / (g - 1);
  const msw = ssw / (n - g);
  const m0 = (n - all.reduce((s, xs) => s + xs.length ** 2, 0) / n) / (g - 1);
  const rho = Math.min(1, Math.max(0, (msb - msw) / (msb + (m0 - 1) * msw)));
  return 1 + (n / g - 1) * rho;
}

/** Inverse of a symmetric 3×3 matrix (for standard errors). */
function invert3(m: Float64Array): Float64Array {
  const out = new Float64Array(9);
  for (let c = 0; c < 3; c++) {
    const e = new Float64Array(3);
    e[c] = 1;
    const col = solveSpd(m, e, 3);
    for (let r = 0; r < 3; r++) out[r * 3 + c] = col[r]!;
  }
  return out;
}

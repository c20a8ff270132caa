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
 * price cut; siblings promoted in the same subcategory take a share of the extra units.
 */
export interface CategoryEffects {
  category: string;
  elasticityBySku: Record<string, Estimate>;
  categoryElasticity: Estimate;
  /** Log multipliers. */
  feature: Estimate;
  display: Estimate;
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
/** Prior SD of a SKU's elasticity around its category's: how far SKUs may differ. */
const SKU_PRIOR_SD = 0.4;

const ln = (u: number): number => Math.log(u + 0.5);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return ((s[Math.floor(m)] ?? 0) + (s[Math.ceil(m)] ?? 0)) / 2;
};

interface Obs extends HistoryRow {
  promo: boolean;
  post: number;
  resid: number | undefined;
}

/** Marks promoted and post-promotion weeks and computes each week's log residual to its local baseline. */
function residuals(rows: readonly HistoryRow[]): Obs[] {
  const out: Obs[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start;
    const key = (r: HistoryRow) => `${r.sku}|${r.market}|${r.series}`;
    while (end < rows.length && key(rows[end]!) === key(rows[start]!)) end++;
    const s = rows.slice(start, end).map((r, i, a): Obs => {
      const prev = a[i - 1];
      const promo = r.depth > 0 || r.feature || r.display;
      return { ...r, promo, post: !promo && prev && prev.depth > 0 ? prev.depth : 0, resid: undefined };
    });
    const clean = s.map((o) => !o.promo && o.post === 0);
    s.forEach((o, i) => {
      const near: number[] = [];
      for (let j = Math.max(0, i - WINDOW); j <= Math.min(s.length - 1, i + WINDOW); j++) if (j !== i && clean[j]) near.push(ln(s[j]!.units));
      if (near.length >= 3) o.resid = ln(o.units) - median(near);
    });
    out.push(...s);
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
  const fitted = (o: Obs, e: number) => e * Math.log(1 - o.depth) + (o.feature ? beta[1]! : 0) + (o.display ? beta[2]! : 0);
  const sse = promo.reduce((s, o) => s + (o.resid! - fitted(o, beta[0]!)) ** 2, 0);
  const sigma = Math.sqrt(sse / Math.max(1, promo.length - 3));
  const inv = invert3(a);
  const se = (i: number) => sigma * Math.sqrt(Math.max(0, inv[i * 4]!));
  const categoryElasticity = { mean: beta[0]!, sd: se(0) };

  // Stage 2: each SKU's elasticity, shrunk towards the category's.
  const elasticityBySku: Record<string, Estimate> = {};
  for (const sku of [...new Set(rows.map((r) => r.sku))]) {
    let sxx = 0;
    let sxy = 0;
    for (const o of promo) {
      if (o.sku !== sku || o.depth === 0) continue;
      const x = Math.log(1 - o.depth);
      sxx += x * x;
      sxy += x * (o.resid! - fitted(o, 0));
    }
    const dataPrec = sxx / (sigma * sigma);
    const priorPrec = 1 / (SKU_PRIOR_SD ** 2 + categoryElasticity.sd ** 2);
    const mean = dataPrec > 0 ? (sxy / (sigma * sigma) + categoryElasticity.mean * priorPrec) / (dataPrec + priorPrec) : categoryElasticity.mean;
    elasticityBySku[sku] = { mean, sd: Math.sqrt(1 / (dataPrec + priorPrec)) };
  }

  // Post-promotion dip: residual = −k·depth in the week after a cut.
  let pdd = 0;
  let pdr = 0;
  for (const o of obs) if (o.post > 0 && o.resid !== undefined) { pdd += o.post * o.post; pdr += o.post * o.resid; }
  const postPromoDip = pdd > 0 ? Math.min(1, Math.max(0, -pdr / pdd)) : 0;

  const cannibalisation = fitCannibalisation(obs, elasticityBySku, beta[1]!, beta[2]!);
  const body = { category, elasticityBySku, categoryElasticity, feature: { mean: beta[1]!, sd: se(1) }, display: { mean: beta[2]!, sd: se(2) }, postPromoDip, cannibalisation, residualSd: sigma, promoRows: promo.length };
  const version = `store-loglinear@${createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 12)}`;
  return { ...body, version };
}

/** Regresses clean weeks' residuals on the siblings' predicted extra sales (relative) at the same place and week. */
function fitCannibalisation(obs: Obs[], el: Record<string, Estimate>, f: number, d: number): number {
  const pressure = new Map<string, { sku: string; lift: number }[]>();
  for (const o of obs) {
    if (!o.promo) continue;
    const lift = Math.exp((el[o.sku]?.mean ?? 0) * Math.log(1 - o.depth) + (o.feature ? f : 0) + (o.display ? d : 0)) - 1;
    const k = `${o.market}|${o.series}|${o.week}|${o.subcategory}`;
    pressure.set(k, [...(pressure.get(k) ?? []), { sku: o.sku, lift }]);
  }
  let sss = 0;
  let ssr = 0;
  for (const o of obs) {
    if (o.promo || o.post > 0 || o.resid === undefined) continue;
    const p = (pressure.get(`${o.market}|${o.series}|${o.week}|${o.subcategory}`) ?? []).filter((x) => x.sku !== o.sku).reduce((s, x) => s + x.lift, 0);
    sss += p * p;
    ssr += p * o.resid;
  }
  return sss > 0 ? Math.min(0.5, Math.max(0, -ssr / sss)) : 0;
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

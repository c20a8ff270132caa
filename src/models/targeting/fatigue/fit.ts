import { z } from "zod";
import { normalUpperQuantile } from "../../../tools/forecast/normal.js";
import { solveSpd } from "../../linalg.js";
import type { ContactRow } from "./load.js";

/** Recency buckets: days since the household's previous campaign began (reference: none in 84 days). */
export const RECENCY_BUCKETS = ["0-14 d", "15-35 d", "36-84 d"] as const;
/** Frequency buckets: campaigns begun in the 84 days before (reference: none). */
export const FREQUENCY_BUCKETS = ["1", "2", "3+"] as const;
const WINDOW = 84;

const effectSchema = z.object({
  bucket: z.string(),
  contacts: z.number().int(),
  /** Raw redemption rate of contacts in the bucket. */
  rate: z.number(),
  /** Within-household, within-campaign difference from the reference bucket, with its interval. */
  effect: z.number(),
  lo: z.number(),
  hi: z.number(),
});

/** What the contact history says about fatigue and timing. */
export const fatigueReportSchema = z.object({
  contacts: z.number().int(),
  households: z.number().int(),
  campaigns: z.number().int(),
  level: z.number(),
  reference: z.object({
    recency: z.object({ contacts: z.number().int(), rate: z.number() }),
    frequency: z.object({ contacts: z.number().int(), rate: z.number() }),
  }),
  recency: z.array(effectSchema),
  frequency: z.array(effectSchema),
  /** Share of first redemptions in week 1, 2, … after the campaign began (last bucket: that week or later). */
  redemptionWeek: z.array(z.object({ week: z.string(), share: z.number() })),
  /** Within effect of one more campaign in the 84 days before (a linear dose). */
  perContact: z.object({ effect: z.number(), lo: z.number(), hi: z.number() }),
  /** Shortest gap between two contacts not below the reference with confidence (0: no gap shown to hurt). */
  minGapDays: z.number().int(),
});
export type FatigueReport = z.infer<typeof fatigueReportSchema>;

interface Prepared {
  recency: Int8Array;
  frequency: Int8Array;
  /** Campaigns begun in the 84 days before. */
  count: Int32Array;
}

/** Each contact's recency and frequency bucket (−1 = reference), from the household's earlier contacts. */
function buckets(rows: readonly ContactRow[]): Prepared {
  const byHousehold = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const list = byHousehold.get(r.household);
    if (list) list.push(i);
    else byHousehold.set(r.household, [i]);
  });
  const recency = new Int8Array(rows.length).fill(-1);
  const frequency = new Int8Array(rows.length).fill(-1);
  const count = new Int32Array(rows.length);
  for (const ix of byHousehold.values()) {
    for (const i of ix) {
      const earlier = ix
        .map((j) => rows[i]!.day - rows[j]!.day)
        .filter((g) => g > 0 && g <= WINDOW);
      if (earlier.length === 0) continue;
      const gap = Math.min(...earlier);
      recency[i] = gap <= 14 ? 0 : gap <= 35 ? 1 : 2;
      frequency[i] = Math.min(earlier.length, 3) - 1;
      count[i] = earlier.length;
    }
  }
  return { recency, frequency, count };
}

/** Subtract household and campaign means until stable (two-way fixed effects by alternating projections). */
function demean(
  v: Float64Array,
  groups: readonly Int32Array[],
  sizes: readonly number[],
): Float64Array {
  const out = Float64Array.from(v);
  for (let it = 0; it < 50; it++) {
    let moved = 0;
    groups.forEach((g, k) => {
      const sum = new Float64Array(sizes[k]!);
      const n = new Float64Array(sizes[k]!);
      for (let i = 0; i < out.length; i++) {
        sum[g[i]!]! += out[i]!;
        n[g[i]!]!++;
      }
      for (let i = 0; i < out.length; i++) {
        const m = sum[g[i]!]! / n[g[i]!]!;
        out[i]! -= m;
        moved = Math.max(moved, Math.abs(m));
      }
    });
    if (moved < 1e-10) break;
  }
  return out;
}

/** Linear probability model with household and campaign fixed effects; SEs clustered by household. */
function withinEffects(
  rows: readonly ContactRow[],
  regressors: readonly Float64Array[],
  level: number,
): { effect: number; lo: number; hi: number }[] {
  const k = regressors.length;
  const ids = (key: (r: ContactRow) => string): [Int32Array, number] => {
    const m = new Map<string, number>();
    const g = Int32Array.from(rows, (r) => m.get(key(r)) ?? (m.set(key(r), m.size), m.size - 1));
    return [g, m.size];
  };
  const [hh, nh] = ids((r) => r.household);
  const [cp, nc] = ids((r) => r.campaign);
  const groups = [hh, cp];
  const y = demean(
    Float64Array.from(rows, (r) => (r.redeemed ? 1 : 0)),
    groups,
    [nh, nc],
  );
  const x = regressors.map((r) => demean(r, groups, [nh, nc]));
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    for (let i = 0; i < rows.length; i++) xty[a]! += x[a]![i]! * y[i]!;
    for (let b = 0; b < k; b++)
      for (let i = 0; i < rows.length; i++) xtx[a * k + b]! += x[a]![i]! * x[b]![i]!;
  }
  const beta = solveSpd(xtx, xty, k);
  // Cluster-robust "meat": Σ_h s_h s_hᵀ with s_h = Σ_{i in h} x_i e_i.
  const score = new Float64Array(nh * k);
  for (let i = 0; i < rows.length; i++) {
    let e = y[i]!;
    for (let a = 0; a < k; a++) e -= x[a]![i]! * beta[a]!;
    for (let a = 0; a < k; a++) score[hh[i]! * k + a]! += x[a]![i]! * e;
  }
  const meat = new Float64Array(k * k);
  for (let h = 0; h < nh; h++)
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) meat[a * k + b]! += score[h * k + a]! * score[h * k + b]!;
  const z = normalUpperQuantile((1 - level) / 2);
  return Array.from({ length: k }, (_, a) => {
    const unit = new Float64Array(k);
    unit[a] = 1;
    const col = solveSpd(xtx, unit, k);
    const inv = Array.from({ length: k }, (_, b) => col[b]!);
    let v = 0;
    for (let p = 0; p < k; p++)
      for (let q = 0; q < k; q++) v += inv[p]! * meat[p * k + q]! * inv[q]!;
    const se = Math.sqrt(Math.max(v, 0));
    return { effect: beta[a]!, lo: beta[a]! - z * se, hi: beta[a]! + z * se };
  });
}

/**
 * Fatigue and timing from a contact history: redemption as a function of how recently and how
 * often the household was contacted before, within household and within campaign (two-way fixed
 * effects, so busy households and generous campaigns do not pose as fatigue), and when after a
 * campaign begins its redemptions come.
 */
export function fitFatigue(rows: readonly ContactRow[], level = 0.9): FatigueReport {
  const b = buckets(rows);
  const rate = (sel: (i: number) => boolean) => {
    let n = 0;
    let s = 0;
    rows.forEach((r, i) => {
      if (!sel(i)) return;
      n++;
      s += r.redeemed ? 1 : 0;
    });
    return { contacts: n, rate: n ? s / n : 0 };
  };
  const dummies = (bk: Int8Array, k: number) =>
    Array.from({ length: k }, (_, j) => Float64Array.from(bk, (v) => (v === j ? 1 : 0)));
  const table = (bk: Int8Array, names: readonly string[]) => {
    const eff = withinEffects(rows, dummies(bk, names.length), level);
    return names.map((bucket, j) => ({ bucket, ...rate((i) => bk[i] === j), ...eff[j]! }));
  };
  const recency = table(b.recency, RECENCY_BUCKETS);
  const weeks = [0, 0, 0, 0, 0, 0];
  let redeemers = 0;
  for (const r of rows) {
    if (r.redeemedAfter === null) continue;
    weeks[Math.min(5, Math.floor(r.redeemedAfter / 7))]!++;
    redeemers++;
  }
  // A gap is too short when its bucket is below the reference with confidence (interval below 0).
  const gapEnds = [14, 35, 84];
  const tooShort = recency.map((x) => x.hi < 0).lastIndexOf(true);
  const [perContact] = withinEffects(rows, [Float64Array.from(b.count)], level);
  return {
    contacts: rows.length,
    households: new Set(rows.map((r) => r.household)).size,
    campaigns: new Set(rows.map((r) => r.campaign)).size,
    level,
    reference: {
      recency: rate((i) => b.recency[i] === -1),
      frequency: rate((i) => b.frequency[i] === -1),
    },
    recency,
    frequency: table(b.frequency, FREQUENCY_BUCKETS),
    redemptionWeek: weeks.map((n, w) => ({
      week: w === 5 ? "6+" : String(w + 1),
      share: redeemers ? n / redeemers : 0,
    })),
    perContact: perContact!,
    minGapDays: tooShort < 0 ? 0 : gapEnds[tooShort]! + 1,
  };
}

import { z } from "zod";
import { quantile } from "./stats.js";

/** Volume tiers (baseline units) whose log residuals spread differently: small counts are noisier. */
const TIER_EDGES = [3, 8, 20, 60];
const MIN_BUCKET = 150;

/** Residual distribution of log units in one bucket. */
export const residualBucketSchema = z.object({
  promoted: z.boolean(),
  tier: z.number().int().describe("baseline-volume tier, 0 = smallest"),
  n: z.number().int(),
  q10: z.number().describe("10 % quantile of log(actual) − log(predicted)"),
  q50: z.number(),
  q90: z.number(),
  smear: z.number().describe("mean of exp(residual): Duan's smearing factor for the mean"),
});
export type ResidualBucket = z.infer<typeof residualBucketSchema>;

function tierOf(baseUnits: number): number {
  let k = 0;
  while (k < TIER_EDGES.length && baseUnits >= TIER_EDGES[k]!) k++;
  return k;
}

function summarise(promoted: boolean, tier: number, r: number[]): ResidualBucket {
  let smear = 0;
  for (const v of r) smear += Math.exp(v);
  return {
    promoted,
    tier,
    n: r.length,
    q10: quantile(r, 0.1),
    q50: quantile(r, 0.5),
    q90: quantile(r, 0.9),
    smear: smear / Math.max(1, r.length),
  };
}

/**
 * Log-residual quantiles by promotion status × baseline-volume tier, learned on weeks the model did
 * not see (held-out tail of the training period). Gives 80 % intervals and retransformation factors.
 */
export class ResidualCalibration {
  private constructor(
    readonly buckets: ResidualBucket[],
    /** Correlation of log residuals between stores selling the same UPC in the same week. */
    readonly storeCorrelation: number,
  ) {}

  /**
   * Build from held-out residuals; thin buckets borrow the residuals of their whole promo group.
   * `group` (same UPC and week) measures how much store errors move together, which widens
   * intervals on totals over stores.
   */
  static fromResiduals(
    resid: ArrayLike<number>,
    baseUnits: ArrayLike<number>,
    promoted: ArrayLike<number>,
    group?: ArrayLike<number>,
  ): ResidualCalibration {
    const groups = new Map<string, number[]>();
    const all: [number[], number[]] = [[], []];
    for (let i = 0; i < resid.length; i++) {
      const p = promoted[i] ? 1 : 0;
      const key = `${p}:${tierOf(baseUnits[i]!)}`;
      const g = groups.get(key) ?? [];
      g.push(resid[i]!);
      groups.set(key, g);
      all[p]!.push(resid[i]!);
    }
    const buckets: ResidualBucket[] = [];
    for (const p of [0, 1]) {
      for (let tier = 0; tier <= TIER_EDGES.length; tier++) {
        const own = groups.get(`${p}:${tier}`) ?? [];
        const use = own.length >= MIN_BUCKET ? own : all[p]!.length > 0 ? all[p]! : [0];
        buckets.push(summarise(p === 1, tier, use));
      }
    }
    return new ResidualCalibration(buckets, group ? pairwiseCorrelation(resid, group) : 0);
  }

  /** Rebuild from stored buckets. */
  static fromBuckets(buckets: ResidualBucket[], storeCorrelation = 0): ResidualCalibration {
    return new ResidualCalibration(
      buckets.map((b) => residualBucketSchema.parse(b)),
      storeCorrelation,
    );
  }

  /** The bucket for a row with this baseline volume and promotion status. */
  bucket(baseUnits: number, promoted: boolean): ResidualBucket {
    return this.buckets[(promoted ? 1 : 0) * (TIER_EDGES.length + 1) + tierOf(baseUnits)]!;
  }
}

/** Average within-group pairwise correlation: Σ_g Σ_{i≠j} r_i r_j / Σ_g (n_g − 1) Σ_i r_i², r centred. */
function pairwiseCorrelation(resid: ArrayLike<number>, group: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < resid.length; i++) mean += resid[i]!;
  mean /= Math.max(1, resid.length);
  const sums = new Map<number, { s: number; ss: number; n: number }>();
  for (let i = 0; i < resid.length; i++) {
    const r = resid[i]! - mean;
    const g = sums.get(group[i]!) ?? { s: 0, ss: 0, n: 0 };
    g.s += r;
    g.ss += r * r;
    g.n += 1;
    sums.set(group[i]!, g);
  }
  let num = 0;
  let den = 0;
  for (const g of sums.values()) {
    num += g.s * g.s - g.ss;
    den += (g.n - 1) * g.ss;
  }
  return den > 0 ? Math.max(0, Math.min(1, num / den)) : 0;
}

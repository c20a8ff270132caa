import { z } from "zod";
import type { Design } from "./glm.js";

/**
 * A small histogram gradient-boosted tree learner (logistic or squared loss, Newton leaf values,
 * L2 on leaves). Hand-rolled because no well-kept pure-JS boosting library fits: the mljs CART and
 * random forest scan exact split points (too slow for tens of thousands of rows per CV fold) and
 * the xgboost ports ship compiled binaries. Columns are the standardised design columns (column 0,
 * the intercept, is skipped), binned once per fit at training quantiles.
 */
export const gbdtParamsSchema = z.object({
  trees: z.number().int().positive().max(2000),
  depth: z.number().int().min(1).max(6),
  rate: z.number().gt(0).max(1),
  /** L2 penalty on leaf values, in units of summed hessian. */
  l2: z.number().nonnegative().default(1),
  /** Smallest summed hessian (≈ p(1−p)·rows for logistic) a child may hold, so leaves are not a handful of shoppers. */
  minChildWeight: z.number().nonnegative().default(20),
  bins: z.number().int().min(2).max(255).default(32),
  /**
   * Early stopping: this share of the rows (every k-th) is held out of the fit; trees are added
   * until the held-out loss has not improved for `patience` trees, then cut back to its best.
   * 0 fits all `trees` on all rows.
   */
  validationShare: z.number().min(0).max(0.5).default(0),
  patience: z.number().int().positive().default(20),
});
export type GbdtParams = z.infer<typeof gbdtParamsSchema>;
export type GbdtParamsInput = z.input<typeof gbdtParamsSchema>;

/** Flat tree: node k splits on column feature[k] at `x <= threshold[k]` (left) or is a leaf (feature −1) with `value[k]`. */
export const treeSchema = z.object({
  feature: z.array(z.number().int()),
  threshold: z.array(z.number()),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(z.number()),
});
export type Tree = z.infer<typeof treeSchema>;

/** A fitted ensemble: prediction = base + Σ tree values (then the inverse link). */
export const ensembleSchema = z.object({
  loss: z.enum(["logistic", "squared"]),
  base: z.number(),
  trees: z.array(treeSchema),
});
export type Ensemble = z.infer<typeof ensembleSchema>;

/** Bin edges per design column from the rows idx: up to `bins` quantile cut points between distinct values. */
function binEdges(d: Design, idx: ArrayLike<number>, bins: number): number[][] {
  const edges: number[][] = [[]];
  const v = new Float64Array(idx.length);
  for (let j = 1; j < d.p; j++) {
    for (let k = 0; k < idx.length; k++) v[k] = d.x[idx[k]! * d.p + j]!;
    const sorted = Float64Array.from(v).sort();
    const cuts: number[] = [];
    for (let b = 1; b < bins; b++) {
      const q = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins))]!;
      // Cut midway below the quantile value so equal values stay in one bin.
      const below = lowerNeighbour(sorted, q);
      if (below === undefined) continue;
      const cut = (below + q) / 2;
      if (cuts.length === 0 || cut > cuts[cuts.length - 1]!) cuts.push(cut);
    }
    edges.push(cuts);
  }
  return edges;
}

/** Largest value in a sorted array strictly below q. */
function lowerNeighbour(sorted: Float64Array, q: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < q) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : undefined;
}

function binOf(cuts: readonly number[], x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Every k-th row of idx (k = 1/share) to validation, the rest to fitting. */
function holdOut(idx: ArrayLike<number>, share: number): { fit: Int32Array; valid: Int32Array } {
  if (share <= 0) return { fit: Int32Array.from(idx), valid: new Int32Array(0) };
  const k = Math.max(2, Math.round(1 / share));
  const all = Int32Array.from(idx);
  return {
    fit: all.filter((_, j) => j % k !== k - 1),
    valid: all.filter((_, j) => j % k === k - 1),
  };
}

/** Value of the leaf a design row falls in. */
function treeValue(t: Tree, d: Design, i: number): number {
  let k = 0;
  const o = i * d.p;
  while (t.feature[k]! >= 0 && t.left[k]! >= 0)
    k = d.x[o + t.feature[k]!]! <= t.threshold[k]! ? t.left[k]! : t.right[k]!;
  return t.value[k]!;
}

/** Mean loss (log-loss or squared error) of raw scores f on rows rows. */
function meanLoss(
  f: Float64Array,
  rows: Int32Array,
  y: ArrayLike<number>,
  loss: Ensemble["loss"],
): number {
  let s = 0;
  rows.forEach((i, k) => {
    const yi = y[i]!;
    if (loss === "squared") s += (f[k]! - yi) ** 2;
    else s += Math.log1p(Math.exp(-Math.abs(f[k]!))) + Math.max(f[k]!, 0) - yi * f[k]!;
  });
  return s / Math.max(rows.length, 1);
}

/**
 * Fit a boosted ensemble on rows idx of a design, for outcome y (0/1 for logistic); with a
 * validation share, the number of trees is chosen on the held-out rows (early stopping).
 */
export function fitGbdt(
  d: Design,
  idx: ArrayLike<number>,
  y: ArrayLike<number>,
  loss: Ensemble["loss"],
  input: GbdtParamsInput,
): Ensemble {
  const prm = gbdtParamsSchema.parse(input);
  const split = holdOut(idx, prm.validationShare);
  return fitTrees(d, split.fit, y, loss, prm, split.valid);
}

function fitTrees(
  d: Design,
  idx: Int32Array,
  y: ArrayLike<number>,
  loss: Ensemble["loss"],
  prm: GbdtParams,
  valid: Int32Array,
): Ensemble {
  const n = idx.length;
  const cols = d.p - 1;
  const edges = binEdges(d, idx, prm.bins);
  const binned = new Uint8Array(n * cols);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < cols; j++)
      binned[k * cols + j] = binOf(edges[j + 1]!, d.x[idx[k]! * d.p + j + 1]!);
  let ybar = 0;
  for (let k = 0; k < n; k++) ybar += y[idx[k]!]!;
  ybar /= Math.max(n, 1);
  const base =
    loss === "logistic"
      ? Math.log(
          Math.min(Math.max(ybar, 1e-4), 1 - 1e-4) / (1 - Math.min(Math.max(ybar, 1e-4), 1 - 1e-4)),
        )
      : ybar;
  const f = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: Tree[] = [];
  const nodeOf = new Int32Array(n);
  const fv = new Float64Array(valid.length).fill(base);
  let best = { loss: valid.length ? meanLoss(fv, valid, y, loss) : 0, trees: 0 };
  for (let m = 0; m < prm.trees; m++) {
    for (let k = 0; k < n; k++) {
      const yk = y[idx[k]!]!;
      if (loss === "logistic") {
        const p = 1 / (1 + Math.exp(-f[k]!));
        g[k] = p - yk;
        h[k] = Math.max(p * (1 - p), 1e-6);
      } else {
        g[k] = f[k]! - yk;
        h[k] = 1;
      }
    }
    const tree = growTree(binned, cols, edges, g, h, nodeOf, prm);
    for (let k = 0; k < n; k++) f[k]! += tree.value[nodeOf[k]!]!;
    trees.push(tree);
    if (!valid.length) continue;
    valid.forEach((i, k) => (fv[k]! += treeValue(tree, d, i)));
    const l = meanLoss(fv, valid, y, loss);
    if (l < best.loss - 1e-12) best = { loss: l, trees: trees.length };
    else if (trees.length - best.trees >= prm.patience) break;
  }
  return { loss, base, trees: valid.length ? trees.slice(0, best.trees) : trees };
}

/** Grow one depth-limited tree level by level; leaf values already carry the learning rate. */
function growTree(
  binned: Uint8Array,
  cols: number,
  edges: number[][],
  g: Float64Array,
  h: Float64Array,
  nodeOf: Int32Array,
  prm: GbdtParams,
): Tree {
  const n = g.length;
  const t: Tree = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [0] };
  nodeOf.fill(0);
  let frontier = [0];
  // Split node → last bin sent left, so training rows are routed on their bins, not re-compared.
  const splitBin = new Map<number, number>();
  const leafValue = (G: number, H: number): number => (-G / (H + prm.l2)) * prm.rate;
  const score = (G: number, H: number): number => (G * G) / (H + prm.l2);
  for (let depth = 0; depth <= prm.depth && frontier.length; depth++) {
    const slot = new Int32Array(t.feature.length).fill(-1);
    frontier.forEach((node, s) => (slot[node] = s));
    const B = prm.bins;
    const hg = new Float64Array(frontier.length * cols * B);
    const hh = new Float64Array(frontier.length * cols * B);
    const gTot = new Float64Array(frontier.length);
    const hTot = new Float64Array(frontier.length);
    // The last level only needs each leaf's totals, not its histograms.
    const last = depth === prm.depth;
    for (let k = 0; k < n; k++) {
      const s = slot[nodeOf[k]!]!;
      if (s < 0) continue;
      gTot[s]! += g[k]!;
      hTot[s]! += h[k]!;
      if (last) continue;
      const o = s * cols * B;
      for (let j = 0; j < cols; j++) {
        const b = o + j * B + binned[k * cols + j]!;
        hg[b]! += g[k]!;
        hh[b]! += h[k]!;
      }
    }
    const next: number[] = [];
    frontier.forEach((node, s) => {
      t.value[node] = leafValue(gTot[s]!, hTot[s]!);
      if (depth === prm.depth) return;
      let best = 0;
      let bestJ = -1;
      let bestB = -1;
      const parent = score(gTot[s]!, hTot[s]!);
      for (let j = 0; j < cols; j++) {
        const nb = edges[j + 1]!.length; // bins 0..nb; split after bin b puts bins ≤ b left
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < nb; b++) {
          gl += hg[s * cols * B + j * B + b]!;
          hl += hh[s * cols * B + j * B + b]!;
          const hr = hTot[s]! - hl;
          if (hl < prm.minChildWeight || hr < prm.minChildWeight) continue;
          const gain = score(gl, hl) + score(gTot[s]! - gl, hr) - parent;
          if (gain > best) [best, bestJ, bestB] = [gain, j, b];
        }
      }
      if (bestJ < 0) return;
      const l = t.feature.length;
      t.feature.push(-1, -1);
      t.threshold.push(0, 0);
      t.left.push(-1, -1);
      t.right.push(-1, -1);
      t.value.push(0, 0);
      splitBin.set(node, bestB);
      t.feature[node] = bestJ + 1;
      t.threshold[node] = edges[bestJ + 1]![bestB]!;
      t.left[node] = l;
      t.right[node] = l + 1;
      next.push(l, l + 1);
    });
    if (next.length === 0) break;
    for (let k = 0; k < n; k++) {
      const node = nodeOf[k]!;
      const j = t.feature[node]!;
      if (j < 0 || t.left[node]! < 0) continue;
      nodeOf[k] = binned[k * cols + j - 1]! <= splitBin.get(node)! ? t.left[node]! : t.right[node]!;
    }
    frontier = next;
  }
  return t;
}

/** Raw score (log-odds or mean) of row i of a design. */
export function ensembleMargin(e: Ensemble, d: Design, i: number): number {
  let s = e.base;
  for (const t of e.trees) s += treeValue(t, d, i);
  return s;
}

/** Prediction on the outcome scale (probability for logistic). */
export function predictEnsemble(e: Ensemble, d: Design, i: number): number {
  const m = ensembleMargin(e, d, i);
  return e.loss === "logistic" ? 1 / (1 + Math.exp(-m)) : m;
}

import { solveSpd } from "../linalg.js";

/** Shape of the pooling hierarchy: global → category → UPC. */
export interface Hierarchy {
  nFeatures: number;
  upcFeatures: readonly number[];
  upcCategory: Int32Array;
  nCategories: number;
}

/** Penalties in "rows": a deviation is shrunk as if this many rows said it was zero. */
export interface RidgePenalties {
  global: number;
  category: number;
  upc: number;
}

/** Solved coefficients: effective per-UPC vector = global + category + UPC deviation. */
export interface HierarchicalCoefficients {
  global: Float64Array;
  category: Float64Array[];
  upc: Float64Array[];
}

/**
 * Sufficient statistics of a weighted least-squares fit, kept per UPC (Σ w x xᵀ, Σ w x y).
 * Because every UPC sits in one category, the whole hierarchical normal system is assembled from
 * these, so learning online is "decay, add the week, re-solve" — exponentially-weighted Bayesian ridge.
 */
export class HierarchicalRidge {
  private readonly xx: Float64Array[];
  private readonly xy: Float64Array[];
  private readonly wsum: Float64Array;
  private rows = 0;

  constructor(private readonly h: Hierarchy) {
    const k = h.nFeatures;
    const nUpc = h.upcCategory.length;
    this.xx = Array.from({ length: nUpc }, () => new Float64Array(k * k));
    this.xy = Array.from({ length: nUpc }, () => new Float64Array(k));
    this.wsum = new Float64Array(nUpc);
  }

  /** Add one row (features x, target y, weight w) of UPC `u`. */
  add(u: number, x: Float64Array, y: number, w: number): void {
    const k = this.h.nFeatures;
    const m = this.xx[u]!;
    const v = this.xy[u]!;
    for (let i = 0; i < k; i++) {
      const wx = w * x[i]!;
      if (wx === 0) continue;
      v[i] = v[i]! + wx * y;
      const r = i * k;
      for (let j = 0; j <= i; j++) m[r + j] = m[r + j]! + wx * x[j]!;
    }
    this.wsum[u] = this.wsum[u]! + w;
    this.rows += 1;
  }

  /** Multiply all evidence by `factor` (forgetting: older weeks count less). */
  decay(factor: number): void {
    for (let u = 0; u < this.xx.length; u++) {
      this.xx[u]!.forEach((v, i, a) => (a[i] = v * factor));
      this.xy[u]!.forEach((v, i, a) => (a[i] = v * factor));
      this.wsum[u] = this.wsum[u]! * factor;
    }
    this.rows *= factor;
  }

  /** Solve the penalised normal equations for the global, category and UPC blocks. */
  solve(pen: RidgePenalties): HierarchicalCoefficients {
    const { nFeatures: k, upcFeatures, upcCategory, nCategories } = this.h;
    const ku = upcFeatures.length;
    const nUpc = upcCategory.length;
    const P = k + nCategories * k + nUpc * ku;
    const A = new Float64Array(P * P);
    const b = new Float64Array(P);
    const sq = new Float64Array(k);
    let wTot = 0;
    const add = (r: number, c: number, v: number): void => {
      A[r * P + c] = A[r * P + c]! + v;
      if (r !== c) A[c * P + r] = A[c * P + r]! + v;
    };
    for (let u = 0; u < nUpc; u++) {
      const m = this.xx[u]!;
      const v = this.xy[u]!;
      const cOff = k + upcCategory[u]! * k;
      const uOff = k + nCategories * k + u * ku;
      const full = (i: number, j: number): number => (i >= j ? m[i * k + j]! : m[j * k + i]!);
      wTot += this.wsum[u]!;
      for (let i = 0; i < k; i++) {
        sq[i] = sq[i]! + m[i * k + i]!;
        b[i] = b[i]! + v[i]!;
        b[cOff + i] = b[cOff + i]! + v[i]!;
        for (let j = 0; j <= i; j++) {
          const s = m[i * k + j]!;
          add(i, j, s);
          add(cOff + i, cOff + j, s);
          add(cOff + i, j, s);
          if (i !== j) add(cOff + j, i, s);
        }
      }
      upcFeatures.forEach((fi, a) => {
        b[uOff + a] = b[uOff + a]! + v[fi]!;
        for (let j = 0; j < k; j++) {
          add(uOff + a, j, full(fi, j));
          add(uOff + a, cOff + j, full(fi, j));
        }
        for (let c = 0; c <= a; c++) add(uOff + a, uOff + c, full(fi, upcFeatures[c]!));
      });
    }
    // Scale-free ridge: a penalty of n "rows" is n × mean row weight × the feature's weighted mean
    // square, so neither feature units nor the weighting scheme change what n means.
    const rowW = wTot / Math.max(1e-9, this.rows);
    const ms = (i: number): number => rowW * Math.max(1e-6, sq[i]! / Math.max(1e-9, wTot));
    for (let i = 0; i < k; i++) {
      A[i * P + i] = A[i * P + i]! + pen.global * ms(i) + 1e-9;
      for (let c = 0; c < nCategories; c++) {
        const d = k + c * k + i;
        A[d * P + d] = A[d * P + d]! + pen.category * ms(i) + 1e-9;
      }
    }
    for (let u = 0; u < nUpc; u++) {
      upcFeatures.forEach((fi, a) => {
        const d = k + nCategories * k + u * ku + a;
        A[d * P + d] = A[d * P + d]! + pen.upc * ms(fi) + 1e-9;
      });
    }
    const x = solveSpd(A, b, P);
    return {
      global: x.slice(0, k),
      category: Array.from({ length: nCategories }, (_, c) => x.slice(k + c * k, k + (c + 1) * k)),
      upc: Array.from({ length: nUpc }, (_, u) => {
        const full = new Float64Array(k);
        upcFeatures.forEach((fi, a) => (full[fi] = x[k + nCategories * k + u * ku + a]!));
        return full;
      }),
    };
  }
}

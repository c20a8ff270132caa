/**
 * Uplift ranking metrics, defined exactly as scikit-uplift (sklift.metrics): `qini_curve`,
 * `perfect_qini_curve` (negative_effect=True), `qini_auc_score` and `uplift_at_k` (strategy
 * "overall"). Treatment is 1 for treated, 0 for control; outcomes may be binary or continuous.
 */

/** Indices by score descending; ties in reverse input order, as numpy's stable argsort reversed. */
export function descendingOrder(score: ArrayLike<number>): Int32Array {
  const idx = Int32Array.from({ length: score.length }, (_, i) => i);
  return idx.sort((a, b) => score[b]! - score[a]! || b - a);
}

/** Qini curve points (x = customers targeted, y = incremental outcome); one point per distinct score, starting at (0, 0). */
export function qiniCurve(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  t: ArrayLike<number>,
): { x: number[]; y: number[] } {
  const order = descendingOrder(score);
  const xs: number[] = [];
  const ys: number[] = [];
  let nT = 0;
  let yT = 0;
  let yC = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (t[i] === 1) {
      nT++;
      yT += y[i]!;
    } else yC += y[i]!;
    // Ties share one threshold: emit only at the last index of a run of equal scores.
    const next = order[k + 1];
    if (next !== undefined && score[next] === score[i]) continue;
    const nAll = k + 1;
    const nC = nAll - nT;
    xs.push(nAll);
    ys.push(yT - (nC !== 0 ? (yC * nT) / nC : 0));
  }
  if (xs.length === 0 || ys[0] !== 0 || xs[0] !== 0) {
    xs.unshift(0);
    ys.unshift(0);
  }
  return { x: xs, y: ys };
}

/** The perfect model's Qini curve with negative effects: rank treated responders first and control responders last. */
export function perfectQiniCurve(
  y: ArrayLike<number>,
  t: ArrayLike<number>,
): { x: number[]; y: number[] } {
  const s = Float64Array.from({ length: y.length }, (_, i) => (t[i] === 1 ? y[i]! : -y[i]!));
  return qiniCurve(y, s, t);
}

/** Trapezoidal area under a curve (sklearn.metrics.auc). */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  let a = 0;
  for (let i = 1; i < x.length; i++) a += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return a;
}

/** Normalised Qini coefficient: area between the model's Qini curve and the random line over the same area for the perfect curve. */
export function qiniAucScore(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  t: ArrayLike<number>,
): number {
  const actual = qiniCurve(y, score, t);
  const perfect = perfectQiniCurve(y, t);
  const lastX = perfect.x[perfect.x.length - 1]!;
  const lastY = perfect.y[perfect.y.length - 1]!;
  const baseline = trapezoid([0, lastX], [0, lastY]);
  return (trapezoid(actual.x, actual.y) - baseline) / (trapezoid(perfect.x, perfect.y) - baseline);
}

/** Uplift at the top k share (strategy "overall"): mean treated outcome minus mean control outcome among the top ⌊n·k⌋ by score. */
export function upliftAtK(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  t: ArrayLike<number>,
  k: number,
): number {
  const order = descendingOrder(score);
  const m = Math.floor(order.length * k);
  let sT = 0;
  let nT = 0;
  let sC = 0;
  let nC = 0;
  for (let j = 0; j < m; j++) {
    const i = order[j]!;
    if (t[i] === 1) {
      nT++;
      sT += y[i]!;
    } else {
      nC++;
      sC += y[i]!;
    }
  }
  return sT / nT - sC / nC;
}

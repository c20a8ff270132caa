import { sampleSd, tQuantile } from "./stats.js";

/** The stop-loss rule's settings (policy `monitoring.stopLoss`). */
export interface StopLossSettings {
  enabled: boolean;
  minIncrementalMarginPerWeek: number;
  confidencePct: number;
  minWeeks: number;
}

/** The one-sided test on a campaign's weekly realised incremental margin. */
export interface StopLossTest {
  weeks: number;
  meanPerWeek: number;
  /** Spread used: the weekly values' own, never below what the forecast interval implies. */
  sdPerWeek: number;
  /** One-sided upper confidence bound of the true weekly margin. */
  upperBound: number;
  threshold: number;
  confidencePct: number;
  /** True when even the upper bound is below the threshold: losing money with confidence. */
  fires: boolean;
  reason: string;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Tests H0 "true weekly realised incremental margin ≥ threshold" against the weekly values: the
 * upper bound is mean + t(confidence; n − 1) · sd / √n, with sd = max(sample sd, `sdFloor`). It
 * fires only when that bound is below the threshold, so a bad point estimate inside the noise
 * does not pause a campaign. Fewer than `minWeeks` weeks never fire.
 */
export function stopLossTest(
  weekly: readonly number[],
  sdFloor: number,
  s: StopLossSettings,
): StopLossTest {
  const n = weekly.length;
  const mean = n ? weekly.reduce((a, b) => a + b, 0) / n : 0;
  const sd = Math.max(sampleSd(weekly), sdFloor);
  const upper =
    n >= 2
      ? mean + tQuantile(s.confidencePct / 100, n - 1) * (sd / Math.sqrt(n))
      : Number.POSITIVE_INFINITY;
  const enough = n >= s.minWeeks;
  const fires = s.enabled && enough && upper < s.minIncrementalMarginPerWeek;
  const base = `realised incremental margin ${r2(mean)}/week over ${n} week(s), ${s.confidencePct} % upper bound ${Number.isFinite(upper) ? r2(upper) : "∞"} vs threshold ${r2(s.minIncrementalMarginPerWeek)}`;
  const reason = !s.enabled
    ? `stop-loss disabled; ${base}`
    : !enough
      ? `${base}: needs ${s.minWeeks} weeks of actuals`
      : fires
        ? `${base}: below with confidence`
        : `${base}: not below with confidence`;
  return {
    weeks: n,
    meanPerWeek: mean,
    sdPerWeek: sd,
    upperBound: upper,
    threshold: s.minIncrementalMarginPerWeek,
    confidencePct: s.confidencePct,
    fires,
    reason,
  };
}

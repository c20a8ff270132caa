import { CONTROL, type HillstromRow } from "./hillstrom.js";
import type { ObjectiveScores } from "./learned-policy.js";
import { VALUE_OUTCOMES, ipwValue, observed, type PolicyConfig } from "./policy.js";
import { qiniAucScore, upliftAtK } from "./qini.js";

/** Scores and policies on the test file that the bootstrap re-measures on each resample. */
export interface TestScores {
  rows: readonly HillstromRow[];
  visitUplift: Float64Array;
  spendUplift: Float64Array;
  responseScore: Float64Array;
  policies: { name: string; arms: Int8Array | null }[];
  cfg: PolicyConfig;
  /** Doubly robust scores of the test rows (nuisance fitted on the training file). */
  dr: ObjectiveScores;
}

export const TOP_K = [10, 20, 30] as const;
const MENS = "all Mens E-Mail";
const WOMENS = "all Womens E-Mail";

/** Names of the single-e-mail baselines, used to pick the best one per outcome. */
export const SINGLE_EMAIL = { mens: MENS, womens: WOMENS } as const;
/** Outcomes valued doubly robustly. */
export const DR_OUTCOMES = ["visit", "margin"] as const;

const gather = (v: ArrayLike<number>, s: ArrayLike<number>): Float64Array =>
  Float64Array.from({ length: s.length }, (_, k) => v[s[k]!]!);

/** Mean DR score of a policy (null: uniformly random arm) over a sample of rows. */
function drValue(g: readonly Float64Array[], arms: Int8Array | null, sample: Int32Array): number {
  let s = 0;
  for (let k = 0; k < sample.length; k++) {
    const i = sample[k]!;
    s += arms ? g[arms[i]!]![i]! : (g[0]![i]! + g[1]![i]! + g[2]![i]!) / 3;
  }
  return s / Math.max(sample.length, 1);
}

/**
 * Every reported figure on one (re)sample of test rows: ranking metrics on visit and spend, each
 * policy's IPW value per outcome and DR value on visit and margin, and each policy's difference
 * from the best single e-mail (`best`, keyed by outcome; `dr.<outcome>` for the DR figures).
 */
export function figuresOn(
  ts: TestScores,
  best: Record<string, string>,
): (sample: Int32Array) => Record<string, number> {
  const y = Object.fromEntries(
    VALUE_OUTCOMES.map((o) => [o, Float64Array.from(ts.rows, (r) => observed(r, o, ts.cfg))]),
  );
  const t = Float64Array.from(ts.rows, (r) => (r.arm === CONTROL ? 0 : 1));
  return (sample) => {
    const f: Record<string, number> = {};
    const tt = gather(t, sample);
    for (const o of ["visit", "spend"] as const) {
      const yy = gather(y[o]!, sample);
      const s = gather(o === "visit" ? ts.visitUplift : ts.spendUplift, sample);
      f[`${o}.qini`] = qiniAucScore(yy, s, tt);
      f[`${o}.responseModelQini`] = qiniAucScore(yy, gather(ts.responseScore, sample), tt);
      for (const k of TOP_K) f[`${o}.upliftAt.${k}`] = upliftAtK(yy, s, tt, k / 100);
    }
    for (const p of ts.policies) {
      for (const o of VALUE_OUTCOMES)
        f[`policy.${p.name}.${o}`] = ipwValue(ts.rows, y[o]!, p.arms, sample);
      for (const o of DR_OUTCOMES) f[`dr.${p.name}.${o}`] = drValue(ts.dr[o], p.arms, sample);
    }
    for (const p of ts.policies) {
      for (const o of VALUE_OUTCOMES)
        f[`versus.${p.name}.${o}`] = f[`policy.${p.name}.${o}`]! - f[`policy.${best[o]}.${o}`]!;
      for (const o of DR_OUTCOMES)
        f[`drVersus.${p.name}.${o}`] = f[`dr.${p.name}.${o}`]! - f[`dr.${best[`dr.${o}`]}.${o}`]!;
    }
    return f;
  };
}

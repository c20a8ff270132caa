import { z } from "zod";
import { CONTROL, type HillstromRow } from "./hillstrom.js";
import type { OutcomePredictions } from "./learners.js";

/** Economics of a contact: margin earned per dollar of spend and the cost of sending one e-mail. */
export const policyConfigSchema = z.object({
  marginRate: z.number().min(0).max(1).default(0.35),
  contactCost: z.number().nonnegative().default(0.1),
  objective: z.enum(["margin", "visit"]).default("margin"),
});
export type PolicyConfig = z.infer<typeof policyConfigSchema>;
export type PolicyConfigInput = z.input<typeof policyConfigSchema>;

/**
 * Per shopper, the arm (0 Mens, 1 Womens, 2 none) with the largest predicted gain over no contact:
 * incremental contribution margin (marginRate × spend uplift − contact cost) or, for "visit", visit uplift.
 */
export function chooseArms(
  visit: OutcomePredictions,
  spend: OutcomePredictions,
  cfg: PolicyConfig,
): Int8Array {
  const n = visit.uplift[0].length;
  const arms = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const gain = (a: 0 | 1): number =>
      cfg.objective === "visit"
        ? visit.uplift[a][i]!
        : cfg.marginRate * spend.uplift[a][i]! - cfg.contactCost;
    const g0 = gain(0);
    const g1 = gain(1);
    arms[i] = Math.max(g0, g1) <= 0 ? CONTROL : g0 >= g1 ? 0 : 1;
  }
  return arms;
}

/**
 * The response-model ("last-click") policy: rank by the best arm's P(outcome | contacted), contact the
 * top `contacts` shoppers with that arm, leave the rest alone.
 */
export function responsePolicy(response: OutcomePredictions, contacts: number): Int8Array {
  const lv = response.level!;
  const n = lv[0].length;
  const best = Float64Array.from({ length: n }, (_, i) => Math.max(lv[0][i]!, lv[1][i]!));
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => best[b]! - best[a]! || a - b,
  );
  const arms = new Int8Array(n).fill(CONTROL);
  for (let k = 0; k < Math.min(contacts, n); k++) {
    const i = order[k]!;
    arms[i] = lv[0][i]! >= lv[1][i]! ? 0 : 1;
  }
  return arms;
}

/** Outcomes a policy is valued on; margin is per customer, after the contact cost of the arm received. */
export const VALUE_OUTCOMES = ["visit", "conversion", "spend", "margin"] as const;
export type ValueOutcome = (typeof VALUE_OUTCOMES)[number];

/** Observed outcome of a test row under its own randomised arm. */
export function observed(r: HillstromRow, o: ValueOutcome, cfg: PolicyConfig): number {
  if (o === "margin") return cfg.marginRate * r.spend - (r.arm === CONTROL ? 0 : cfg.contactCost);
  return r[o];
}

/**
 * Inverse-propensity estimate of a policy's mean outcome per customer over the rows `sample`
 * (indices, repeats allowed), with the sample's empirical arm shares as propensities:
 * Σ_a (1/n_a) Σ_{i: A_i = a = π_i} y_i. `arms` null means uniformly random assignment.
 */
export function ipwValue(
  rows: readonly HillstromRow[],
  y: Float64Array,
  arms: Int8Array | null,
  sample: ArrayLike<number>,
): number {
  const n = [0, 0, 0];
  const s = [0, 0, 0];
  for (let k = 0; k < sample.length; k++) {
    const i = sample[k]!;
    const a = rows[i]!.arm;
    n[a]!++;
    if (arms === null) s[a]! += y[i]! / 3;
    else if (arms[i] === a) s[a]! += y[i]!;
  }
  return s.reduce((acc, v, a) => acc + (n[a]! > 0 ? v / n[a]! : 0), 0);
}

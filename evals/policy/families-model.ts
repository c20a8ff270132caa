import type { RuleFamily, Variant } from "./types.js";

/**
 * Predictions checked against the lift model the agent plans with (integrity.model_prediction).
 * In the eval world two weeks at 20 % off tripled sales, so the model expects about 67 % lift at
 * 10 % off and 195 % at 20 % (80 % intervals a few points wide): out-of-bounds cases claim more
 * or less than it allows, or a market-wide baseline its forecast refutes; their other numbers add up.
 */

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
/** Consistent predictions for a baseline and total (margin within what price and cost allow). */
const predicted = (baselineUnits: number, totalUnits: number, margin = 100) => ({
  baselineUnits,
  totalUnits,
  incrementalUnits: totalUnits - baselineUnits,
  liftPct: ((totalUnits - baselineUnits) / baselineUnits) * 100,
  incrementalMargin: margin,
  roi: margin / 1500,
});
/** Only the model can move these cases' verdicts: success minimums and the national rule are off. */
const POLICY = {
  success: { minLiftPct: -1e6, minIncrementalMargin: -1e6, minRoi: -1e6 },
  approvalRequired: { national: false },
};
const nationwide = { locations: undefined };

export const modelFamilies: RuleFamily[] = [
  {
    rule: "integrity.model_prediction",
    breach: "block",
    inside: (_rng, i): Variant => {
      const v = pick<Variant>(
        [
          { note: "the base prediction (200 % at 20 % off)", proposal: {} },
          {
            note: "64 % at 10 % off",
            proposal: { discountPct: 10, predicted: predicted(120, 197) },
          },
          { note: "market-wide, the model's baseline", proposal: { scope: nationwide } },
          {
            note: "market-wide baseline 20 % under the model's",
            proposal: { scope: nationwide, predicted: predicted(96, 288) },
          },
          {
            note: "a feature with a 10 % cut, 60 % lift",
            proposal: { mechanic: "feature", discountPct: 10, predicted: predicted(120, 192) },
          },
        ],
        i,
      );
      return { ...v, policy: POLICY };
    },
    outside: (_rng, i): Variant => {
      const v = pick<Variant>(
        [
          {
            note: "400 % lift at 10 % off",
            proposal: { discountPct: 10, predicted: predicted(120, 600) },
          },
          {
            note: "a market-wide baseline a third of the model's",
            proposal: { scope: nationwide, predicted: predicted(40, 120) },
          },
          {
            note: "a coupon claiming more than a TPR at its depth",
            proposal: { mechanic: "coupon", discountPct: 10, predicted: predicted(120, 700) },
          },
          { note: "1,900 % lift at 20 % off", proposal: { predicted: predicted(120, 2400, 300) } },
          {
            note: "a market-wide baseline twice the model's",
            proposal: { scope: nationwide, predicted: predicted(240, 720, 300) },
          },
        ],
        i,
      );
      return { ...v, policy: POLICY };
    },
  },
];

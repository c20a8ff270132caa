// Baselines the agent is measured against, under the same governance, costs and luck.
import { thompsonBandit } from "./bandit.js";
import { estimateThenOptimise, estimateThenOptimiseHoldout } from "./estimate-optimise.js";
import { horizonMip } from "./horizon-mip.js";
import { greedyOracle } from "./oracle.js";
import { prunedCalendar } from "./pruned-calendar.js";
import { calendarBaseline, featureRule, noPromotion } from "./simple.js";
import type { Baseline } from "./types.js";
import { upperBound } from "./upper-bound.js";
import { PilotError } from "../errors.js";

/** Every shipped baseline, by report key. */
export function shippedBaselines(): Baseline[] {
  return [
    noPromotion,
    calendarBaseline,
    prunedCalendar,
    featureRule,
    estimateThenOptimise,
    estimateThenOptimiseHoldout,
    thompsonBandit,
    greedyOracle,
    upperBound,
    horizonMip,
  ];
}

/** Baselines by name; an unknown one is an error listing the valid names. */
export function baselinesByName(names: readonly string[]): Baseline[] {
  const all = shippedBaselines();
  return names.map((n) => {
    const b = all.find((x) => x.name === n);
    if (!b)
      throw new PilotError(
        "INVALID_INPUT",
        `unknown baseline "${n}": valid baselines are ${all.map((x) => x.name).join(", ")}`,
      );
    return b;
  });
}

export { Governor, governAll } from "./governor.js";
export type { Verdict } from "./governor.js";
export type { Baseline, BaselineContext } from "./types.js";
export { measuredEventMargin } from "./pruned-calendar.js";
export { banditArms, measuredReward } from "./bandit.js";
export { trueMargin, trueMedia, trueUnits } from "./true-margin.js";

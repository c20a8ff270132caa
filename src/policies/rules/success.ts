import type { PolicyRule } from "../types.js";
import { block, fmt, pass } from "../types.js";
import type { PlannerForecast, PlannerPrecheck } from "../planner.js";
import type { Policy } from "../schema.js";
import { formatWhole } from "../../domain/format.js";

type Success = Policy["success"];

/** A forecast threshold the planner screens by before proposing. */
function threshold(
  fails: (p: PlannerForecast, s: Success) => boolean,
  reason: (p: PlannerForecast, s: Success) => string,
): PlannerPrecheck {
  return {
    stage: "forecast",
    screen: ({ policy }) => ({
      fails: (_s, p) => fails(p, policy.success),
      reason: (_s, p) => reason(p, policy.success),
    }),
  };
}

/**
 * Success metrics: a promotion predicted to miss them is not worth running, so it is blocked and
 * the promotion agent revises it; no approver can make a bad forecast good.
 */
export const successRules: PolicyRule[] = [
  {
    id: "success.min_lift",
    builtin: false,
    summary: "predicted lift must reach the minimum",
    planner: threshold(
      (p, s) => p.liftPct < s.minLiftPct,
      (p, s) => `lift ${p.liftPct.toFixed(1)} % < policy minimum ${s.minLiftPct} %`,
    ),
    check: (p, { policy }) => {
      const min = policy.success.minLiftPct;
      return p.predicted.liftPct + 1e-9 < min
        ? block(`predicted lift ${fmt(p.predicted.liftPct)} % < minimum ${fmt(min)} %`)
        : pass(`predicted lift ${fmt(p.predicted.liftPct)} % ≥ minimum ${fmt(min)} %`);
    },
  },
  {
    id: "success.min_incremental_margin",
    builtin: false,
    summary: "predicted incremental contribution margin must reach the minimum",
    planner: threshold(
      (p, s) => p.incrementalMargin < s.minIncrementalMargin,
      (p, s) =>
        `incremental margin ${formatWhole(p.incrementalMargin)} < policy minimum ${s.minIncrementalMargin}`,
    ),
    check: (p, { policy }) => {
      const min = policy.success.minIncrementalMargin;
      const m = p.predicted.incrementalMargin;
      return m + 1e-9 < min
        ? block(
            `incremental margin ${fmt(m)} ${policy.currency} < minimum ${fmt(min)} ${policy.currency}`,
          )
        : pass(
            `incremental margin ${fmt(m)} ${policy.currency} ≥ minimum ${fmt(min)} ${policy.currency}`,
          );
    },
  },
  {
    id: "success.min_roi",
    builtin: false,
    summary: "predicted ROI (incremental margin / spend) must reach the minimum",
    planner: threshold(
      (p, s) => p.roi < s.minRoi,
      (p, s) => `ROI ${p.roi.toFixed(2)} < policy minimum ${s.minRoi}`,
    ),
    check: (p, { policy }) => {
      const min = policy.success.minRoi;
      return p.predicted.roi + 1e-9 < min
        ? block(`ROI ${fmt(p.predicted.roi)} < minimum ${fmt(min)}`)
        : pass(`ROI ${fmt(p.predicted.roi)} ≥ minimum ${fmt(min)}`);
    },
  },
];

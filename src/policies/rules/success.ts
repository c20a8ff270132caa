import type { PolicyRule } from "../types.js";
import { block, fmt, pass } from "../types.js";

/**
 * Success metrics: a promotion predicted to miss them is not worth running, so it is blocked and
 * the promotion agent revises it; no approver can make a bad forecast good.
 */
export const successRules: PolicyRule[] = [
  {
    id: "success.min_lift",
    builtin: false,
    summary: "predicted lift must reach the minimum",
    check: (p, { policy }) => {
      const min = policy.success.minLiftPct;
      return p.predicted.liftPct + 1e-9 < min ? block(`predicted lift ${fmt(p.predicted.liftPct)} % < minimum ${fmt(min)} %`) : pass(`predicted lift ${fmt(p.predicted.liftPct)} % ≥ minimum ${fmt(min)} %`);
    },
  },
  {
    id: "success.min_incremental_margin",
    builtin: false,
    summary: "predicted incremental contribution margin must reach the minimum",
    check: (p, { policy }) => {
      const min = policy.success.minIncrementalMargin;
      const m = p.predicted.incrementalMargin;
      return m + 1e-9 < min
        ? block(`incremental margin ${fmt(m)} ${policy.currency} < minimum ${fmt(min)} ${policy.currency}`)
        : pass(`incremental margin ${fmt(m)} ${policy.currency} ≥ minimum ${fmt(min)} ${policy.currency}`);
    },
  },
  {
    id: "success.min_roi",
    builtin: false,
    summary: "predicted ROI (incremental margin / spend) must reach the minimum",
    check: (p, { policy }) => {
      const min = policy.success.minRoi;
      return p.predicted.roi + 1e-9 < min ? block(`ROI ${fmt(p.predicted.roi)} < minimum ${fmt(min)}`) : pass(`ROI ${fmt(p.predicted.roi)} ≥ minimum ${fmt(min)}`);
    },
  },
];

import { FAMILY_LABELS, runPolicyEval } from "../../policy/index.js";
import type { RuleScore } from "../../policy/index.js";
import { metric } from "../metric.js";
import type { Suite } from "../types.js";

/**
 * Governance: generated proposals, in and out of bounds for every rule, scored per issue #25 family.
 * `paths: false` leaves out the approval and edit paths (HTTP and CLI), for reports that only need
 * the suite's shape; `npm run evals` and the eval test run them.
 */
export function policySuite(o: { paths?: boolean } = {}): Suite {
  return {
    name: "policy",
    description:
      "policy node on generated proposals in and out of bounds for every rule, and the approval and edit paths (bypasses, false alarms, crashes per issue #25 family)",
    fast: true,
    async run() {
      const r = await runPolicyEval(o.paths === false ? { paths: false } : {});
      const order = Object.keys(FAMILY_LABELS);
      const families = (Object.entries(r.families) as [string, RuleScore][]).sort(
        ([a], [b]) => order.indexOf(a) - order.indexOf(b),
      );
      const perFamily = families.flatMap(([name, f]) => {
        const label = FAMILY_LABELS[name] ?? name;
        return [
          metric(`${label}: cases`, f.inBounds + f.outOfBounds),
          metric(`${label}: bypasses`, f.outOfBoundsAllowed, { threshold: 0, direction: "max" }),
          metric(`${label}: false alarms %`, f.inBounds ? (100 * f.falseAlarms) / f.inBounds : 0, {
            threshold: 1,
            direction: "max",
          }),
          metric(`${label}: crashes`, f.crashes, { threshold: 0, direction: "max" }),
        ];
      });
      return {
        metrics: [
          metric("out-of-bounds allowed", r.totals.outOfBoundsAllowed, {
            threshold: 0,
            direction: "max",
          }),
          metric("false alarms", r.totals.falseAlarms, { threshold: 0, direction: "max" }),
          metric("crashes", r.totals.crashes, { threshold: 0, direction: "max" }),
          metric("wrong verdicts", r.totals.wrongVerdict),
          metric("cases", r.cases),
          ...perFamily,
        ],
        details: {
          cases: r.cases,
          totals: r.totals,
          families: r.families,
          rules: r.rules,
          failures: r.failures.slice(0, 20),
        },
      };
    },
  };
}

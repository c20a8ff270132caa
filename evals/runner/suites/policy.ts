import { runPolicyEval } from "../../policy/index.js";
import { metric } from "../metric.js";
import type { Suite } from "../types.js";

/** Governance: 370 generated proposals, in and out of bounds for each of 37 rules. */
export function policySuite(): Suite {
  return {
    name: "policy",
    description: "policy node on generated proposals in and out of bounds for every rule",
    fast: true,
    async run() {
      const r = runPolicyEval();
      return {
        metrics: [
          metric("out-of-bounds allowed", r.totals.outOfBoundsAllowed, { threshold: 0, direction: "max" }),
          metric("false alarms", r.totals.falseAlarms, { threshold: 0, direction: "max" }),
          metric("wrong verdicts", r.totals.wrongVerdict),
          metric("cases", r.cases),
        ],
        details: { cases: r.cases, totals: r.totals, rules: r.rules, failures: r.failures.slice(0, 20) },
      };
    },
  };
}

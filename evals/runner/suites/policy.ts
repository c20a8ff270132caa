import { runPolicyEval } from "../../policy/index.js";
import type { RuleScore } from "../../policy/index.js";
import { metric } from "../metric.js";
import type { Suite } from "../types.js";

/** The issue #25 families, by the rules their cases test; every other rule is "limits". */
const FAMILIES: Record<string, (rule: string) => boolean> = {
  facts: (r) => r === "integrity.store_facts" || r === "integrity.predictions" || r === "integrity.model_prediction",
  money: (r) => r === "integrity.currency",
  identifiers: (r) => r === "integrity.identifiers",
  time: (r) => r === "integrity.timing" || r.startsWith("pricing_law."),
  mechanics: (r) => r === "integrity.mechanics",
  targeting: (r) => r.startsWith("responsible_targeting."),
  messaging: (r) => r.startsWith("fair_messaging."),
};

const familyOf = (rule: string) => Object.keys(FAMILIES).find((f) => FAMILIES[f]!(rule)) ?? "limits";

/** Governance: generated proposals, in and out of bounds for every rule, scored per family. */
export function policySuite(): Suite {
  return {
    name: "policy",
    description: "policy node on generated proposals in and out of bounds for every rule (bypasses, false alarms, crashes per family)",
    fast: true,
    async run() {
      const r = await runPolicyEval();
      const families = new Map<string, { bypasses: number; falseAlarms: number; crashes: number; inBounds: number }>();
      for (const [rule, s] of Object.entries(r.rules) as [string, RuleScore][]) {
        const f = families.get(familyOf(rule)) ?? { bypasses: 0, falseAlarms: 0, crashes: 0, inBounds: 0 };
        families.set(familyOf(rule), { bypasses: f.bypasses + s.outOfBoundsAllowed, falseAlarms: f.falseAlarms + s.falseAlarms, crashes: f.crashes + s.crashes, inBounds: f.inBounds + s.inBounds });
      }
      const perFamily = [...families].flatMap(([name, f]) => [
        metric(`${name}: bypasses`, f.bypasses, { threshold: 0, direction: "max" }),
        metric(`${name}: false alarms %`, f.inBounds ? (100 * f.falseAlarms) / f.inBounds : 0, { threshold: 1, direction: "max" }),
        metric(`${name}: crashes`, f.crashes, { threshold: 0, direction: "max" }),
      ]);
      return {
        metrics: [
          metric("out-of-bounds allowed", r.totals.outOfBoundsAllowed, { threshold: 0, direction: "max" }),
          metric("false alarms", r.totals.falseAlarms, { threshold: 0, direction: "max" }),
          metric("crashes", r.totals.crashes, { threshold: 0, direction: "max" }),
          metric("wrong verdicts", r.totals.wrongVerdict),
          metric("cases", r.cases),
          ...perFamily,
        ],
        details: { cases: r.cases, totals: r.totals, families: Object.fromEntries(families), rules: r.rules, failures: r.failures.slice(0, 20) },
      };
    },
  };
}

import { BUILTIN_RULE_IDS, POLICY_RULE_IDS } from "../../src/policies/rule-ids.js";
import { integrityFamilies } from "./families-integrity.js";
import { liveFamilies } from "./families-live.js";
import { modelFamilies } from "./families-model.js";
import { builtinFamilies } from "./families-builtin.js";
import { governanceFamilies } from "./families-governance.js";
import { policyFamilies } from "./families-policy.js";
import type { PolicyEvalCase, RuleFamily } from "./types.js";
import { makeRng } from "./types.js";
import { settle } from "./settle.js";
import { baseProposal, deepMerge, evalPolicyDoc } from "./world.js";

/** Every rule family, one per rule id. */
export function ruleFamilies(): RuleFamily[] {
  return [
    ...integrityFamilies,
    ...liveFamilies,
    ...modelFamilies,
    ...builtinFamilies,
    ...policyFamilies,
    ...governanceFamilies,
  ];
}

/**
 * Builds `perSide` in-bounds and `perSide` out-of-bounds cases for every rule (case 0 of each
 * side sits on the boundary). In-bounds cases expect allow; out-of-bounds cases expect the
 * rule's breach outcome. Deterministic for a given seed.
 */
export function generatePolicyCases(
  opts: { seed?: number; perSide?: number } = {},
): PolicyEvalCase[] {
  const rng = makeRng(opts.seed ?? 20250520);
  const perSide = opts.perSide ?? 5;
  const families = ruleFamilies();
  const missing = [...BUILTIN_RULE_IDS, ...POLICY_RULE_IDS].filter(
    (id) => !families.some((f) => f.rule === id),
  );
  if (missing.length) throw new Error(`no eval family for ${missing.join(", ")}`);
  const cases: PolicyEvalCase[] = [];
  for (const f of families) {
    for (const bounds of ["in", "out"] as const) {
      for (let i = 0; i < perSide; i++) {
        const v = bounds === "in" ? f.inside(rng, i) : f.outside(rng, i);
        const key = f.key ?? f.rule;
        const id = `${key}:${bounds}:${i}`;
        const merged = {
          proposal: deepMerge({ ...baseProposal, id } as Record<string, unknown>, v.proposal),
          policy: deepMerge(evalPolicyDoc as Record<string, unknown>, v.policy),
        };
        // Integrity families test the claims themselves: they are sent as written.
        const raw = f.rule.startsWith("integrity.") || f.rule === "fair_messaging.urgency";
        const settled = raw
          ? merged
          : settle(merged.proposal, merged.policy, f.rule.startsWith("success."));
        cases.push({
          id,
          rule: f.rule,
          key,
          caughtBy: f.caughtBy ?? f.rule,
          bounds,
          note: v.note,
          proposal: settled.proposal,
          policy: settled.policy,
          world: v.world ?? {},
          expected: { verdict: bounds === "in" ? "allow" : f.breach },
          // Families that test claims, the success minimums or stock cover send their own units.
          modelUnits: !raw && !f.rule.startsWith("success.") && f.rule !== "supply.inventory_cover",
        });
      }
    }
  }
  return cases;
}

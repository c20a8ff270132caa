/**
 * Example: a house rule checked by the policy node beside the shipped ones. Custom rules are plain
 * code over (proposal, context), with ids `custom.<name>`; they may escalate or block, never
 * loosen a shipped rule, and may say what a block asks of the next attempt (`revise`).
 * See docs/policy-rules.md.
 */
import {
  blockRule,
  createPromotionGraph,
  escalateRule,
  excludeMechanic,
  passRule,
  type Clock,
  type Db,
  type LoadedPolicy,
  type PolicyRule,
} from "../src/index.js";

/** Promotions longer than `maxWeeks` in a category need the category manager; BOGO on it is refused. */
export function seasonalRule(category: string, maxWeeks: number): PolicyRule {
  return {
    id: `custom.${category}_season`,
    builtin: false,
    summary: `${category}: at most ${maxWeeks} week(s) without approval, no BOGO`,
    check(p) {
      if (p.scope.category !== category) return passRule("other category");
      if (p.mechanic === "bogo") return blockRule(`no BOGO on ${category} this season`);
      if (p.weeks > maxWeeks)
        return escalateRule(`${p.weeks} weeks > ${maxWeeks} for ${category}`, {
          allOf: ["category_manager"],
          anyOf: [],
        });
      return passRule(`${p.weeks} week(s) within ${maxWeeks}`);
    },
    // A refused BOGO: the planner tries again without that mechanic.
    revise: excludeMechanic,
  };
}

/** The promotion graph with the house rules added. */
export function createGraphWithHouseRule(
  o: { db: Db; clock: Clock; policy: LoadedPolicy },
  ...rules: PolicyRule[]
) {
  return createPromotionGraph({ ...o, rules });
}

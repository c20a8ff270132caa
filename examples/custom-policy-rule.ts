/**
 * Example: a house rule checked by the policy node beside the shipped ones. Custom rules are plain
 * code over (proposal, context); they may escalate or block, never loosen a shipped rule.
 */
import { blockRule, createPromotionGraph, escalateRule, passRule, type Clock, type Db, type LoadedPolicy, type PolicyRule } from "../src/index.js";

/** Promotions longer than `maxWeeks` in a category need the category manager; BOGO on it is refused. */
export function seasonalRule(category: string, maxWeeks: number): PolicyRule {
  return {
    id: `custom.${category}_season`,
    builtin: false,
    summary: `${category}: at most ${maxWeeks} week(s) without approval, no BOGO`,
    check(p) {
      if (p.scope.category !== category) return passRule("other category");
      if (p.mechanic === "bogo") return blockRule(`no BOGO on ${category} this season`);
      if (p.weeks > maxWeeks) return escalateRule(`${p.weeks} weeks > ${maxWeeks} for ${category}`, { allOf: ["category_manager"], anyOf: [] });
      return passRule(`${p.weeks} week(s) within ${maxWeeks}`);
    },
  };
}

/** The promotion graph with the house rule added. */
export function createGraphWithHouseRule(o: { db: Db; clock: Clock; policy: LoadedPolicy }, rule: PolicyRule) {
  return createPromotionGraph({ ...o, extraRules: [rule] });
}

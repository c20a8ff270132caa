import { describe, expect, it } from "vitest";
import { PLANNER_STAGES } from "./planner.js";
import { allRules } from "./registry.js";
import { BUILTIN_RULE_IDS, POLICY_RULE_IDS } from "./rule-ids.js";

describe("the rule registry", () => {
  it("holds exactly the ids the policy file may name, each once, builtin as listed", () => {
    const rules = allRules();
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...BUILTIN_RULE_IDS, ...POLICY_RULE_IDS].sort());
    const builtin = new Set<string>(BUILTIN_RULE_IDS);
    for (const r of rules) expect(r.builtin, r.id).toBe(builtin.has(r.id));
  });

  it("declares the planner pre-checks and revise steps with the rules", () => {
    const rules = allRules();
    const prechecked = rules.filter((r) => r.planner).map((r) => r.id);
    expect(prechecked).toEqual([
      "success.min_lift",
      "success.min_incremental_margin",
      "success.min_roi",
      "brand.min_gap",
      "brand.category_share",
      "supply.inventory_cover",
      "plan.category_budget",
    ]);
    for (const r of rules) if (r.planner) expect(PLANNER_STAGES).toContain(r.planner.stage);
    // Every autonomy and plan limit is about money: a block of one asks for less spend.
    for (const r of rules.filter((x) => /^(autonomy|plan)\./.test(x.id)))
      expect(r.revise, r.id).toBeDefined();
  });
});

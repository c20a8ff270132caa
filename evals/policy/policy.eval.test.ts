import { describe, expect, it } from "vitest";
import { BUILTIN_RULE_IDS, POLICY_RULE_IDS } from "../../src/policies/rule-ids.js";
import { FAMILY_LABELS } from "./families.js";
import { generatePolicyCases } from "./generate.js";
import { runPolicyEval } from "./run.js";

describe("policy eval suite", () => {
  it("generates at least 300 cases covering every rule on both sides", () => {
    const cases = generatePolicyCases();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const id of [...BUILTIN_RULE_IDS, ...POLICY_RULE_IDS]) {
      expect(cases.filter((c) => c.rule === id && c.bounds === "in").length, `${id} in`).toBeGreaterThan(0);
      expect(cases.filter((c) => c.rule === id && c.bounds === "out").length, `${id} out`).toBeGreaterThan(0);
    }
  });

  it("allows no out-of-bounds proposal or action and raises no false alarm, in every family", async () => {
    const report = await runPolicyEval();
    if (report.failures.length) console.error(JSON.stringify(report.failures.slice(0, 20), null, 2));
    expect(report.totals.outOfBoundsAllowed).toBe(0);
    expect(report.totals.falseAlarms).toBe(0);
    expect(report.totals.ruleMissed).toBe(0);
    expect(report.totals.wrongVerdict).toBe(0);
    expect(report.totals.crashes).toBe(0);
    // Every family of issue #25's build list (and the policy-file limits) has cases on both sides.
    for (const family of Object.keys(FAMILY_LABELS)) {
      expect(report.families[family]?.inBounds, `${family} in`).toBeGreaterThan(0);
      expect(report.families[family]?.outOfBounds, `${family} out`).toBeGreaterThan(0);
    }
  });
});

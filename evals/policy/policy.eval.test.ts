import { describe, expect, it } from "vitest";
import { BUILTIN_RULE_IDS, POLICY_RULE_IDS } from "../../src/policies/rule-ids.js";
import { FAMILY_LABELS } from "./families.js";
import { generatePolicyCases } from "./generate.js";
import { runPathCases, runPolicyEval } from "./run.js";
import { scorePolicyEval } from "./score.js";
import type { PolicyEvalReport } from "./score.js";

describe("policy eval suite", () => {
  it("generates at least 300 cases covering every rule on both sides", () => {
    const cases = generatePolicyCases();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const id of [...BUILTIN_RULE_IDS, ...POLICY_RULE_IDS]) {
      expect(
        cases.filter((c) => c.rule === id && c.bounds === "in").length,
        `${id} in`,
      ).toBeGreaterThan(0);
      expect(
        cases.filter((c) => c.rule === id && c.bounds === "out").length,
        `${id} out`,
      ).toBeGreaterThan(0);
    }
  });

  const families: PolicyEvalReport["families"][] = [];
  const clean = (report: PolicyEvalReport) => {
    if (report.failures.length)
      console.error(JSON.stringify(report.failures.slice(0, 20), null, 2));
    expect(report.totals.outOfBoundsAllowed).toBe(0);
    expect(report.totals.falseAlarms).toBe(0);
    expect(report.totals.ruleMissed).toBe(0);
    expect(report.totals.wrongVerdict).toBe(0);
    expect(report.totals.crashes).toBe(0);
    families.push(report.families);
  };

  it("allows no out-of-bounds proposal and raises no false alarm on the generated cases", async () => {
    clean(await runPolicyEval({ paths: false }));
  });

  it("nor through the approval, edit and `policy check` paths (written attacks and honest proposals)", async () => {
    clean(scorePolicyEval([], [], await runPathCases()));
  });

  it("has cases on both sides in every family of issue #25's build list", () => {
    for (const family of Object.keys(FAMILY_LABELS)) {
      expect(
        families.reduce((n, f) => n + (f[family]?.inBounds ?? 0), 0),
        `${family} in`,
      ).toBeGreaterThan(0);
      expect(
        families.reduce((n, f) => n + (f[family]?.outOfBounds ?? 0), 0),
        `${family} out`,
      ).toBeGreaterThan(0);
    }
  });
});

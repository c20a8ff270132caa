import type { PolicyVerdict } from "../../src/policies/types.js";
import type { CaseOutcome } from "./run.js";
import type { PolicyEvalCase } from "./types.js";

/** Per-rule counts. `outOfBoundsAllowed` must be 0; `falseAlarms` (in-bounds not allowed) should be 0. */
export interface RuleScore {
  inBounds: number;
  outOfBounds: number;
  outOfBoundsAllowed: number;
  falseAlarms: number;
  /** Out-of-bounds cases where the rule under test itself passed (caught only by another rule). */
  ruleMissed: number;
  /** Cases whose verdict differs from the expected one in any way. */
  wrongVerdict: number;
  /** Cases where the check threw instead of answering (a bug; counted apart from verdicts). */
  crashes: number;
}

export interface PolicyEvalReport {
  suite: "policy";
  cases: number;
  totals: RuleScore;
  rules: Record<string, RuleScore>;
  failures: { id: string; note: string; expected: string; got: string; reasons: string[] }[];
}

const zero = (): RuleScore => ({ inBounds: 0, outOfBounds: 0, outOfBoundsAllowed: 0, falseAlarms: 0, ruleMissed: 0, wrongVerdict: 0, crashes: 0 });

/** Scores verdicts against the cases' expectations, per rule and in total. */
export function scorePolicyEval(cases: PolicyEvalCase[], verdicts: (PolicyVerdict | CaseOutcome)[]): PolicyEvalReport {
  const rules: Record<string, RuleScore> = {};
  const totals = zero();
  const failures: PolicyEvalReport["failures"] = [];
  cases.forEach((c, k) => {
    const out = verdicts[k]!;
    const s = (rules[c.rule] ??= zero());
    const add = (key: keyof RuleScore) => {
      s[key]++;
      totals[key]++;
    };
    add(c.bounds === "in" ? "inBounds" : "outOfBounds");
    if ("crash" in out) {
      add("crashes");
      failures.push({ id: c.id, note: c.note, expected: c.expected.verdict, got: "crash", reasons: [out.crash.split("\n")[0] ?? ""] });
      return;
    }
    const v = out;
    if (c.bounds === "out" && v.verdict === "allow") add("outOfBoundsAllowed");
    if (c.bounds === "in" && v.verdict !== "allow") add("falseAlarms");
    if (c.bounds === "out" && v.rules.find((r) => r.id === c.caughtBy)?.outcome === "pass") add("ruleMissed");
    if (v.verdict !== c.expected.verdict) {
      add("wrongVerdict");
      failures.push({ id: c.id, note: c.note, expected: c.expected.verdict, got: v.verdict, reasons: v.rules.filter((r) => r.outcome !== "pass").map((r) => `${r.id}: ${r.reason}`) });
    }
  });
  return { suite: "policy", cases: cases.length, totals, rules, failures };
}

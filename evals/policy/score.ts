import type { PolicyVerdict } from "../../src/policies/types.js";
import { familyOfRule } from "./families.js";
import type { PathCase, PathOutcome } from "./paths/types.js";
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
  /** By rule (path cases by their family and path, e.g. `votes:http`). */
  rules: Record<string, RuleScore>;
  /** By issue #25 family (see families.ts). */
  families: Record<string, RuleScore>;
  failures: { id: string; note: string; expected: string; got: string; reasons: string[] }[];
}

const zero = (): RuleScore => ({
  inBounds: 0,
  outOfBounds: 0,
  outOfBoundsAllowed: 0,
  falseAlarms: 0,
  ruleMissed: 0,
  wrongVerdict: 0,
  crashes: 0,
});

type Key = keyof RuleScore;

/** Adds to a case's rule, its family and the totals at once. */
function tally(report: PolicyEvalReport, rule: string, family: string): (key: Key) => void {
  const r = (report.rules[rule] ??= zero());
  const f = (report.families[family] ??= zero());
  return (key) => {
    r[key]++;
    f[key]++;
    report.totals[key]++;
  };
}

/** Scores verdicts against the cases' expectations, per rule, per family and in total. */
export function scorePolicyEval(
  cases: PolicyEvalCase[],
  verdicts: (PolicyVerdict | CaseOutcome)[],
  paths: { cases: PathCase[]; outcomes: PathOutcome[] } = { cases: [], outcomes: [] },
): PolicyEvalReport {
  const report: PolicyEvalReport = {
    suite: "policy",
    cases: cases.length + paths.cases.length,
    totals: zero(),
    rules: {},
    families: {},
    failures: [],
  };
  cases.forEach((c, k) => {
    const out = verdicts[k]!;
    const add = tally(report, c.rule, familyOfRule(c.rule));
    add(c.bounds === "in" ? "inBounds" : "outOfBounds");
    if ("crash" in out) {
      add("crashes");
      report.failures.push({
        id: c.id,
        note: c.note,
        expected: c.expected.verdict,
        got: "crash",
        reasons: [out.crash.split("\n")[0] ?? ""],
      });
      return;
    }
    const v = out;
    if (c.bounds === "out" && v.verdict === "allow") add("outOfBoundsAllowed");
    if (c.bounds === "in" && v.verdict !== "allow") add("falseAlarms");
    if (c.bounds === "out" && v.rules.find((r) => r.id === c.caughtBy)?.outcome === "pass")
      add("ruleMissed");
    if (v.verdict !== c.expected.verdict) {
      add("wrongVerdict");
      report.failures.push({
        id: c.id,
        note: c.note,
        expected: c.expected.verdict,
        got: v.verdict,
        reasons: v.rules.filter((r) => r.outcome !== "pass").map((r) => `${r.id}: ${r.reason}`),
      });
    }
  });
  paths.cases.forEach((c, k) => {
    const o = paths.outcomes[k]!;
    const add = tally(report, c.id.split(":").slice(0, 2).join(":"), c.family);
    add(c.bounds === "in" ? "inBounds" : "outOfBounds");
    const wrong = c.bounds === "out" ? o.through : !o.through;
    if (o.crash) add("crashes");
    if (wrong) add(c.bounds === "out" ? "outOfBoundsAllowed" : "falseAlarms");
    if (wrong) add("wrongVerdict");
    if (wrong || o.crash)
      report.failures.push({
        id: c.id,
        note: c.note,
        expected: c.bounds === "out" ? "refused" : "through",
        got: o.crash ? "crash" : o.through ? "through" : "refused",
        reasons: [o.crash ?? o.detail],
      });
  });
  return report;
}

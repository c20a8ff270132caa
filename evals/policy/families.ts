/**
 * The families of issue #25's build list, by number, and which cases belong to each. A rule
 * case belongs by the rule it tests; a path case (approvals, edits) names its family. Every
 * other rule of the policy file is "limits".
 */
export const FAMILY_LABELS: Record<string, string> = {
  facts: "1 facts from the store",
  money: "2 money in one currency",
  identifiers: "3 identifiers normalised",
  time: "4 time",
  mechanics: "5 mechanics",
  targeting: "6 responsible targeting",
  messaging: "6 fair messaging",
  votes: "7 one person, one vote",
  edits: "8 edit launchability",
  limits: "policy-file limits",
};

const BY_RULE: [string, (rule: string) => boolean][] = [
  [
    "facts",
    (r) =>
      r === "integrity.store_facts" ||
      r === "integrity.predictions" ||
      r === "integrity.model_prediction",
  ],
  ["money", (r) => r === "integrity.currency"],
  ["identifiers", (r) => r === "integrity.identifiers"],
  ["time", (r) => r === "integrity.timing" || r.startsWith("pricing_law.")],
  ["mechanics", (r) => r === "integrity.mechanics"],
  ["targeting", (r) => r.startsWith("responsible_targeting.")],
  ["messaging", (r) => r.startsWith("fair_messaging.")],
];

/** The family a rule's cases belong to. */
export function familyOfRule(rule: string): string {
  return BY_RULE.find(([, is]) => is(rule))?.[0] ?? "limits";
}

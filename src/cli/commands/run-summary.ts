import type { DecisionRecord } from "../../domain/index.js";
import { describeScenario } from "../../agents/promotion/index.js";
import { table } from "../output.js";

/** What a cycle found, decided and escalated, one row per scope, for people. */
export function renderRunSummary(records: readonly DecisionRecord[]): string {
  const rows = records.map((r) => {
    const kinds = [...new Set(r.findings.map((f) => f.kind.replace(/_/g, " ")))];
    const escalating = (r.policy?.rules ?? []).filter((x) => x.outcome !== "pass");
    const why = escalating.map((x) => `${x.id}${x.roles?.length ? ` → ${x.roles.join("/")}` : ""}: ${x.reason}`).join("; ");
    return [
      `${r.scope.category} / ${r.scope.market}\n${r.id}`,
      kinds.join(", ") || "nothing unusual",
      r.chosen ? describeScenario(r.chosen) : "no promotion",
      r.chosen ? Math.round(r.chosen.prediction.incrementalMargin) : "",
      `${r.policy?.verdict ?? "—"} → ${r.status.replace(/_/g, " ")}`,
      why,
    ];
  });
  const count = (s: string) => records.filter((r) => r.status === s).length;
  return [
    table(
      ["scope · decision", "found", "decided", "incr. margin", "policy → outcome", "why (rules that did not pass)"],
      rows,
      [50, 22, 30, 8, 14, 44],
    ),
    `${records.length} scopes: ${count("executed")} executed, ${count("awaiting_approval")} awaiting approval, ` +
      `${records.filter((r) => r.status.startsWith("block")).length} blocked. 'autopromo explain <id>' gives the numbers behind each.`,
  ].join("\n");
}

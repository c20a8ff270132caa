import type { DecisionRecord } from "../../domain/index.js";
import { describeScenario } from "../../agents/promotion/index.js";
import { shortId } from "../../graph/index.js";
import { table, wrap, WIDTH } from "../output.js";

/** The cells of one scope's row; the reasons a rule did not pass go below the table. */
function row(r: DecisionRecord): (string | number)[] {
  const kinds = [...new Set(r.findings.map((f) => f.kind.replace(/_/g, " ")))];
  return [
    `${r.scope.category} / ${r.scope.market}\n${shortId(r.id)}`,
    kinds.join(", ") || "nothing unusual",
    r.chosen ? describeScenario(r.chosen) : "no promotion",
    r.chosen ? Math.round(r.chosen.prediction.incrementalMargin) : "",
    `${r.policy?.verdict ?? "—"} → ${r.status.replace(/_/g, " ")}`,
  ];
}

/** Why each scope that was not simply allowed was escalated, blocked or failed, one wrapped entry each. */
function reasons(records: readonly DecisionRecord[]): string[] {
  return records.flatMap((r) => {
    const flagged = (r.policy?.rules ?? []).filter((x) => x.outcome !== "pass");
    const why = flagged.map(
      (x) => `${x.id}${x.roles?.length ? ` → ${x.roles.join("/")}` : ""}: ${x.reason}`,
    );
    if ((r.status === "failed" || r.status === "no_action") && r.outcome.reason)
      why.push(r.outcome.reason);
    if (why.length === 0) return [];
    return [
      wrap(
        `${r.scope.category} / ${r.scope.market} (${shortId(r.id)}): ${why.join("; ")}`,
        WIDTH,
        "    ",
      ),
    ];
  });
}

/** What a cycle found, decided and escalated, one row per scope, at most 100 columns wide. */
export function renderRunSummary(records: readonly DecisionRecord[]): string {
  const count = (s: string) => records.filter((r) => r.status === s).length;
  const why = reasons(records);
  return [
    // 21 + 18 + 31 + 8 + 15 columns and 6 borders: 99.
    table(
      ["scope · decision", "found", "decided", "incr. margin", "policy → outcome"],
      records.map(row),
      [21, 18, 31, 8, 15],
    ),
    ...(why.length
      ? ["Why (rules that did not pass, and runs that decided nothing):", ...why]
      : []),
    `${records.length} scopes: ${count("executed")} executed, ${count("awaiting_approval")} awaiting approval, ` +
      `${records.filter((r) => r.status.startsWith("block")).length} blocked, ${count("failed")} failed.`,
    "'autopromo explain <id>' gives the numbers behind each (<id>: the 6 characters under its scope).",
  ].join("\n");
}

import { formatWhole } from "../../domain/format.js";
import type { WhatIfOutcome, WhatIfReport } from "../../graph/index.js";
import { table } from "../output.js";

const changeText = (r: WhatIfReport): string => {
  const c = r.changes;
  const parts = [
    c.demandFactor !== undefined ? `demand × ${c.demandFactor}` : "",
    c.stockFactor !== undefined ? `stock × ${c.stockFactor}` : "",
    c.unitCostFactor !== undefined ? `unit cost × ${c.unitCostFactor}` : "",
    ...Object.entries(c.limits ?? {}).map(
      ([k, v]) => `${k} = ${Array.isArray(v) ? v.join(", ") : v}`,
    ),
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : "no changes (the same inputs, today's policy and model)";
};

const row = (label: string, x: WhatIfOutcome) => [
  label,
  x.summary,
  `${formatWhole(x.incrementalMargin)} [${formatWhole(x.interval80[0])}, ${formatWhole(x.interval80[1])}]`,
  x.verdict ?? "—",
  x.rules.map((r) => `${r.id} (${r.outcome}): ${r.reason}`).join("; ") || "—",
];

/** The original decision beside its what-if, then one sentence on what changed. */
export function renderWhatIf(r: WhatIfReport): string {
  const head = `What-if for ${r.decisionId} from checkpoint ${r.fromCheckpoint}: ${changeText(r)}.`;
  const grid = table(
    ["", "chosen", "incremental margin [80 %]", "verdict", "rules not passed"],
    [row("recorded", r.original), row("what-if", r.whatIf)],
  );
  const delta = r.whatIf.incrementalMargin - r.original.incrementalMargin;
  const tail = r.changed
    ? `The choice or verdict changes: expected margin ${delta >= 0 ? "+" : ""}${formatWhole(delta)} against the recorded plan.`
    : "Same choice and verdict as recorded.";
  return [head, grid, tail].join("\n");
}

import type { PromotionProposal } from "../../domain/proposal.js";
import { projectSupply } from "../../tools/supply/index.js";
import type { PolicyContext } from "../context/types.js";
import type { PolicyRule, RuleOutcome } from "../types.js";
import { above, block, escalate, fmt, pass } from "../types.js";
import type { ScenarioScreen } from "../planner.js";
import { formatWhole } from "../../domain/format.js";

/** The planner's side: its forecast's units with the safety margin within what it may sell. */
const stockScreen: ScenarioScreen = {
  fails: (_s, p) => p.stockNeeded > p.stockAvailable,
  reason: (_s, p) =>
    `needs ${formatWhole(p.stockNeeded)} units with safety margin, ${formatWhole(p.stockAvailable)} available`,
};

/**
 * Supply guardrail: predicted units (baseline + uplift) plus a safety margin must fit the stock in
 * scope (on hand + in transit, + on order when the policy counts it) plus production planned from
 * today to the promotion's end. A promotion that would run out is blocked: no approval creates
 * stock. With `unitsBySku` the check is per SKU, otherwise on the totals.
 */
function inventoryCover(p: PromotionProposal, ctx: PolicyContext): RuleOutcome {
  const { safetyMarginPct, countOnOrder, onMissingData } = ctx.policy.supply;
  const supplyOf = (sku: string) => {
    const s = ctx.stock.find((x) => x.sku === sku);
    const production = ctx.plannedProduction[sku] ?? 0;
    const known = (s?.locations ?? 0) > 0 || production > 0;
    const stock = s ? s.onHand + s.inTransit + (countOnOrder ? s.onOrder : 0) : 0;
    return { known, stock, production, total: stock + production };
  };
  const lines = p.predicted.unitsBySku
    ? p.scope.skus.map((sku) => ({
        label: `SKU ${sku}`,
        demand: p.predicted.unitsBySku?.[sku] ?? 0,
        supply: [supplyOf(sku)],
      }))
    : [
        {
          label: `${p.scope.skus.length} SKU(s)`,
          demand: p.predicted.totalUnits,
          supply: p.scope.skus.map(supplyOf),
        },
      ];

  const missing = lines.filter((l) => l.supply.every((s) => !s.known));
  if (missing.length) {
    const reason = `no stock or production data for ${missing.map((l) => l.label).join(", ")}; cover cannot be checked`;
    return onMissingData === "block" ? block(reason) : escalate(reason);
  }
  const checked = lines.map((l) => {
    const stock = l.supply.reduce((s, x) => s + x.stock, 0);
    const production = l.supply.reduce((s, x) => s + x.production, 0);
    const need = l.demand * (1 + safetyMarginPct / 100);
    // The projection perception and the promotion agent read, over the promotion as one period.
    const p = projectSupply({
      onHand: Math.max(0, stock),
      weeks: [
        { week: "promotion", production: Math.max(0, production), demand: Math.max(0, need) },
      ],
    });
    return { ...l, stock, production, need, short: above(0, p.lowestClosing) };
  });
  const worst = checked.find((c) => c.short) ?? checked[0];
  if (!worst) return pass("nothing to cover");
  const text = `${worst.label}: predicted ${fmt(worst.demand)} units + ${fmt(safetyMarginPct)} % safety = ${fmt(worst.need)} vs stock ${fmt(worst.stock)} + planned production ${fmt(worst.production)} = ${fmt(worst.stock + worst.production)}`;
  return worst.short ? block(`${text}: short`) : pass(`${text}: covered`);
}

export const supplyRules: PolicyRule[] = [
  {
    id: "supply.inventory_cover",
    builtin: false,
    summary: "predicted units plus safety margin fit stock plus planned production",
    check: inventoryCover,
    planner: { stage: "supply", screen: () => stockScreen },
  },
];

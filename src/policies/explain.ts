import type { LoadedPolicy } from "./load.js";
import { builtinRules } from "./registry.js";

const list = (xs: readonly string[] | undefined) =>
  xs === undefined ? "any" : xs.length ? xs.join(", ") : "none";
const entries = (r: Record<string, unknown>) =>
  Object.entries(r).map(
    ([k, v]) => `${k === "*" ? "any other" : k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`,
  );

/** The active limits in plain words, one section per concern, for `policy explain`. */
export function explainPolicy(loaded: LoadedPolicy): string[] {
  const p = loaded.policy;
  const c = p.currency;
  const a = p.autonomy;
  const r = p.approvalRequired;
  const plan = p.annualPlan;
  const routes = Object.entries(p.approvals.routing).map(
    ([k, v]) =>
      `${k} → ${[...(v.allOf.length ? [`all of ${v.allOf.join(", ")}`] : []), ...(v.anyOf.length ? [`any of ${v.anyOf.join(", ")}`] : [])].join(" and ")}`,
  );
  return [
    `Policy "${p.name}" (version ${loaded.version.slice(0, 12)}, from ${loaded.source}); money in ${c}.`,
    "",
    "Always enforced (compiled in, cannot be switched off):",
    ...builtinRules().map((rule) => `  - ${rule.id}: ${rule.summary}`),
    `  - contact cap in force: ${p.targeting.maxContactsPerShopperPerWeek} contacts per shopper per week`,
    "",
    "Blocked unless predicted success (the agent must revise):",
    `  - lift at least ${p.success.minLiftPct} %, incremental margin at least ${p.success.minIncrementalMargin} ${c}, ROI at least ${p.success.minRoi}`,
    "",
    "Agents act alone within (beyond → approval):",
    `  - spend per campaign ${a.maxSpendPerCampaign} ${c}; per day ${a.maxSpendPerDay}; per week ${a.maxSpendPerWeek}; per month ${a.maxSpendPerMonth}`,
    `  - spend per category per month: ${entries(a.maxSpendPerCategoryPerMonth).join("; ") || "no cap"}`,
    `  - discount up to ${a.maxDiscountPct} %; margin after discount at least ${a.minMarginAfterDiscountPct} %; up to ${a.maxSkusPerCampaign} SKUs and ${a.maxMarketsPerCampaign} market(s)`,
    "",
    "Always need approval:",
    ...[
      r.newMarket && "a market with no promotion on record",
      r.priceMatchCompetitors.length &&
        `a price match against ${r.priceMatchCompetitors.includes("*") ? "any competitor" : r.priceMatchCompetitors.join(", ")}`,
      r.depthAbovePct !== null && `a discount deeper than ${r.depthAbovePct} %`,
      r.multiMarket && "more than one market",
      r.national && "a market-wide (national) campaign",
      r.newMechanic && "a mechanic never used before",
      r.mechanics.length && `mechanics ${r.mechanics.join(", ")}`,
    ]
      .filter((x): x is string => typeof x === "string")
      .map((x) => `  - ${x}`),
    "",
    "Brand, supply and channels (brand/price gaps → approval; no stock or wrong channel → blocked):",
    `  - at most ${p.brand.maxPromotedWeeksPerSkuPerQuarter} promoted weeks per SKU per quarter; at least ${p.brand.minWeeksBetweenPromotions} weeks between promotions; at most ${p.brand.maxCategorySharePct} % of a category on promotion at once`,
    `  - predicted units + ${p.supply.safetyMarginPct} % must fit stock${p.supply.countOnOrder ? " (incl. on order)" : ""} + planned production; no data → ${p.supply.onMissingData}`,
    `  - allowed channels: ${entries(p.channels.allowed).join("; ")}; same SKU may differ by at most ${p.channels.priceTolerancePct} % across channels`,
    "",
    `Annual plan${plan.year ? ` ${plan.year}` : ""}:`,
    `  - budgets: ${
      Object.entries(plan.budgets)
        .map(([k, q]) => `${k === "*" ? "any other" : k} ${entries(q).join(", ")}`)
        .join("; ") || "none"
    }`,
    `  - blackouts: ${plan.blackouts.map((w) => `${w.name} ${w.from}–${w.to}`).join("; ") || "none"}`,
    `  - focus windows: ${plan.focusWindows.map((w) => `${w.name} ${w.from}–${w.to} (${list(w.categories)})`).join("; ") || "none"}`,
    `  - priorities: ${plan.priorities.map((x) => `${x.category} ${x.priority}`).join("; ") || "none"}`,
    "",
    `Pilot scope (outside → blocked): categories ${list(p.pilot.categories)}; markets ${list(p.pilot.markets)}; mechanics ${list(p.pilot.mechanics)}; channels ${list(p.pilot.channels)}`,
    "",
    `Approvals: answer within ${p.approvals.deadlineHours} h or the request is rejected; extra roles ${list(p.approvals.roles)}`,
    ...routes.map((x) => `  - ${x}`),
    `  - anything else → ${[...p.approvals.default.allOf.map((x) => `all of ${x}`), ...(p.approvals.default.anyOf.length ? [`any of ${p.approvals.default.anyOf.join(", ")}`] : [])].join(", ")}`,
  ];
}

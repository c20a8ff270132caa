import type { Audience, AudienceGroup, AudienceTiming } from "../../domain/audience.js";
import { formatWhole } from "../../domain/format.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { ShopperDecision, TargetingDecision } from "../../models/targeting/index.js";
import type { ShopperView } from "../../store/shoppers/index.js";
import type { PolicyGate } from "./policy-gate.js";
import type { BuiltProblem } from "./problem.js";
import { optionKey } from "./problem.js";
import type { UpliftModel } from "./uplift.js";

/** Above this chance of buying without contact, a shopper who is not worth contacting "buys anyway". */
const BUYS_ANYWAY = 0.3;
const pp = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(0)} pp`;
const r2 = (x: number) => Math.round(x * 100) / 100;

interface Group extends AudienceGroup {
  upliftSum: number;
}

export interface SummaryInput {
  proposal: PromotionProposal;
  asOf: Date;
  shoppers: readonly ShopperView[];
  model: UpliftModel;
  built: BuiltProblem | null;
  decision: TargetingDecision | null;
  budget: number;
  spare: number | null;
  limitedBy: Audience["limitedBy"];
  notes: string[];
  couponPct: number;
  gate?: PolicyGate | null;
  /** The lawful "was" price from the store (see lawfulReferencePrice); null or absent = none shown. */
  referencePrice?: number | null;
  /** The contact week chosen and the fatigue behind the expected responses. */
  timing?: AudienceTiming;
}

/** Why a shopper is where they are, in words a category manager reads (the key groups shoppers). */
function reasonOf(x: ShopperDecision, propensity: number, s: SummaryInput): string {
  if (x.action === "contact")
    return "the message alone is expected to make them buy, for more margin than the contact costs";
  if (x.action === "contact_with_discount")
    return `they buy mainly with a discount: a ${s.couponPct} % coupon adds more margin than it gives away`;
  switch (x.reason) {
    case "no_consent":
      return "no recorded opt-in for the channels that would pay (e-mail and SMS need consent)";
    case "frequency_cap":
      return "already at the weekly contact cap (all channels together, or each channel that would pay)";
    case "already_offered":
      return "already received this offer on another channel: the same discount is not sent twice";
    case "not_in_policy":
      return s.gate?.record.uses === "tree"
        ? "the learned policy tree leaves this segment uncontacted: it earns more margin without a contact"
        : "the learned policy contacts nobody: no contact pays on average and no segment was shown to pay";
    case "budget":
      if (s.limitedBy === "stock")
        return `the promoted items' spare stock (${formatWhole(s.spare ?? 0)} units beyond the forecast) could not serve more buyers`;
      return s.budget > 0
        ? `the budget (${formatWhole(s.budget)}) went to shoppers with more margin per unit of spend`
        : "no budget left: the campaign already spends up to its autonomous cap, so targeted contacts would need their own approval";
    default:
      return propensity >= BUYS_ANYWAY
        ? `likely to buy anyway (≥ ${100 * BUYS_ANYWAY} % without contact): a message or discount would mostly pay people who buy regardless`
        : "unlikely to respond: no option adds margin after its costs";
  }
}

/** Segments with reasons and the audience's totals, from the exact per-shopper economics. */
export function summarise(s: SummaryInput): Audience {
  const groups = new Map<string, Group>();
  let contacts = 0,
    discounts = 0,
    margin = 0,
    units = 0,
    contactCost = 0,
    discountCost = 0;
  let budgetBound = false;
  for (const x of s.decision?.decisions ?? []) {
    const propensity = s.built?.responses.get(x.shopperId)?.propensity ?? 0;
    const reason = reasonOf(x, propensity, s);
    const key = `${x.action}|${x.channel ?? ""}|${reason}`;
    const g = groups.get(key) ?? {
      action: x.action,
      channel: x.channel,
      shoppers: 0,
      expectedIncrementalMargin: 0,
      cost: 0,
      reason,
      upliftSum: 0,
    };
    g.shoppers++;
    if (x.reason === "budget") budgetBound = true;
    if (x.action !== "no_contact" && x.channel && s.built) {
      const e = s.built.economics.get(x.shopperId)![
        optionKey(x.channel, x.action === "contact_with_discount")
      ]!;
      const cc = s.built.problem.options.find((o) => o.channel === x.channel)?.contactCost ?? 0;
      g.expectedIncrementalMargin += e.margin - cc;
      g.cost += cc + e.discountCost;
      g.upliftSum += e.units / s.model.unitsPerOrder;
      contacts++;
      if (x.action === "contact_with_discount") discounts++;
      margin += e.margin - cc;
      units += e.units;
      contactCost += cc;
      discountCost += e.discountCost;
    }
    groups.set(key, g);
  }
  const segments = [...groups.values()]
    .sort(
      (a, b) =>
        Number(b.action !== "no_contact") - Number(a.action !== "no_contact") ||
        b.shoppers - a.shoppers,
    )
    .map(({ upliftSum, ...g }) => ({
      ...g,
      expectedIncrementalMargin: r2(g.expectedIncrementalMargin),
      cost: r2(g.cost),
      reason:
        g.action === "no_contact"
          ? g.reason
          : `${g.reason} (mean uplift ${pp(upliftSum / g.shoppers)})`,
    }));
  const channels = s.proposal.channels.filter((c) => s.model.channels.includes(c));
  return {
    segment: contacts > 0 ? s.proposal.id : null,
    message: contacts > 0 ? messageFor(s.proposal, s.referencePrice ?? null) : null,
    couponPct: s.couponPct,
    markets: s.proposal.scope.markets,
    category: s.proposal.scope.category,
    asOf: s.asOf.toISOString(),
    channels,
    shoppers: s.shoppers.length,
    contacts,
    discounts,
    expectedIncrementalMargin: r2(margin),
    expectedIncrementalUnits: r2(units),
    contactCost: r2(contactCost),
    discountCost: r2(discountCost),
    budget: r2(s.budget),
    spareStockUnits: s.spare === null ? null : Math.round(s.spare),
    limitedBy: s.limitedBy === "none" && budgetBound ? "budget" : s.limitedBy,
    segments,
    featuresUsed: s.model.features,
    featuresRefused: s.model.refused,
    model:
      `T-learner (regularised logistic per arm) on ${s.model.rows.toLocaleString("en-US")} randomised experiment rows; ${s.model.unitsPerOrder.toFixed(2)} units per order` +
      (s.gate
        ? `; ${s.gate.record.uses === "tree" ? "policy tree on DR scores" : `best single action (${s.gate.record.fallback}) for everyone`}: ${s.gate.record.why}`
        : ""),
    ...(s.gate ? { policy: s.gate.record } : {}),
    ...(s.timing ? { timing: s.timing } : {}),
    notes: s.notes,
  };
}

/**
 * The message sent with the promotion: what, where, from when, at what price. The "instead of"
 * price is the lawful reference from the store, never the proposal's regular price; without one
 * the message states the promoted price only.
 */
export function messageFor(
  p: PromotionProposal,
  reference: number | null,
): { headline: string; body: string } {
  const items = p.scope.skus.join(", ");
  const was =
    reference !== null && reference > p.promoPrice ? ` instead of ${reference.toFixed(2)}` : "";
  const price = p.discountPct > 0 ? ` at ${p.promoPrice.toFixed(2)}${was}` : "";
  return {
    headline:
      p.discountPct > 0
        ? `${Math.round(p.discountPct)} % off ${items}`
        : `Featured this week: ${items}`,
    body: `${items} (${p.scope.category}) from ${p.startDate} for ${p.weeks} week${p.weeks > 1 ? "s" : ""} in ${p.scope.markets.join(", ")}${price}.`,
  };
}

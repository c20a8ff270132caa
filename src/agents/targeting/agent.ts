import type { Audience } from "../../domain/audience.js";
import type { Channel } from "../../domain/channel.js";
import { proposalSpend, type PromotionProposalInput } from "../../domain/proposal.js";
import {
  decideTargeting,
  type ShopperDecision,
  type TargetingDecision,
} from "../../models/targeting/index.js";
import { lawfulReferencePrice, parseProposal, type LoadedPolicy } from "../../policies/index.js";
import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import {
  experimentFingerprint,
  experimentObservations,
  shoppersAsOf,
  type ShopperView,
} from "../../store/shoppers/index.js";
import type { InventoryView } from "../inventory/index.js";
import { summarise } from "./audience.js";
import { DEFAULT_CONTACT_COSTS, TARGETED_CHANNELS } from "./channels.js";
import { buildProblem, type BuiltProblem } from "./problem.js";
import { withAudience } from "./proposal.js";
import { fitPolicyGate, type GateEconomics, type PolicyGate } from "./policy-gate.js";
import { fitUpliftModel, type UpliftModel } from "./uplift.js";
import { planContactWeek } from "./plan-week.js";
import { contactTimingSchema } from "../../domain/contact-timing.js";

export interface TargetingAgentDeps {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  contactCosts?: Record<string, number>;
  /** Personal discount, in percent of the regular price, when a contact carries one. */
  couponPct?: number;
  /** Upper bound on what targeted contacts and discounts may spend (default: the campaign cap's headroom). */
  maxSpend?: number;
}

export interface TargetingInput {
  proposal: PromotionProposalInput;
  inventory: InventoryView | null;
}

/** The audience, and the proposal amended with it (channels, budget, predicted numbers, targeting facts for the policy). */
export interface TargetingResult {
  audience: Audience;
  proposal: PromotionProposalInput;
  /** Per shopper: the action, channel and why (kept out of the graph state: the audience summarises it). */
  decisions: ShopperDecision[];
}

export interface TargetingAgent {
  /** True when the proposal has a channel the agent plans per shopper (cheap: no store reads). */
  applies(proposal: PromotionProposalInput): boolean;
  target(input: TargetingInput): TargetingResult;
}

/** Bisection steps on the budget: 2⁻²⁰ of it is finer than a cent for any campaign the policy allows. */
const SEARCH_STEPS = 20;

/**
 * The targeting agent: for a proposal with a targeted channel, decides per shopper no contact,
 * contact or contact with a discount and the channel, from uplift fitted on past randomised
 * experiments, the promoted items' margin and spare stock, consent and last week's contacts, under
 * the budget the campaign's autonomous spend cap leaves. Protected attributes are refused as features.
 * @example const t = createTargetingAgent({ db, clock, policy }); if (t.applies(p)) ({ audience, proposal } = t.target({ proposal: p, inventory }));
 */
export function createTargetingAgent(d: TargetingAgentDeps): TargetingAgent {
  // Media cost per contact: documented defaults, then the policy file, then the caller's override.
  const contactCosts = {
    ...DEFAULT_CONTACT_COSTS,
    ...d.policy.policy.targeting.mediaCostPerContact,
    ...d.contactCosts,
  };
  const caps = d.policy.policy.targeting;
  // Fatigue and timing: the Complete Journey defaults unless the policy file overrides them.
  const timing = contactTimingSchema.parse(caps.fatigue ?? {});
  const couponPct = d.couponPct ?? 15;
  const applies = (p: PromotionProposalInput) =>
    p.channels.some((c) => TARGETED_CHANNELS.includes(c));
  // Experiments change rarely: one fit serves every scope of a cycle until the rows change.
  const models = new Map<string, UpliftModel>();
  const modelFor = (channels: Channel[]): UpliftModel => {
    const key = experimentFingerprint(d.db, channels);
    let m = models.get(key);
    if (!m) {
      m = fitUpliftModel(experimentObservations(d.db, channels), channels);
      if (models.size >= 8) models.clear();
      models.set(key, m);
    }
    return m;
  };
  // A gate depends on the experiments and on the proposal's economics; cycles repeat both.
  const gates = new Map<string, PolicyGate | null>();
  const gateFor = (
    channels: Channel[],
    model: UpliftModel,
    e: GateEconomics,
  ): PolicyGate | null => {
    const key = `${experimentFingerprint(d.db, channels)}|${JSON.stringify(e)}`;
    if (!gates.has(key)) {
      if (gates.size >= 16) gates.clear();
      gates.set(key, fitPolicyGate(experimentObservations(d.db, channels), model, e));
    }
    return gates.get(key)!;
  };
  return {
    applies,
    target({ proposal: input, inventory }) {
      const p = parseProposal(input);
      const asOf = d.clock.now();
      const channels = p.channels.filter((c) => TARGETED_CHANNELS.includes(c));
      const shoppers: ShopperView[] = p.scope.markets.flatMap((m) => shoppersAsOf(d.db, m, asOf));
      const model = modelFor(channels);
      const merchandise = {
        category: p.scope.category,
        unitMargin: p.promoPrice - p.predicted.unitCost,
        couponValue: (p.regularPrice * couponPct) / 100,
      };
      const headroom = Math.max(0, d.policy.policy.autonomy.maxSpendPerCampaign - proposalSpend(p));
      const budget = Math.min(headroom, d.maxSpend ?? Infinity);
      const spare = spareStock(p.scope.skus, p.predicted.totalUnits, inventory);
      const gate = model.channels.length
        ? gateFor(channels, model, {
            category: merchandise.category,
            unitMargin: merchandise.unitMargin,
            couponValue: merchandise.couponValue,
            contactCosts,
          })
        : null;
      const base = {
        shoppers,
        model,
        merchandise,
        contactCosts,
        maxContactsPerWeek: caps.maxContactsPerShopperPerWeek,
        maxContactsPerChannelPerWeek: caps.maxContactsPerChannelPerWeek ?? {},
        gate,
        campaignId: p.id,
      };
      const notes = Object.entries(model.skipped).map(
        ([c, why]) => `${c} not targeted per shopper: ${why}`,
      );
      // The message's "was" price is the store's lawful reference, never the proposal's number.
      const referencePrice = lawfulReferencePrice(d.db, p, asOf.toISOString().slice(0, 10));
      if (shoppers.length === 0) notes.push(`no shoppers stored for ${p.scope.markets.join(", ")}`);
      if (model.channels.length === 0 || shoppers.length === 0) {
        const audience = summarise({
          proposal: p,
          asOf,
          shoppers,
          model,
          built: null,
          decision: null,
          budget,
          spare,
          limitedBy: "none",
          notes,
          couponPct,
          gate,
          referencePrice,
        });
        return { audience, proposal: withAudience(input, audience, null), decisions: [] };
      }
      const plan = planContactWeek({
        asOf,
        offerWeeks: p.weeks,
        shoppers,
        timing,
        experimentRows: model.recentCampaignRows,
        decide: (week) => {
          const r = decideWithinLimits({ ...base, ...week }, budget, spare);
          return { ...r, margin: totalsOf(r.built, r.decision, contactCosts).margin };
        },
      });
      const { built, decision, limitedBy } = plan.chosen;
      const audience = summarise({
        proposal: p,
        asOf,
        shoppers: plan.shoppers,
        timing: plan.record,
        model,
        built,
        decision,
        budget,
        spare,
        limitedBy,
        notes,
        couponPct,
        gate,
        referencePrice,
      });
      return {
        audience,
        proposal: withAudience(input, audience, { shoppers: plan.shoppers, decision }),
        decisions: decision.decisions,
      };
    },
  };
}

/** Promoted units the stock can serve beyond the proposal's own forecast (null without an inventory view). */
function spareStock(
  skus: readonly string[],
  forecastUnits: number,
  inventory: InventoryView | null,
): number | null {
  if (!inventory) return null;
  const available = skus.reduce((a, s) => a + (inventory.skus[s]?.availableUnits ?? 0), 0);
  return Math.max(0, available - forecastUnits);
}

interface Totals {
  units: number;
  cost: number;
  /** Expected incremental margin after contact and discount cost. */
  margin: number;
}

function totalsOf(
  built: BuiltProblem,
  decision: TargetingDecision,
  contactCosts: Record<string, number>,
): Totals {
  let units = 0;
  let cost = 0;
  let margin = 0;
  for (const x of decision.decisions) {
    if (x.action === "no_contact" || !x.channel) continue;
    const e = built.economics.get(x.shopperId)![
      x.action === "contact" ? x.channel : `${x.channel}+discount`
    ]!;
    units += e.units;
    cost += (contactCosts[x.channel] ?? 0) + e.discountCost;
    margin += e.margin - (contactCosts[x.channel] ?? 0);
  }
  return { units, cost, margin };
}

/**
 * decideTargeting budgets with each option's mean discount cost; the exact per-shopper cost and the
 * stock are checked here. When either is exceeded, the largest budget that satisfies both is found
 * by bisection (the greedy choice only grows with the budget).
 */
function decideWithinLimits(
  base: Omit<Parameters<typeof buildProblem>[0], "budget">,
  budget: number,
  spare: number | null,
) {
  const costs = base.contactCosts;
  // The uplift predictions do not depend on the budget: build once, decide per trial budget.
  const built = buildProblem({ ...base, budget });
  const run = (b: number) => {
    const decision = decideTargeting({ ...built.problem, budget: b });
    return { built, decision, totals: totalsOf(built, decision, costs) };
  };
  const fits = (t: Totals) =>
    t.cost <= budget + 1e-9 && (spare === null || t.units <= spare + 1e-9);
  const first = run(budget);
  if (fits(first.totals)) return { ...first, limitedBy: "none" as const };
  const byStock = spare !== null && first.totals.units > spare;
  let lo = 0;
  let hi = budget;
  let best = run(0);
  for (let i = 0; i < SEARCH_STEPS; i++) {
    const mid = (lo + hi) / 2;
    const r = run(mid);
    if (fits(r.totals)) {
      best = r;
      lo = mid;
    } else hi = mid;
  }
  return { ...best, limitedBy: byStock ? ("stock" as const) : ("budget" as const) };
}

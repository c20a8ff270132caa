import type {
  ContactOption,
  TargetShopper,
  TargetingProblemInput,
} from "../../models/targeting/index.js";
import type { ShopperView } from "../../store/shoppers/index.js";
import type { PolicyGate } from "./policy-gate.js";
import type { ShopperResponse, UpliftModel } from "./uplift.js";

/** What one unit of the promoted items earns and what the personal discount gives away. */
export interface Merchandise {
  category: string;
  /** Contribution margin per unit at the price the shopper pays (the proposal's promoted price less unit cost). */
  unitMargin: number;
  /** Personal discount per unit when the contact carries one. */
  couponValue: number;
}

/** Per shopper and option: expected incremental units, margin and discount cost (the exact figures behind the decision). */
export interface OptionEconomics {
  units: number;
  margin: number;
  discountCost: number;
}

export interface BuiltProblem {
  problem: TargetingProblemInput;
  /** Keyed by shopper id, then option key (`email`, `email+discount`). */
  economics: Map<string, Record<string, OptionEconomics>>;
  responses: Map<string, ShopperResponse>;
}

export const optionKey = (channel: string, discount: boolean): string =>
  discount ? `${channel}+discount` : channel;
const valueFeature = (key: string): string => `value:${key}`;

/**
 * Builds decideTargeting's problem. The uplift models are non-linear, so each option's expected
 * incremental margin is computed here per shopper and handed over as one derived feature with
 * coefficient 1; the option's `discountCost` is the population's mean expected discount cost (so
 * the greedy ranking sees it), added back into the feature so every shopper's net is exact.
 * Descriptive attributes are passed along but, as in decideTargeting, never drive the choice.
 */
export function buildProblem(input: {
  shoppers: readonly ShopperView[];
  model: UpliftModel;
  merchandise: Merchandise;
  contactCosts: Record<string, number>;
  budget: number;
  maxContactsPerWeek: number;
  maxContactsPerChannelPerWeek?: Record<string, number>;
  /** The learned policy's allowed actions per shopper (all when absent). */
  gate?: PolicyGate | null;
  /** The campaign being planned: a shopper who already received it on any channel is not sent it again. */
  campaignId?: string;
  /**
   * Per shopper, the share of a contact's incremental response that is expected to remain (fatigue
   * from recent campaigns, response weeks lost to a later contact); 1 when absent.
   */
  responseFactor?: (s: ShopperView) => number;
}): BuiltProblem {
  const { shoppers, model, merchandise: m } = input;
  const economics = new Map<string, Record<string, OptionEconomics>>();
  const responses = new Map<string, ShopperResponse>();
  for (const s of shoppers) {
    const r = model.predict(s.features, m.category);
    responses.set(s.id, r);
    const e: Record<string, OptionEconomics> = {};
    const f = input.responseFactor?.(s) ?? 1;
    // Fatigue and timing shrink what the contact adds, not the chance of buying without it.
    const kept = (q: number): number => r.propensity + (q - r.propensity) * f;
    for (const [ch, q] of Object.entries(r.byChannel)) {
      const p = { contact: kept(q.contact), discount: kept(q.discount) };
      const upc = model.unitsPerOrder;
      e[optionKey(ch, false)] = {
        units: (p.contact - r.propensity) * upc,
        margin: (p.contact - r.propensity) * upc * m.unitMargin,
        discountCost: 0,
      };
      // Everyone who buys with the coupon uses it, including those who would have bought anyway.
      const given = p.discount * upc * m.couponValue;
      e[optionKey(ch, true)] = {
        units: (p.discount - r.propensity) * upc,
        margin: (p.discount - r.propensity) * upc * m.unitMargin - given,
        discountCost: given,
      };
    }
    economics.set(s.id, e);
  }
  const options: ContactOption[] = [];
  for (const ch of model.channels) {
    for (const discount of [false, true]) {
      const key = optionKey(ch, discount);
      const costs = [...economics.values()].map((e) => e[key]?.discountCost ?? 0);
      const meanDiscount = costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : 0;
      options.push({
        channel: ch as ContactOption["channel"],
        discount,
        intercept: 0,
        coefficients: { [valueFeature(key)]: 1 },
        contactCost: input.contactCosts[ch] ?? 0,
        discountCost: meanDiscount,
      });
    }
  }
  const targetShoppers: TargetShopper[] = shoppers.map((s) => {
    const e = economics.get(s.id)!;
    const features: Record<string, number> = {};
    for (const o of options) {
      const key = optionKey(o.channel, o.discount);
      features[valueFeature(key)] = (e[key]?.margin ?? 0) + o.discountCost;
    }
    return {
      shopperId: s.id,
      features,
      attributes: s.attributes,
      consent: s.consent,
      contactsThisWeek: s.contactsThisWeek,
      contactsByChannel: s.contactsByChannel,
      alreadyOffered:
        input.campaignId !== undefined && s.campaignsReceived.includes(input.campaignId),
      ...(input.gate ? { allowedActions: input.gate.allowed(s.features) } : {}),
    };
  });
  const caps = {
    maxContactsPerWeek: input.maxContactsPerWeek,
    maxContactsPerChannelPerWeek: input.maxContactsPerChannelPerWeek ?? {},
  };
  return {
    problem: { shoppers: targetShoppers, options, budget: input.budget, ...caps },
    economics,
    responses,
  };
}

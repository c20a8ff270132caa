import type { PolicyRule, RuleOutcome } from "../types.js";
import { block, escalate, fmt, pass } from "../types.js";
import type { PolicyContext } from "../context/types.js";
import type { Verification } from "../context/verify.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import { writtenOffers } from "./offers.js";
import { shopperTexts } from "./urgency.js";

/**
 * The policy verifies, it does not believe: the proposal's identifiers, money, prices, costs,
 * predictions and dates are checked against the store and the check's own clock before any other
 * rule reads them. Compiled in; a claim that disagrees with the store blocks, naming both values.
 */

/** Relative tolerance for a price claim (a price written to the cent on a 0.50+ item is within it). */
export const PRICE_TOLERANCE = 0.01;
/** Relative tolerance for a unit cost claim (costs are derived and rounded to the cent). */
export const COST_TOLERANCE = 0.02;
/** Relative tolerance for predicted numbers that must agree with each other. */
export const PREDICTION_TOLERANCE = 0.02;
/** The declared baseline must lie within this factor of the store's recent rate of sale. */
export const BASELINE_FACTOR = 3;
/** Weeks of history the store baseline needs before it can refute a claim. */
export const MIN_HISTORY_WEEKS = 4;

const off = (claim: number, fact: number, tol: number) =>
  Math.abs(claim - fact) > tol * Math.abs(fact);
const pctOff = (claim: number, fact: number) =>
  `${fmt((Math.abs(claim - fact) / Math.abs(fact || 1)) * 100)} %`;
const unverified = (ctx: PolicyContext): RuleOutcome =>
  pass(`not verified: context built without the store (${ctx.today})`);

function withVerification(
  check: (
    v: Verification,
    ctx: PolicyContext,
    p: Parameters<PolicyRule["check"]>[0],
  ) => RuleOutcome,
): PolicyRule["check"] {
  return (p, ctx) => (ctx.verification ? check(ctx.verification, ctx, p) : unverified(ctx));
}

export const identifiersRule: PolicyRule = {
  id: "integrity.identifiers",
  builtin: true,
  summary:
    "markets, category, SKUs (and aliases), locations and competitors are the store's, after normalisation",
  check: withVerification((v) =>
    v.identifierProblems.length
      ? block(`identifiers do not match the store: ${v.identifierProblems.join("; ")}`)
      : pass("every identifier is known to the store"),
  ),
};

export const currencyRule: PolicyRule = {
  id: "integrity.currency",
  builtin: true,
  summary: "every amount is converted to the policy currency at the FX rate of the day",
  check: withVerification((v) => {
    const m = v.money;
    if (m.problems.length) return block(`money cannot be converted: ${m.problems.join("; ")}`);
    const rate = m.toPolicy!;
    const spend = v.declared.budget.media + v.declared.budget.discount;
    if (m.currency === m.policyCurrency)
      return pass(`amounts in ${m.currency}, the policy currency`);
    return pass(
      `amounts in ${m.currency} converted to ${m.policyCurrency} at ${rate.rate.toFixed(4)} (rate of ${rate.date}): spend ${fmt(spend)} ${m.currency} = ${fmt(spend * rate.rate)} ${m.policyCurrency}`,
    );
  }),
};

export const storeFactsRule: PolicyRule = {
  id: "integrity.store_facts",
  builtin: true,
  summary: "regular price and unit cost agree with the store within a relative tolerance",
  check: withVerification((v, ctx, p) => {
    const ccy = v.money.marketCurrency ?? "";
    const bad: string[] = [];
    let missing = 0;
    for (const f of v.prices) {
      if (f.regularPrice === null) missing++;
      else if (off(p.regularPrice, f.regularPrice, PRICE_TOLERANCE)) {
        bad.push(
          `regular price ${fmt(p.regularPrice)} ${ccy} vs store ${fmt(f.regularPrice)} ${ccy} for ${f.sku} in ${f.marketId} (${pctOff(p.regularPrice, f.regularPrice)} apart > ${fmt(PRICE_TOLERANCE * 100)} %)`,
        );
      }
      if (f.unitCost !== null && off(p.predicted.unitCost, f.unitCost, COST_TOLERANCE)) {
        bad.push(
          `unit cost ${fmt(p.predicted.unitCost)} ${ccy} vs store ${fmt(f.unitCost)} ${ccy} for ${f.sku} in ${f.marketId} (${pctOff(p.predicted.unitCost, f.unitCost)} apart > ${fmt(COST_TOLERANCE * 100)} %)`,
        );
      }
    }
    if (bad.length) return block(`claims disagree with the store: ${bad.join("; ")}`);
    if (missing === v.prices.length && v.prices.length > 0) {
      return escalate(
        `no shelf price on record for ${v.prices.map((f) => `${f.sku}/${f.marketId}`).join(", ")}: regular price ${fmt(p.regularPrice)} cannot be verified`,
        { allOf: ["category_manager"], anyOf: [] },
      );
    }
    void ctx;
    return pass(
      `regular price ${fmt(p.regularPrice)} ${ccy} and unit cost ${fmt(p.predicted.unitCost)} ${ccy} agree with the store`,
    );
  }),
};

export const timingRule: PolicyRule = {
  id: "integrity.timing",
  builtin: true,
  summary: "a promotion starts today or later, by the check's own clock",
  check: (p, ctx) => {
    // "Today" is the latest local date among the markets served: a start already past in Berlin is past.
    const local = ctx.verification?.localToday;
    const today = local && local > ctx.today ? local : ctx.today;
    const where = today === ctx.today ? "" : " in a market's time zone";
    if (p.startDate >= today) return pass(`start ${p.startDate} ≥ today ${today}${where}`);
    // An edit of a running campaign keeps its past start; moving the start into the past is refused all the same.
    const edit = ctx.verification?.edit;
    if (edit && edit.startDate === p.startDate)
      return pass(`edit of campaign ${edit.campaignId}, running since ${p.startDate}`);
    return block(`start ${p.startDate} is in the past (today ${today}${where})`);
  },
};

/** A written offer may round the real depth (a 33.33 % "3 for 2" said as "save 33 %"), not exceed it. */
const OFFER_TOLERANCE_PTS = 0.5;

/** The offers written in every shopper-visible text, with where each was written; amounts in the proposal's own currency. */
function promisedOffers(
  p: PromotionProposal,
  regularPrice: number,
): { where: string; phrase: string; pct: number }[] {
  return shopperTexts(p).flatMap((t) =>
    writtenOffers(t.text, regularPrice).map((o) => ({ where: t.where, ...o })),
  );
}

export const mechanicsRule: PolicyRule = {
  id: "integrity.mechanics",
  builtin: true,
  summary:
    "multi-unit mechanics state their terms; the depth every cap uses is computed from them; no text promises more",
  check: withVerification((v, _ctx, p) => {
    const t = v.declared.terms ?? {};
    if (p.mechanic === "multibuy" && (t.buyUnits === undefined || t.payUnits === undefined))
      return block("a multibuy needs terms.buyUnits and terms.payUnits to compute its depth");
    if (p.mechanic === "bundle" && (t.buyUnits === undefined || t.bundlePrice === undefined))
      return block("a bundle needs terms.buyUnits and terms.bundlePrice to compute its depth");
    const promised = promisedOffers(p, v.declared.regularPrice).filter(
      (o) => o.pct > v.depth.pct + OFFER_TOLERANCE_PTS,
    );
    if (promised.length)
      return block(
        `shopper-visible text promises more than the mechanic gives: ${promised.map((o) => `${o.where}: "${o.phrase}" = ${fmt(o.pct)} %`).join("; ")} > ${v.depth.explain}`,
      );
    return pass(v.depth.explain);
  }),
};

import { keyIn } from "../normalise.js";
import type { PolicyRule } from "../types.js";
import { above, escalate, fmt, pass } from "../types.js";
import { excludeMechanic } from "../revise.js";

/** Campaign types that always need a person, however small: new ground, named rivals, deep cuts. */
export const approvalRules: PolicyRule[] = [
  {
    id: "approval.new_market",
    builtin: false,
    summary: "a market with no promotion on record needs approval",
    check: (p, { policy, promotedMarkets }) => {
      if (!policy.approvalRequired.newMarket)
        return pass("new markets need no approval in this policy");
      const fresh = p.scope.markets.filter((m) => !promotedMarkets.includes(m));
      return fresh.length
        ? escalate(`no promotion on record in market ${fresh.join(", ")} (new market)`)
        : pass(`every market has promotion history`);
    },
  },
  {
    id: "approval.price_match",
    builtin: false,
    summary: "a price match against a listed competitor needs approval",
    check: (p, { policy }) => {
      const competitor = p.priceMatch?.competitor;
      if (competitor === undefined) return pass("no price match");
      const listed = policy.approvalRequired.priceMatchCompetitors;
      return listed.includes("*") || keyIn(listed, competitor)
        ? escalate(`price match against named competitor ${competitor}`)
        : pass(`price match against ${competitor}, not a listed competitor`);
    },
  },
  {
    id: "approval.depth",
    builtin: false,
    summary: "a discount deeper than the approval threshold needs approval",
    check: (p, { policy }) => {
      const x = policy.approvalRequired.depthAbovePct;
      if (x === null) return pass("no depth threshold");
      return above(p.discountPct, x)
        ? escalate(`depth ${fmt(p.discountPct)} % > approval threshold ${fmt(x)} %`)
        : pass(`depth ${fmt(p.discountPct)} % ≤ approval threshold ${fmt(x)} %`);
    },
  },
  {
    id: "approval.multi_market",
    builtin: false,
    summary: "a campaign over more than one market needs approval",
    check: (p, { policy }) => {
      const n = p.scope.markets.length;
      return policy.approvalRequired.multiMarket && n > 1
        ? escalate(`multi-market campaign (${n} markets: ${p.scope.markets.join(", ")})`)
        : pass(`${n} market${n > 1 ? "s" : ""}`);
    },
  },
  {
    id: "approval.national",
    builtin: false,
    summary: "a market-wide (national) campaign, with no location list, needs approval",
    check: (p, { policy }) => {
      if (p.scope.locations) return pass(`limited to ${p.scope.locations.length} location(s)`);
      return policy.approvalRequired.national
        ? escalate(`national campaign: every location of ${p.scope.markets.join(", ")}`)
        : pass("national campaigns need no approval in this policy");
    },
  },
  {
    id: "approval.new_mechanic",
    builtin: false,
    summary: "a mechanic never used before needs approval",
    check: (p, { policy, usedMechanics }) => {
      if (!policy.approvalRequired.newMechanic)
        return pass("new mechanics need no approval in this policy");
      return usedMechanics.includes(p.mechanic)
        ? pass(`mechanic ${p.mechanic} used before`)
        : escalate(`mechanic ${p.mechanic} never used before`);
    },
  },
  {
    id: "approval.mechanic",
    builtin: false,
    summary: "listed mechanics always need approval",
    revise: excludeMechanic,
    check: (p, { policy }) =>
      policy.approvalRequired.mechanics.includes(p.mechanic)
        ? escalate(`mechanic ${p.mechanic} always needs approval`)
        : pass(`mechanic ${p.mechanic} not on the always-approve list`),
  },
];

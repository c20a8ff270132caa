import { proposalEndDate } from "../../domain/proposal.js";
import { daysBetween } from "../../domain/dates.js";
import type { PolicyRule } from "../types.js";
import { block, pass } from "../types.js";

/** A scarcity claim must rest on a stock count at most this many days old. */
export const SCARCITY_MAX_SNAPSHOT_AGE_DAYS = 7;

/** No fake urgency: a countdown must count down to the promotion's real last day. Compiled in; blocks. */
export const countdownRule: PolicyRule = {
  id: "fair_messaging.countdown",
  builtin: true,
  summary: "a countdown ends on the promotion's real end date",
  check: (p) => {
    const shown = p.messaging?.countdownEndDate;
    if (shown === undefined) return pass("no countdown");
    const end = proposalEndDate(p);
    return shown === end
      ? pass(`countdown ends ${shown} = promotion end`)
      : block(`countdown ends ${shown} but the promotion ends ${end}`);
  },
};

/**
 * No fake scarcity: "only N left" is allowed only when, for every SKU in scope, the units that can
 * be sold during the promotion — on hand + in transit at the scope's locations (each location's
 * latest snapshot, the oldest at most 7 days old) + production planned up to the promotion's end —
 * are at most N. Missing or stale stock data means the claim is not backed. Compiled in; blocks.
 */
export const scarcityRule: PolicyRule = {
  id: "fair_messaging.scarcity",
  builtin: true,
  summary: 'an "only N left" claim is backed by stored stock (≤ N units available in scope)',
  check: (p, { stock, plannedProduction, today }) => {
    const n = p.messaging?.scarcityClaimUnits;
    if (n === undefined) return pass("no scarcity claim");
    for (const sku of p.scope.skus) {
      const s = stock.find((x) => x.sku === sku);
      if (!s || s.locations === 0 || s.oldestSnapshot === null)
        return block(`"only ${n} left" for SKU ${sku} has no stock count behind it`);
      const age = daysBetween(s.oldestSnapshot.slice(0, 10), today);
      if (age > SCARCITY_MAX_SNAPSHOT_AGE_DAYS)
        return block(
          `"only ${n} left" for SKU ${sku} rests on a stock count ${age} days old (max ${SCARCITY_MAX_SNAPSHOT_AGE_DAYS})`,
        );
      const available = s.onHand + s.inTransit + (plannedProduction[sku] ?? 0);
      if (available > n)
        return block(
          `"only ${n} left" but SKU ${sku} has ${available} units available (on hand ${s.onHand}, in transit ${s.inTransit}, planned ${plannedProduction[sku] ?? 0})`,
        );
    }
    return pass(`"only ${n} left" backed: every SKU has at most ${n} units available`);
  },
};

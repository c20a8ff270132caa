import { byKey } from "../normalise.js";
import type { PolicyRule } from "../types.js";
import { above, block, escalate, fmt, pass } from "../types.js";

/** Channel rules: where a market may be reached, and how far one SKU's price may differ across channels. */
export const channelRules: PolicyRule[] = [
  {
    id: "channel.allowed",
    builtin: false,
    summary: "every channel allowed in every market (markets not listed use `*`, else none)",
    check: (p, { policy }) => {
      const bad = p.scope.markets.flatMap((m) => {
        const allowed = byKey(policy.channels.allowed, m) ?? policy.channels.allowed["*"] ?? [];
        return p.channels.filter((c) => !allowed.includes(c)).map((c) => `${c} in ${m}`);
      });
      return bad.length
        ? block(`channel not allowed: ${bad.join(", ")}`)
        : pass(`channels ${p.channels.join(", ")} allowed in ${p.scope.markets.join(", ")}`);
    },
  },
  {
    id: "channel.price_parity",
    builtin: false,
    summary:
      "promoted price within tolerance of the same SKU's current price in the market's other sales channels",
    check: (p, { policy, currentPrices }) => {
      const tol = policy.channels.priceTolerancePct;
      const diffs = currentPrices
        .filter((f) => f.price !== null)
        .map((f) => ({ f, pct: (Math.abs(p.promoPrice - (f.price ?? 0)) / (f.price ?? 1)) * 100 }))
        .sort((a, b) => b.pct - a.pct);
      const worst = diffs[0];
      if (!worst) return pass("price not shown in another channel with a known price");
      const text = `SKU ${worst.f.sku} ${fmt(p.promoPrice)} vs ${fmt(worst.f.price ?? 0)} in ${worst.f.channel} (${worst.f.marketId}): ${fmt(worst.pct)} % apart`;
      return above(worst.pct, tol)
        ? escalate(`${text} > tolerance ${fmt(tol)} %`)
        : pass(`${text} ≤ tolerance ${fmt(tol)} %`);
    },
  },
];

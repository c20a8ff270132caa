import type { PromotionProposal } from "../domain/proposal.js";
import { addDays } from "../domain/dates.js";
import type { Db } from "../store/db.js";
import { OMNIBUS_LOOKBACK_DAYS, priceChannelsOf } from "./context/build.js";
import { lowestPricePaid } from "./context/reads.js";

/**
 * The lawful "was" price a channel may show (EU Omnibus, Art. 6a of Directive 98/6/EC): the lowest
 * price the store applied in the 30 days before the reduction is announced (its start, or today
 * when that is later), over the proposal's SKUs, markets and price channels. Never the proposal's
 * own number; null when the store has no price in that window (then no "was" price is shown).
 */
export function lawfulReferencePrice(
  db: Db,
  p: Pick<PromotionProposal, "scope" | "channels" | "startDate">,
  today: string,
): number | null {
  const announced = p.startDate < today ? today : p.startDate;
  const from = addDays(announced, -OMNIBUS_LOOKBACK_DAYS);
  const to = addDays(announced, -1);
  let low: number | null = null;
  for (const sku of p.scope.skus) {
    for (const market of p.scope.markets) {
      for (const channel of priceChannelsOf(p as PromotionProposal)) {
        const price = lowestPricePaid(db, sku, market, channel, from, to);
        if (price !== null && (low === null || price < low)) low = price;
      }
    }
  }
  return low;
}

import type { Channel } from "../domain/channel.js";
import { PRICE_CHANNELS } from "../domain/proposal.js";
import type { Policy } from "../policies/schema.js";
import type { Db } from "../store/db.js";
import { carriedOverlapping } from "./carried.js";
import type { CarriedOffer } from "./carried.js";
import type { ChannelConflict } from "./errors.js";
import type { Offer } from "./message.js";
import { pendingLaunches } from "./outbox.js";

/** What is about to be launched: a campaign's offer on its channels. */
export interface LaunchTarget {
  campaignId: string;
  channels: readonly Channel[];
  offer: Offer;
}

const pct = (a: number, b: number) => (Math.abs(a - b) / Math.min(a, b)) * 100;
const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/** Offers other campaigns' pending launches are about to put on these SKUs and markets. */
function pendingOffers(db: Db, t: LaunchTarget): CarriedOffer[] {
  return pendingLaunches(db, t.campaignId).flatMap(({ message: m }) => {
    const o = m.offer;
    if (o.startDate > t.offer.endDate || o.endDate < t.offer.startDate) return [];
    return o.skus
      .filter((s) => t.offer.skus.includes(s))
      .flatMap((sku) =>
        o.markets
          .filter((mk) => t.offer.markets.includes(mk))
          .map((marketId) => ({
            campaignId: m.campaignId,
            channel: m.channel,
            sku,
            marketId,
            price: o.promoPrice,
            regularPrice: o.regularPrice,
            offer: "pending launch",
            startDate: o.startDate,
            endDate: o.endDate,
          })),
      );
  });
}

/**
 * Conflicts between a launch and what channels carry (or are about to carry) for the same SKU in
 * the same market over overlapping dates: another campaign's offer on a channel this launch also
 * uses, whatever its price (`double_offer`: one promotion per SKU × market × channel at a time,
 * which is also what keeps two runs of overlapping scopes from both launching), and any two prices
 * further apart than the tolerance, as |a − b| / min(a, b) (`price`). Channels with no offer from
 * autopromo are not compared here; the policy's price-parity rule compares against observed prices
 * before approval. Called inside the launch's write transaction, so two writers cannot both pass.
 */
export function checkChannelConsistency(
  db: Db,
  target: LaunchTarget,
  tolerancePct: number,
): ChannelConflict[] {
  const o = target.offer;
  const others = [
    ...carriedOverlapping(db, {
      skus: o.skus,
      markets: o.markets,
      from: o.startDate,
      to: o.endDate,
      exceptCampaignId: target.campaignId,
    }),
    ...pendingOffers(db, target),
  ];
  // Every channel of one campaign shows the same price; name a price channel when there is one.
  const priceChannel =
    target.channels.find((c) => PRICE_CHANNELS.includes(c)) ?? target.channels[0];
  if (!priceChannel) return [];
  const seen = new Set<string>();
  const out: ChannelConflict[] = [];
  for (const other of others) {
    const differencePct = pct(o.promoPrice, other.price);
    const double = target.channels.includes(other.channel);
    const key = `${other.sku}|${other.marketId}|${other.channel}|${other.campaignId}`;
    if ((!double && differencePct <= tolerancePct + 1e-9) || seen.has(key)) continue;
    seen.add(key);
    const channel = double ? other.channel : priceChannel;
    const diff = (Math.round(differencePct * 10) / 10).toFixed(1);
    const carries = other.offer === "pending launch" ? "is about to carry" : "already carries";
    const message = double
      ? `SKU ${other.sku} in ${other.marketId}: ${other.channel} ${carries} campaign ${other.campaignId}'s offer ${other.price.toFixed(2)} (${other.startDate} → ${other.endDate}); one offer per SKU, market and channel at a time`
      : `SKU ${other.sku} in ${other.marketId}: ${channel} ${o.promoPrice.toFixed(2)} vs ${other.channel} ${other.price.toFixed(2)} (campaign ${other.campaignId}), ${diff} % > tolerance ${fmt(tolerancePct)} %`;
    out.push({
      kind: double ? "double_offer" : "price",
      sku: other.sku,
      marketId: other.marketId,
      channel,
      price: o.promoPrice,
      otherChannel: other.channel,
      otherPrice: other.price,
      otherCampaignId: other.campaignId,
      differencePct: Math.round(differencePct * 10) / 10,
      tolerancePct,
      message,
    });
  }
  return out;
}

/** Channels a campaign would use in a market where the policy does not allow them ("email in US-TX"). */
export function disallowedChannels(
  target: { channels: readonly Channel[]; offer: Pick<Offer, "markets"> },
  policy: Pick<Policy, "channels">,
): string[] {
  return target.offer.markets.flatMap((m) => {
    const allowed = policy.channels.allowed[m] ?? policy.channels.allowed["*"] ?? [];
    return target.channels.filter((c) => !allowed.includes(c)).map((c) => `${c} in ${m}`);
  });
}

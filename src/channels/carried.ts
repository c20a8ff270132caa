import type { Channel } from "../domain/channel.js";
import type { Db } from "../store/db.js";
import type { ChannelMessage } from "./message.js";

/**
 * channel_deliveries: what each channel now carries per SKU × market, kept in step with the outbox
 * (written in the transaction that marks a launch delivered, cleared with its retraction).
 */

/** One SKU × market price a channel carries for a campaign. */
export interface CarriedOffer {
  campaignId: string;
  channel: Channel;
  sku: string;
  marketId: string;
  price: number;
  regularPrice: number;
  offer: string;
  startDate: string;
  endDate: string;
}

/** Records that a delivered launch message is now carried by its channel. */
export function recordCarried(db: Db, m: ChannelMessage, outboxId: number, at: string): void {
  const stmt = db.prepare(
    `INSERT INTO channel_deliveries (campaign_id, channel, sku, market_id, price, regular_price, offer, start_date, end_date, outbox_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(campaign_id, channel, sku, market_id) DO UPDATE SET price = excluded.price, regular_price = excluded.regular_price,
       offer = excluded.offer, start_date = excluded.start_date, end_date = excluded.end_date, outbox_id = excluded.outbox_id, updated_at = excluded.updated_at`,
  );
  const o = m.offer;
  // A "was" price only when the store has a lawful one (never the regular price as claimed).
  const was = o.referencePrice !== undefined ? ` (was ${o.referencePrice.toFixed(2)})` : "";
  const text = `${o.promoPrice.toFixed(2)}${was} ${o.startDate}–${o.endDate}`;
  for (const sku of o.skus)
    for (const market of o.markets)
      stmt.run(
        m.campaignId,
        m.channel,
        sku,
        market,
        o.promoPrice,
        o.regularPrice,
        text,
        o.startDate,
        o.endDate,
        outboxId,
        at,
      );
}

/** Records that a channel no longer carries a campaign. */
export function clearCarried(db: Db, campaignId: string, channel: Channel): void {
  db.prepare("DELETE FROM channel_deliveries WHERE campaign_id = ? AND channel = ?").run(
    campaignId,
    channel,
  );
}

/** Channels that carry the campaign now. */
export function channelsCarrying(db: Db, campaignId: string): Channel[] {
  return (
    db
      .prepare(
        "SELECT DISTINCT channel FROM channel_deliveries WHERE campaign_id = ? ORDER BY channel",
      )
      .all(campaignId) as { channel: Channel }[]
  ).map((r) => r.channel);
}

interface Raw {
  campaign_id: string;
  channel: Channel;
  sku: string;
  market_id: string;
  price: number;
  regular_price: number;
  offer: string;
  start_date: string;
  end_date: string;
}

/** Offers of other campaigns on these SKUs and markets whose dates overlap `from`–`to`. */
export function carriedOverlapping(
  db: Db,
  q: { skus: string[]; markets: string[]; from: string; to: string; exceptCampaignId: string },
): CarriedOffer[] {
  const rows = db
    .prepare(
      `SELECT * FROM channel_deliveries
       WHERE sku IN (SELECT value FROM json_each(?)) AND market_id IN (SELECT value FROM json_each(?))
         AND start_date <= ? AND end_date >= ? AND campaign_id <> ?
       ORDER BY sku, market_id, channel`,
    )
    .all(
      JSON.stringify(q.skus),
      JSON.stringify(q.markets),
      q.to,
      q.from,
      q.exceptCampaignId,
    ) as Raw[];
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    channel: r.channel,
    sku: r.sku,
    marketId: r.market_id,
    price: r.price,
    regularPrice: r.regular_price,
    offer: r.offer,
    startDate: r.start_date,
    endDate: r.end_date,
  }));
}

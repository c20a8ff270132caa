import type { z } from "zod";
import { channelSchema } from "../../domain/channel.js";
import { AutopromoError } from "../../errors.js";
import type { Db } from "../db.js";
import {
  experimentArmSchema,
  shopperSchema,
  type ExperimentObservation,
  type ShopperView,
} from "./schema.js";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** The window of the contact-fatigue estimate (`uplift fatigue`: campaigns in the 84 days before). */
export const RECENT_CAMPAIGN_DAYS = 84;

const featuresSchema = shopperSchema.shape.features;
const attributesSchema = shopperSchema.shape.attributes;

/** Parses a JSON column, naming the shopper and the column when it is not what the schema says. */
function column<T>(schema: z.ZodType<T>, text: string, shopperId: string, name: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AutopromoError("STORE_ERROR", `shoppers row ${shopperId}: ${name} is not JSON`, {
      cause: e,
    });
  }
  const r = schema.safeParse(value);
  if (!r.success)
    throw new AutopromoError(
      "STORE_ERROR",
      `shoppers row ${shopperId}: ${name}.${r.error.issues[0]!.path.join(".")}: ${r.error.issues[0]!.message}`,
    );
  return r.data;
}

/** How many shoppers a market has (cheap: the agent skips work for a market without any). */
export function countShoppers(db: Db, market: string): number {
  return (
    db.prepare("SELECT count(*) AS n FROM shoppers WHERE market = ?").get(market) as { n: number }
  ).n;
}

/**
 * The shoppers of a market as of `asOf`: the latest consent event per channel at or before it
 * (a withdrawal wins over an older opt-in; no event means no consent), contacts in the 7 days before
 * it and campaigns in the 84 days before it.
 */
export function shoppersAsOf(db: Db, market: string, asOf: Date): ShopperView[] {
  const at = asOf.toISOString();
  const weekAgo = new Date(asOf.getTime() - WEEK_MS).toISOString();
  const rows = db
    .prepare("SELECT id, market, features, attributes FROM shoppers WHERE market = ? ORDER BY id")
    .all(market) as { id: string; market: string; features: string; attributes: string }[];
  const consents = db
    .prepare(
      `SELECT c.shopper_id AS id, c.channel, c.granted FROM shopper_consents c JOIN shoppers s ON s.id = c.shopper_id
       WHERE s.market = ? AND c.as_of <= ?
         AND c.id = (SELECT x.id FROM shopper_consents x WHERE x.shopper_id = c.shopper_id AND x.channel = c.channel AND x.as_of <= ? ORDER BY x.as_of DESC, x.id DESC LIMIT 1)`,
    )
    .all(market, at, at) as { id: string; channel: string; granted: number }[];
  const contacts = db
    .prepare(
      `SELECT c.shopper_id AS id, c.channel, count(*) AS n FROM shopper_contacts c JOIN shoppers s ON s.id = c.shopper_id
       WHERE s.market = ? AND c.at > ? AND c.at <= ? GROUP BY c.shopper_id, c.channel`,
    )
    .all(market, weekAgo, at) as { id: string; channel: string; n: number }[];
  // Campaigns a shopper was ever contacted for, on any channel: an offer is not sent twice.
  const campaigns = db
    .prepare(
      `SELECT DISTINCT c.shopper_id AS id, c.campaign_id AS campaign FROM shopper_contacts c JOIN shoppers s ON s.id = c.shopper_id
       WHERE s.market = ? AND c.at <= ? AND c.campaign_id IS NOT NULL`,
    )
    .all(market, at) as { id: string; campaign: string }[];
  const recent = db
    .prepare(
      `SELECT c.shopper_id AS id, count(DISTINCT coalesce(c.campaign_id, 'day:' || substr(c.at, 1, 10))) AS n
       FROM shopper_contacts c JOIN shoppers s ON s.id = c.shopper_id
       WHERE s.market = ? AND c.at > ? AND c.at <= ? GROUP BY c.shopper_id`,
    )
    .all(market, new Date(asOf.getTime() - RECENT_CAMPAIGN_DAYS * DAY_MS).toISOString(), at) as {
    id: string;
    n: number;
  }[];
  const recentBy = new Map(recent.map((r) => [r.id, r.n]));
  const consentBy = new Map<string, Record<string, boolean>>();
  for (const c of consents)
    consentBy.set(c.id, { ...consentBy.get(c.id), [c.channel]: c.granted === 1 });
  const contactsBy = new Map<string, Record<string, number>>();
  for (const c of contacts) contactsBy.set(c.id, { ...contactsBy.get(c.id), [c.channel]: c.n });
  const campaignsBy = new Map<string, string[]>();
  for (const c of campaigns) campaignsBy.set(c.id, [...(campaignsBy.get(c.id) ?? []), c.campaign]);
  const total = (r: Record<string, number> | undefined): number =>
    Object.values(r ?? {}).reduce((a, b) => a + b, 0);
  return rows.map((r) => ({
    id: r.id,
    market: r.market,
    features: column(featuresSchema, r.features, r.id, "features"),
    attributes: column(attributesSchema, r.attributes, r.id, "attributes"),
    consent: consentBy.get(r.id) ?? {},
    contactsThisWeek: total(contactsBy.get(r.id)),
    contactsByChannel: contactsBy.get(r.id) ?? {},
    campaignsReceived: campaignsBy.get(r.id) ?? [],
    recentCampaigns: recentBy.get(r.id) ?? 0,
  }));
}

/**
 * Every experiment row on the given channels, with its shopper's features (all markets: the models
 * pool them) and the campaigns that reached the shopper in the 84 days before the assignment.
 */
export function experimentObservations(
  db: Db,
  channels: readonly string[],
): ExperimentObservation[] {
  if (channels.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT e.experiment_id, e.shopper_id, e.market, e.category, e.channel, e.arm, e.assigned_at, e.converted, e.units, e.margin, s.features,
         (SELECT count(DISTINCT coalesce(c.campaign_id, 'day:' || substr(c.at, 1, 10))) FROM shopper_contacts c
          WHERE c.shopper_id = e.shopper_id AND c.at < e.assigned_at
            AND c.at > strftime('%Y-%m-%dT%H:%M:%fZ', e.assigned_at, '-${RECENT_CAMPAIGN_DAYS} days')) AS recent
       FROM contact_experiments e JOIN shoppers s ON s.id = e.shopper_id
       WHERE e.channel IN (${channels.map(() => "?").join(", ")}) ORDER BY e.experiment_id, e.shopper_id`,
    )
    .all(...channels) as {
    experiment_id: string;
    shopper_id: string;
    market: string;
    category: string;
    channel: string;
    arm: string;
    assigned_at: string;
    converted: number;
    units: number;
    margin: number;
    features: string;
    recent: number;
  }[];
  return rows.map((r) => {
    const arm = experimentArmSchema.safeParse(r.arm);
    if (!arm.success)
      throw new AutopromoError(
        "STORE_ERROR",
        `contact_experiments row ${r.experiment_id}/${r.shopper_id}: arm "${r.arm}" is not one of control, contact, contact_discount`,
      );
    const channel = channelSchema.safeParse(r.channel);
    if (!channel.success)
      throw new AutopromoError(
        "STORE_ERROR",
        `contact_experiments row ${r.experiment_id}/${r.shopper_id}: channel "${r.channel}" is not a known channel`,
      );
    return {
      experimentId: r.experiment_id,
      shopperId: r.shopper_id,
      market: r.market,
      category: r.category,
      channel: channel.data,
      arm: arm.data,
      assignedAt: r.assigned_at,
      converted: r.converted === 1,
      units: r.units,
      margin: r.margin,
      features: column(featuresSchema, r.features, r.shopper_id, "features"),
      recentCampaigns: r.recent,
    };
  });
}

/** Changes whenever the experiment rows on these channels or their shoppers' features change (a cache key for fitted models). */
export function experimentFingerprint(db: Db, channels: readonly string[]): string {
  if (channels.length === 0) return "none";
  const r = db
    .prepare(
      `SELECT count(*) AS n, coalesce(max(e.rowid), 0) AS last, coalesce(sum(e.converted), 0) AS buyers, coalesce(sum(length(s.features)), 0) AS size
       FROM contact_experiments e JOIN shoppers s ON s.id = e.shopper_id WHERE e.channel IN (${channels.map(() => "?").join(", ")})`,
    )
    .get(...channels) as { n: number; last: number; buyers: number; size: number };
  return `${channels.join("+")}:${r.n}:${r.last}:${r.buyers}:${r.size}`;
}

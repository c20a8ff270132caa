import { InputError } from "../../errors.js";
import type { Db } from "../db.js";
import { writeTx } from "../write-tx.js";
import { shopperBatchSchema, type ShopperBatchInput } from "./schema.js";

/** What storing a batch did. */
export interface ShopperLoad {
  shoppers: number;
  consents: number;
  contacts: number;
  experiments: number;
}

/**
 * Stores a shopper population in one transaction. Shoppers and experiment rows are keyed, so a
 * re-run stores nothing twice; consent and contact logs are append-only, so they are only written
 * with shoppers that were new (a batch is all-or-nothing per origin).
 */
export function saveShopperBatch(db: Db, input: ShopperBatchInput): ShopperLoad {
  const parsed = shopperBatchSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    throw new InputError("INVALID_INPUT", `shopper batch: ${field}: ${issue.message}`, { field });
  }
  const b = parsed.data;
  const now = new Date().toISOString();
  const insShopper = db.prepare(
    "INSERT OR IGNORE INTO shoppers (id, market, features, attributes, origin, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insConsent = db.prepare(
    "INSERT INTO shopper_consents (shopper_id, channel, granted, as_of, source) VALUES (?, ?, ?, ?, ?)",
  );
  const insContact = db.prepare(
    "INSERT INTO shopper_contacts (shopper_id, channel, at, campaign_id) VALUES (?, ?, ?, ?)",
  );
  const insExp = db.prepare(
    `INSERT OR IGNORE INTO contact_experiments (experiment_id, shopper_id, market, category, channel, arm, assigned_at, converted, units, margin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return writeTx(db, (): ShopperLoad => {
    const fresh = new Set<string>();
    for (const s of b.shoppers)
      if (
        insShopper.run(
          s.id,
          s.market,
          JSON.stringify(s.features),
          JSON.stringify(s.attributes),
          b.origin,
          now,
        ).changes
      )
        fresh.add(s.id);
    const consents = b.consents.filter((c) => fresh.has(c.shopperId));
    for (const c of consents)
      insConsent.run(c.shopperId, c.channel, c.granted ? 1 : 0, c.asOf, c.source);
    const contacts = b.contacts.filter((c) => fresh.has(c.shopperId));
    for (const c of contacts) insContact.run(c.shopperId, c.channel, c.at, c.campaignId ?? null);
    let experiments = 0;
    for (const e of b.experiments) {
      experiments += insExp.run(
        e.experimentId,
        e.shopperId,
        e.market,
        e.category,
        e.channel,
        e.arm,
        e.assignedAt,
        e.converted ? 1 : 0,
        e.units,
        e.margin,
      ).changes;
    }
    return {
      shoppers: fresh.size,
      consents: consents.length,
      contacts: contacts.length,
      experiments,
    };
  });
}

import { promotionProposalSchema } from "../domain/proposal.js";
import type { PromotionProposal, PromotionProposalInput } from "../domain/proposal.js";
import type { Db } from "../store/db.js";
import { validatePolicy } from "./load.js";
import type { LoadedPolicy } from "./load.js";
import { emptyContext } from "./context/types.js";
import type { PolicyContext } from "./context/types.js";
import { ruleById } from "./registry.js";
import type { RuleOutcome } from "./types.js";

/**
 * Small builders for tests and eval suites: a proposal that passes a permissive policy, a policy
 * from partial overrides, and direct store seeding for the tables the policy context reads.
 */

/** A proposal document with sensible numbers; `patch` is merged one level deep into nested objects. */
export function proposalDoc(patch: Record<string, unknown> = {}): PromotionProposalInput {
  const base: PromotionProposalInput = {
    id: "promo-1",
    scope: { skus: ["SKU-1"], category: "cereal", markets: ["M1"], locations: ["S1"] },
    mechanic: "tpr",
    regularPrice: 4,
    discountPct: 20,
    startDate: "2025-03-03",
    weeks: 2,
    channels: ["store"],
    budget: { media: 1000, discount: 500 },
    predicted: { baselineUnits: 1000, incrementalUnits: 300, liftPct: 30, incrementalMargin: 800, roi: 0.53, unitCost: 2, totalUnits: 1300 },
  };
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] = v !== null && typeof v === "object" && !Array.isArray(v) && cur && typeof cur === "object" && !Array.isArray(cur) ? { ...cur, ...v } : v;
  }
  return out as PromotionProposalInput;
}

/** A parsed proposal (see `proposalDoc`). */
export function makeProposal(patch: Record<string, unknown> = {}): PromotionProposal {
  return promotionProposalSchema.parse(proposalDoc(patch));
}

/** A loaded policy from a partial document (defaults fill the rest). */
export function makePolicy(doc: Record<string, unknown> = {}): LoadedPolicy {
  return validatePolicy(doc, "(test)");
}

export interface StoreSeed {
  products?: { sku: string; category: string; unitCost?: number; regularPrice?: number }[];
  markets?: string[];
  locations?: { id: string; marketId: string }[];
  sales?: { sku: string; marketId: string; locationId?: string; channel?: string; periodStart: string; periodEnd: string; pricePaid?: number; units?: number; feature?: boolean; display?: boolean; tpr?: boolean }[];
  inventory?: { sku: string; locationId: string; marketId: string; asOf: string; onHand: number; onOrder?: number; inTransit?: number }[];
  production?: { plant: string; sku: string; date: string; plannedUnits: number }[];
}

/** Inserts seed rows straight into the store tables (no ingestion, no harmonisation). */
export function seedStore(db: Db, seed: StoreSeed): void {
  db.transaction(() => {
    for (const m of seed.markets ?? []) db.prepare("INSERT OR IGNORE INTO markets (id, region, currency, time_zone, week_ends_on) VALUES (?, 'test', 'EUR', 'UTC', 'saturday')").run(m);
    for (const l of seed.locations ?? []) db.prepare("INSERT OR IGNORE INTO locations (id, market_id, kind) VALUES (?, ?, 'store')").run(l.id, l.marketId);
    for (const p of seed.products ?? []) {
      db.prepare("INSERT INTO products (sku, name, category, unit_cost, regular_price, currency) VALUES (?, ?, ?, ?, ?, 'EUR')").run(p.sku, p.sku, p.category, p.unitCost ?? null, p.regularPrice ?? null);
    }
    const sale = db.prepare(
      `INSERT INTO sales (source, sku, market_id, location_id, channel, granularity, period_start, period_end, retail_week, units, revenue, price_paid, feature, display, tpr, content_hash, ingest_id)
       VALUES ('seed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed', 0)`,
    );
    for (const s of seed.sales ?? []) {
      const units = s.units ?? 10;
      const gran = s.periodStart === s.periodEnd ? "day" : "week";
      sale.run(s.sku, s.marketId, s.locationId ?? null, s.channel ?? "store", gran, s.periodStart, s.periodEnd, s.periodEnd, units, units * (s.pricePaid ?? 0), s.pricePaid ?? null, s.feature ? 1 : 0, s.display ? 1 : 0, s.tpr ? 1 : 0);
    }
    const inv = db.prepare(
      `INSERT INTO inventory (source, sku, location_id, market_id, as_of, retail_week, on_hand, on_order, in_transit, content_hash, ingest_id)
       VALUES ('seed', ?, ?, ?, ?, ?, ?, ?, ?, 'seed', 0)`,
    );
    for (const i of seed.inventory ?? []) inv.run(i.sku, i.locationId, i.marketId, i.asOf, i.asOf.slice(0, 10), i.onHand, i.onOrder ?? 0, i.inTransit ?? 0);
    const prod = db.prepare("INSERT INTO production (source, plant, sku, date, planned_units, capacity_units, content_hash, ingest_id) VALUES ('seed', ?, ?, ?, ?, ?, 'seed', 0)");
    for (const p of seed.production ?? []) prod.run(p.plant, p.sku, p.date, p.plannedUnits, p.plannedUnits);
  })();
}

/** A context with no store facts for `policy`, dated `today`, with `patch` applied. */
export function makeContext(policy: LoadedPolicy = makePolicy(), patch: Partial<PolicyContext> = {}, today = "2025-02-20"): PolicyContext {
  return { ...emptyContext(policy.policy, policy.version, today), ...patch };
}

/** The outcome of one rule (by id) on a proposal patch and context. */
export function outcomeOf(ruleId: string, proposal: PromotionProposal, ctx: PolicyContext): RuleOutcome["outcome"] {
  return ruleById(ruleId).check(proposal, ctx).outcome;
}

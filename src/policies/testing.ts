import { promotionProposalSchema } from "../domain/proposal.js";
import type { PromotionProposal, PromotionProposalInput } from "../domain/proposal.js";
import { writeTx, type Db } from "../store/index.js";
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
    predicted: {
      baselineUnits: 1000,
      incrementalUnits: 300,
      liftPct: 100,
      incrementalMargin: 800,
      roi: 0.53,
      unitCost: 2,
      totalUnits: 2000,
    },
  };
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] =
      v !== null &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      cur &&
      typeof cur === "object" &&
      !Array.isArray(cur)
        ? { ...cur, ...v }
        : v;
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
  markets?: (string | { id: string; currency: string })[];
  locations?: { id: string; marketId: string }[];
  sales?: {
    sku: string;
    marketId: string;
    locationId?: string;
    channel?: string;
    periodStart: string;
    periodEnd: string;
    pricePaid?: number;
    regularPrice?: number;
    units?: number;
    feature?: boolean;
    display?: boolean;
    tpr?: boolean;
  }[];
  fxRates?: { date: string; from: string; to: string; rate: number }[];
  aliases?: { source?: string; code: string; sku: string }[];
  competitors?: string[];
  inventory?: {
    sku: string;
    locationId: string;
    marketId: string;
    asOf: string;
    onHand: number;
    onOrder?: number;
    inTransit?: number;
  }[];
  production?: { plant: string; sku: string; date: string; plannedUnits: number }[];
}

/** Inserts seed rows straight into the store tables (no ingestion, no harmonisation). */
export function seedStore(db: Db, seed: StoreSeed): void {
  writeTx(db, () => {
    for (const m of seed.markets ?? []) {
      const { id, currency } = typeof m === "string" ? { id: m, currency: "EUR" } : m;
      db.prepare(
        "INSERT OR IGNORE INTO markets (id, region, currency, time_zone, week_ends_on) VALUES (?, 'test', ?, 'UTC', 'saturday')",
      ).run(id, currency);
    }
    for (const l of seed.locations ?? [])
      db.prepare(
        "INSERT OR IGNORE INTO locations (id, market_id, kind) VALUES (?, ?, 'store')",
      ).run(l.id, l.marketId);
    for (const p of seed.products ?? []) {
      db.prepare(
        "INSERT INTO products (sku, name, category, unit_cost, regular_price, currency) VALUES (?, ?, ?, ?, ?, 'EUR')",
      ).run(p.sku, p.sku, p.category, p.unitCost ?? null, p.regularPrice ?? null);
    }
    const sale = db.prepare(
      `INSERT INTO sales (source, sku, market_id, location_id, channel, granularity, period_start, period_end, retail_week, units, revenue, price_paid, regular_price, feature, display, tpr, content_hash, ingest_id)
       VALUES ('seed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed', 0)`,
    );
    for (const s of seed.sales ?? []) {
      const units = s.units ?? 10;
      const gran = s.periodStart === s.periodEnd ? "day" : "week";
      sale.run(
        s.sku,
        s.marketId,
        s.locationId ?? null,
        s.channel ?? "store",
        gran,
        s.periodStart,
        s.periodEnd,
        s.periodEnd,
        units,
        units * (s.pricePaid ?? 0),
        s.pricePaid ?? null,
        s.regularPrice ?? null,
        s.feature ? 1 : 0,
        s.display ? 1 : 0,
        s.tpr ? 1 : 0,
      );
    }
    const inv = db.prepare(
      `INSERT INTO inventory (source, sku, location_id, market_id, as_of, retail_week, on_hand, on_order, in_transit, content_hash, ingest_id)
       VALUES ('seed', ?, ?, ?, ?, ?, ?, ?, ?, 'seed', 0)`,
    );
    for (const i of seed.inventory ?? [])
      inv.run(
        i.sku,
        i.locationId,
        i.marketId,
        i.asOf,
        i.asOf.slice(0, 10),
        i.onHand,
        i.onOrder ?? 0,
        i.inTransit ?? 0,
      );
    const prod = db.prepare(
      "INSERT INTO production (source, plant, sku, date, planned_units, capacity_units, content_hash, ingest_id) VALUES ('seed', ?, ?, ?, ?, ?, 'seed', 0)",
    );
    for (const p of seed.production ?? [])
      prod.run(p.plant, p.sku, p.date, p.plannedUnits, p.plannedUnits);
    for (const f of seed.fxRates ?? [])
      db.prepare(
        "INSERT OR REPLACE INTO fx_rates (date, from_ccy, to_ccy, rate) VALUES (?, ?, ?, ?)",
      ).run(f.date, f.from, f.to, f.rate);
    for (const a of seed.aliases ?? [])
      db.prepare("INSERT OR REPLACE INTO sku_aliases (source, code, sku) VALUES (?, ?, ?)").run(
        a.source ?? "pos",
        a.code,
        a.sku,
      );
    const rival = db.prepare(
      `INSERT OR IGNORE INTO competitor_prices (source, competitor, competitor_product, sku, market_id, price, observed_at, retail_week, content_hash, ingest_id)
       VALUES ('seed', ?, 'x', ?, ?, 1, '2000-01-01T00:00:00Z', '2000-01-01', 'seed', 0)`,
    );
    for (const c of seed.competitors ?? []) rival.run(c, seed.products?.[0]?.sku ?? "x", "x");
  });
}

/**
 * A small market that makes `proposalDoc()` check clean against the store: market M1 (EUR) with
 * store S1, SKU-1 and SKU-2 in cereal at 4.00 (cost 2.00), eight weeks selling 500 a week before
 * 2025-02-17, and the stock to cover it.
 */
export function seedProposalMarket(db: Db): void {
  const weeks = Array.from({ length: 8 }, (_, w) => 8 - w);
  seedStore(db, {
    markets: ["M1", "M2"],
    locations: [
      { id: "S1", marketId: "M1" },
      { id: "S2", marketId: "M1" },
      { id: "T1", marketId: "M2" },
    ],
    products: [
      { sku: "SKU-1", category: "cereal", unitCost: 2, regularPrice: 4 },
      { sku: "SKU-2", category: "cereal", unitCost: 2, regularPrice: 4 },
    ],
    sales: ["SKU-1", "SKU-2"].flatMap((sku) =>
      weeks.map((w) => {
        const end = new Date(Date.parse("2025-02-16T00:00:00Z") - (w - 1) * 7 * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const start = new Date(Date.parse(`${end}T00:00:00Z`) - 6 * 86_400_000)
          .toISOString()
          .slice(0, 10);
        return {
          sku,
          marketId: "M1",
          locationId: "S1",
          periodStart: start,
          periodEnd: end,
          pricePaid: 4,
          regularPrice: 4,
          units: 500,
        };
      }),
    ),
    inventory: ["SKU-1", "SKU-2"].map((sku) => ({
      sku,
      locationId: "S1",
      marketId: "M1",
      asOf: "2025-02-19T00:00:00Z",
      onHand: 5000,
    })),
  });
}

/** A context with no store facts for `policy`, dated `today`, with `patch` applied. */
export function makeContext(
  policy: LoadedPolicy = makePolicy(),
  patch: Partial<PolicyContext> = {},
  today = "2025-02-20",
): PolicyContext {
  return { ...emptyContext(policy.policy, policy.version, today), ...patch };
}

/** The outcome of one rule (by id) on a proposal patch and context. */
export function outcomeOf(
  ruleId: string,
  proposal: PromotionProposal,
  ctx: PolicyContext,
): RuleOutcome["outcome"] {
  return ruleById(ruleId).check(proposal, ctx).outcome;
}

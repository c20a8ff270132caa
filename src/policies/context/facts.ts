import { lastShelfPrice } from "../../store/prices.js";
import type { Db } from "../../store/db.js";
import { prepared } from "../../store/sql.js";
import { idKey } from "../normalise.js";
import { termsDepth } from "../terms.js";
import type { TermsInput } from "../terms.js";

/**
 * Reference facts the policy reads instead of believing the proposal: markets and their
 * currencies, locations, products, SKU aliases, competitors, local shelf prices and FX rates.
 * Read fresh on every check (a few small tables), so nothing here is cached.
 */

export interface ProductFact {
  sku: string;
  category: string;
  unitCost: number | null;
  regularPrice: number | null;
  currency: string;
}

export interface ReferenceFacts {
  markets: Map<string, { currency: string }>;
  locations: Map<string, { marketId: string }>;
  products: Map<string, ProductFact>;
  categories: string[];
  /** Alias code (any source) → canonical SKU. */
  aliases: Map<string, string>;
  competitors: string[];
}

/** Reads the reference tables once for a check. */
export function readReferenceFacts(db: Db): ReferenceFacts {
  const markets = prepared(db, "SELECT id, currency FROM markets").all() as {
    id: string;
    currency: string;
  }[];
  const locations = prepared(db, "SELECT id, market_id FROM locations").all() as {
    id: string;
    market_id: string;
  }[];
  const products = prepared(
    db,
    "SELECT sku, category, unit_cost, regular_price, currency FROM products",
  ).all() as {
    sku: string;
    category: string;
    unit_cost: number | null;
    regular_price: number | null;
    currency: string;
  }[];
  const aliases = prepared(db, "SELECT code, sku FROM sku_aliases ORDER BY source, code").all() as {
    code: string;
    sku: string;
  }[];
  const competitors = prepared(
    db,
    "SELECT DISTINCT competitor FROM competitor_prices ORDER BY competitor",
  ).all() as { competitor: string }[];
  return {
    markets: new Map(markets.map((m) => [m.id, { currency: m.currency.toUpperCase() }])),
    locations: new Map(locations.map((l) => [l.id, { marketId: l.market_id }])),
    products: new Map(
      products.map((p) => [
        p.sku,
        {
          sku: p.sku,
          category: p.category,
          unitCost: p.unit_cost,
          regularPrice: p.regular_price,
          currency: p.currency.toUpperCase(),
        },
      ]),
    ),
    categories: [...new Set(products.map((p) => p.category))].sort(),
    aliases: new Map(aliases.map((a) => [a.code, a.sku])),
    competitors: competitors.map((c) => c.competitor),
  };
}

/** A conversion rate with the day it was published. */
export interface FxQuote {
  rate: number;
  date: string;
}

function latestRate(db: Db, from: string, to: string, onOrBefore: string): FxQuote | null {
  const row = prepared(
    db,
    "SELECT rate, date FROM fx_rates WHERE from_ccy = ? AND to_ccy = ? AND date <= ? ORDER BY date DESC LIMIT 1",
  ).get(from, to, onOrBefore) as FxQuote | undefined;
  return row ?? null;
}

function directRate(db: Db, from: string, to: string, day: string): FxQuote | null {
  const direct = latestRate(db, from, to, day);
  if (direct) return direct;
  const inverse = latestRate(db, to, from, day);
  return inverse ? { rate: 1 / inverse.rate, date: inverse.date } : null;
}

/**
 * The rate converting `from` into `to` published on or before `day`: direct, inverse, or
 * through one pivot currency (the demo publishes everything against USD).
 */
export function fxRate(db: Db, from: string, to: string, day: string): FxQuote | null {
  if (from === to) return { rate: 1, date: day };
  const direct = directRate(db, from, to, day);
  if (direct) return direct;
  const pivots = prepared(
    db,
    "SELECT DISTINCT to_ccy AS c FROM fx_rates WHERE from_ccy IN (?, ?) UNION SELECT DISTINCT from_ccy FROM fx_rates WHERE to_ccy IN (?, ?)",
  ).all(from, to, from, to) as { c: string }[];
  for (const { c } of pivots) {
    if (c === from || c === to) continue;
    const a = directRate(db, from, c, day);
    const b = directRate(db, c, to, day);
    if (a && b) return { rate: a.rate * b.rate, date: a.date < b.date ? a.date : b.date };
  }
  return null;
}

/** The local shelf price of a SKU in a market: the latest regular price on a sales row up to `day`. */
export function localRegularPrice(
  db: Db,
  sku: string,
  marketId: string,
  day: string,
): number | null {
  return lastShelfPrice(db, sku, marketId, day);
}

/** Units sold of a SKU in a market (optionally some locations) over `from`–`to`, and the weeks seen. */
export function unitsSold(
  db: Db,
  sku: string,
  marketId: string,
  from: string,
  to: string,
): { units: number; weeks: number } {
  const row = prepared(
    db,
    `SELECT coalesce(sum(units), 0) AS u, count(DISTINCT retail_week) AS w FROM sales
      WHERE sku = ? AND market_id = ? AND retail_week >= ? AND retail_week <= ?`,
  ).get(sku, marketId, from, to) as { u: number; w: number };
  return { units: row.u, weeks: row.w };
}

/** A scheduled or live campaign touching a SKU, with its depth (for stacking). */
export interface LivePromotion {
  campaignId: string;
  sku: string;
  mechanic: string;
  depthPct: number;
  from: string;
  to: string;
}

/**
 * Campaigns not ended, stopped or cancelled whose dates overlap `from`–`to` and whose SKUs include
 * any of `skus`. A campaign's SKUs and markets are matched as the policy matches identifiers
 * (normalised, POS aliases resolved), and its depth is the one its terms give (a live BOGO
 * declared at 20 % is 50 %), so nothing written on the live campaign hides it from stacking.
 */
export function livePromotions(
  db: Db,
  skus: string[],
  markets: string[],
  from: string,
  to: string,
  excludeId: string,
): LivePromotion[] {
  const rows = prepared(
    db,
    `SELECT c.id, c.proposal, c.start_date, c.end_date FROM campaigns c JOIN campaign_status s ON s.campaign_id = c.id
      WHERE s.status IN ('scheduled', 'live', 'paused') AND c.id <> ? AND c.end_date >= ? AND c.start_date <= ?`,
  ).all(excludeId, from, to) as {
    id: string;
    proposal: string;
    start_date: string;
    end_date: string;
  }[];
  if (!rows.length) return [];
  const aliases = new Map(
    (
      prepared(db, "SELECT code, sku FROM sku_aliases").all() as { code: string; sku: string }[]
    ).map((a) => [idKey(a.code), a.sku]),
  );
  const skuOf = (s: string) => idKey(aliases.get(idKey(s)) ?? s);
  const wanted = new Map(skus.map((s) => [skuOf(s), s]));
  const marketKeys = new Set(markets.map(idKey));
  const out: LivePromotion[] = [];
  for (const r of rows) {
    let p: TermsInput & { scope?: { skus?: unknown[]; markets?: unknown[] }; discountPct?: number };
    try {
      p = JSON.parse(r.proposal) as typeof p;
    } catch {
      continue;
    }
    if (!(p.scope?.markets ?? []).some((m) => typeof m === "string" && marketKeys.has(idKey(m))))
      continue;
    const depthPct = Math.max(Number(p.discountPct) || 0, termsDepth(p)?.pct ?? 0);
    for (const raw of p.scope?.skus ?? []) {
      const sku = typeof raw === "string" ? wanted.get(skuOf(raw)) : undefined;
      if (sku)
        out.push({
          campaignId: r.id,
          sku,
          mechanic: p.mechanic ?? "tpr",
          depthPct,
          from: r.start_date,
          to: r.end_date,
        });
    }
  }
  return out;
}

import { proposalEndDate } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import { addDays } from "../../domain/dates.js";
import type { Db } from "../../store/db.js";
import { prepared } from "../../store/sql.js";
import { effectiveDepth } from "../mechanics.js";
import { idKey } from "../normalise.js";
import type { Policy } from "../schema.js";
import { fxRate, livePromotions, localRegularPrice, readReferenceFacts } from "./facts.js";
import type { LivePromotion } from "./facts.js";
import { resolveIdentifiers } from "./resolve.js";
import type { ModelCheck } from "../predictor.js";

/**
 * What the policy checked the proposal's claims against, and the proposal as the rules see it:
 * store identifiers, per-unit prices in the market's currency, money totals (budget, margin) in
 * the policy's currency, and the discount depth its mechanic really gives.
 */
export interface Verification {
  identifierProblems: string[];
  money: MoneyBasis;
  /** The store's shelf price and unit cost per SKU × market, in the market's currency. */
  prices: { sku: string; marketId: string; regularPrice: number | null; unitCost: number | null }[];
  /** Units the store sold at this rate over the last weeks, scaled to the proposal's weeks; null when none. */
  storeBaseline: { units: number; weeks: number } | null;
  livePromotions: LivePromotion[];
  depth: { pct: number; explain: string };
  /** The proposal as written (amounts in its own currency), for reasons that show both. */
  declared: PromotionProposal;
  /** Set when the check is an edit of a committed campaign: its committed start (a live campaign's start is past). */
  edit: { campaignId: string; startDate: string } | null;
  /** Whether the store has any sales in the proposal's markets (a SKU without history there is then suspicious). */
  marketHasSales: boolean;
  /** The latest local date in the proposal's markets' time zones (a start before it is already past somewhere). */
  localToday: string;
  /** The lift model's prediction for the same scenario (set by checkProposal); absent = not asked. */
  model?: ModelCheck;
}

/** How the proposal's money was converted. */
export interface MoneyBasis {
  /** Currency the proposal's amounts are in (declared, else its markets'). */
  currency: string | null;
  marketCurrency: string | null;
  policyCurrency: string;
  /** Proposal → policy currency, and proposal → market currency (per-unit prices). */
  toPolicy: { rate: number; date: string } | null;
  toMarket: { rate: number; date: string } | null;
  problems: string[];
}

/** Weeks of sales history the store baseline is read over. */
const BASELINE_WEEKS = 8;

function moneyBasis(
  db: Db,
  p: PromotionProposal,
  currencies: string[],
  policy: Policy,
  today: string,
): MoneyBasis {
  const problems: string[] = [];
  const marketCurrency = currencies.length === 1 ? currencies[0]! : null;
  if (currencies.length > 1)
    problems.push(
      `markets ${p.scope.markets.join(", ")} price in ${currencies.join(", ")}: one price line cannot span currencies`,
    );
  const currency = p.currency ?? marketCurrency;
  if (currency === null && currencies.length === 0)
    problems.push("the proposal names no currency and its markets have none in the store");
  const quote = (to: string | null) => {
    if (currency === null || to === null) return null;
    const q = fxRate(db, currency, to, today);
    if (!q) problems.push(`no FX rate ${currency}→${to} on or before ${today}`);
    return q;
  };
  return {
    currency,
    marketCurrency,
    policyCurrency: policy.currency,
    toPolicy: quote(policy.currency),
    toMarket: quote(marketCurrency),
    problems,
  };
}

function scale(p: PromotionProposal, toMarket: number, toPolicy: number): PromotionProposal {
  const m = (x: number | undefined) => (x === undefined ? undefined : x * toMarket);
  const out: PromotionProposal = {
    ...p,
    regularPrice: p.regularPrice * toMarket,
    promoPrice: p.promoPrice * toMarket,
    budget: { media: p.budget.media * toPolicy, discount: p.budget.discount * toPolicy },
    predicted: {
      ...p.predicted,
      unitCost: p.predicted.unitCost * toMarket,
      incrementalMargin: p.predicted.incrementalMargin * toPolicy,
    },
  };
  if (p.referencePrice !== undefined) out.referencePrice = m(p.referencePrice);
  if (p.terms?.bundlePrice !== undefined)
    out.terms = { ...p.terms, bundlePrice: m(p.terms.bundlePrice) };
  if (p.priceMatch?.competitorPrice !== undefined)
    out.priceMatch = { ...p.priceMatch, competitorPrice: m(p.priceMatch.competitorPrice) };
  return out;
}

/** Store unit cost in the market's currency: the catalogue's cost rate on the local shelf price (as the demand agent plans), else FX. */
function unitCostOf(
  db: Db,
  cost: number | null,
  catalogue: number | null,
  ccy: string,
  local: number | null,
  marketCcy: string | null,
  today: string,
): number | null {
  if (cost === null) return null;
  if (local !== null && catalogue) return (local * cost) / catalogue;
  if (marketCcy === null) return null;
  const q = fxRate(db, ccy, marketCcy, today);
  return q ? cost * q.rate : null;
}

function storeBaseline(
  db: Db,
  p: PromotionProposal,
  today: string,
): { units: number; weeks: number } | null {
  const from = addDays(today, -7 * BASELINE_WEEKS);
  const locs = p.scope.locations;
  const online = p.channels.includes("ecommerce") || !p.channels.includes("store");
  let units = 0;
  let weeks = 0;
  for (const sku of p.scope.skus) {
    for (const m of p.scope.markets) {
      const row = prepared(
        db,
        `SELECT coalesce(sum(units), 0) AS u, count(DISTINCT retail_week) AS w FROM sales WHERE sku = @sku AND market_id = @m
           AND retail_week > @from AND retail_week <= @today
           AND (@all = 1 OR location_id IN (SELECT value FROM json_each(@locs)) OR (location_id IS NULL AND @online = 1))`,
      ).get({
        sku,
        m,
        from,
        today,
        all: locs ? 0 : 1,
        locs: JSON.stringify(locs ?? []),
        online: online ? 1 : 0,
      }) as { u: number; w: number };
      if (row.w > 0) units += (row.u / row.w) * p.weeks;
      weeks = Math.max(weeks, row.w);
    }
  }
  return weeks > 0 ? { units, weeks } : null;
}

/** Resolves, converts and checks `declared` against the store; the result feeds the integrity rules. */
/** The latest calendar date among the markets' time zones at `now` (UTC's for a zone the store lacks or gets wrong). */
function latestLocalDate(db: Db, markets: string[], now: Date): string {
  let latest = now.toISOString().slice(0, 10);
  for (const m of markets) {
    const row = prepared(db, "SELECT time_zone AS tz FROM markets WHERE id = ?").get(m) as
      { tz: string | null } | undefined;
    if (!row?.tz) continue;
    try {
      const local = new Intl.DateTimeFormat("en-CA", {
        timeZone: row.tz,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }).format(now);
      if (local > latest) latest = local;
    } catch {
      // An unknown zone name: UTC's date stands.
    }
  }
  return latest;
}

export function verifyProposal(
  db: Db,
  declared: PromotionProposal,
  policy: Policy,
  today: string,
  replaces?: string,
  clock: Date = new Date(`${today}T00:00:00Z`),
): { proposal: PromotionProposal; verification: Verification } {
  const facts = readReferenceFacts(db);
  const { proposal: resolved, problems } = resolveIdentifiers(declared, facts);
  // Ids compare as identifiers do: `LIVE-BOGO` or `live_bogo` is the committed `live-bogo`.
  const ids = prepared(
    db,
    "SELECT DISTINCT campaign_id AS id FROM spend_commitments WHERE status <> 'cancelled'",
  ).all() as { id: string }[];
  const reused = ids.find((r) => idKey(r.id) === idKey(declared.id) && r.id !== replaces);
  if (reused)
    problems.push(
      `id ${declared.id} is already a committed campaign's (${reused.id}): a new proposal needs its own id`,
    );
  const currencies = [
    ...new Set(
      resolved.scope.markets
        .map((m) => facts.markets.get(m)?.currency)
        .filter((c): c is string => c !== undefined),
    ),
  ].sort();
  const money = moneyBasis(db, resolved, currencies, policy, today);
  const converted = scale(resolved, money.toMarket?.rate ?? 1, money.toPolicy?.rate ?? 1);
  const prices = converted.scope.skus.flatMap((sku) =>
    converted.scope.markets.map((marketId) => {
      const prod = facts.products.get(sku);
      const local = localRegularPrice(db, sku, marketId, today);
      const ccy = facts.markets.get(marketId)?.currency ?? null;
      // No shelf price on a sales row: the catalogue's price, converted to the market's currency.
      const fx =
        prod && prod.regularPrice !== null && ccy !== null
          ? fxRate(db, prod.currency, ccy, today)
          : null;
      const shelf =
        local ?? (prod?.regularPrice != null && fx ? prod.regularPrice * fx.rate : null);
      return {
        sku,
        marketId,
        regularPrice: shelf,
        unitCost: prod
          ? unitCostOf(db, prod.unitCost, prod.regularPrice, prod.currency, shelf, ccy, today)
          : null,
      };
    }),
  );
  const live = livePromotions(
    db,
    converted.scope.skus,
    converted.scope.markets,
    converted.startDate,
    proposalEndDate(converted),
    replaces ?? "",
  );
  const depth = effectiveDepth(converted, live);
  const proposal: PromotionProposal = {
    ...converted,
    discountPct: depth.pct,
    promoPrice: converted.regularPrice * (1 - depth.pct / 100),
  };
  const own = replaces
    ? (prepared(db, "SELECT start_date AS s FROM spend_commitments WHERE campaign_id = ?").get(
        replaces,
      ) as { s: string } | undefined)
    : undefined;
  const marketHasSales = proposal.scope.markets.some(
    (m) => prepared(db, "SELECT 1 FROM sales WHERE market_id = ? LIMIT 1").get(m) !== undefined,
  );
  const verification: Verification = {
    identifierProblems: problems,
    money,
    prices,
    storeBaseline: storeBaseline(db, proposal, today),
    livePromotions: live,
    depth,
    declared,
    edit: replaces ? { campaignId: replaces, startDate: own?.s ?? declared.startDate } : null,
    marketHasSales,
    localToday: latestLocalDate(db, proposal.scope.markets, clock),
  };
  return { proposal, verification };
}

import { PRICE_CHANNELS, proposalEndDate } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { Channel } from "../../domain/channel.js";
import type { Db } from "../../store/db.js";
import type { Clock } from "../../domain/clock.js";
import { addDays, eachDay, isoDateOf } from "../../domain/dates.js";
import type { LoadedPolicy } from "../load.js";
import * as reads from "./reads.js";
import type { PolicyContext, PriceFact, StockFact } from "./types.js";

/** Omnibus look-back: the lowest price applied in the 30 days before the reduction. */
export const OMNIBUS_LOOKBACK_DAYS = 30;
/** How far back a "current" price for channel parity may be. */
const CURRENT_PRICE_LOOKBACK_DAYS = 90;
/** Promotion history read around the proposal: enough for any quarter and any gap it touches. */
const HISTORY_DAYS = 400;

/** The price channels a proposal's price applies in: its own store/ecommerce channels, else both. */
export function priceChannelsOf(p: PromotionProposal): Channel[] {
  const own = p.channels.filter((c) => PRICE_CHANNELS.includes(c));
  return own.length > 0 ? own : [...PRICE_CHANNELS];
}

function priceFacts(
  db: Db,
  p: PromotionProposal,
  from: string,
  to: string,
  read: typeof reads.lowestPricePaid,
  channels: readonly Channel[],
): PriceFact[] {
  return p.scope.skus.flatMap((sku) =>
    p.scope.markets.flatMap((marketId) =>
      channels.map((channel) => ({
        sku,
        marketId,
        channel,
        price: read(db, sku, marketId, channel, from, to),
        from,
        to,
      })),
    ),
  );
}

function stockFacts(db: Db, p: PromotionProposal, nowIso: string): StockFact[] {
  return p.scope.skus.map((sku) => {
    const rows = reads.latestStock(db, sku, p.scope.markets, p.scope.locations, nowIso);
    const sum = (k: "on_hand" | "on_order" | "in_transit") => rows.reduce((s, r) => s + r[k], 0);
    const oldest = rows.reduce<string | null>(
      (m, r) => (m === null || r.as_of < m ? r.as_of : m),
      null,
    );
    return {
      sku,
      onHand: sum("on_hand"),
      onOrder: sum("on_order"),
      inTransit: sum("in_transit"),
      oldestSnapshot: oldest,
      locations: rows.length,
    };
  });
}

function mechanicsOf(f: { feature: number; display: number; tpr: number }): string[] {
  const out: string[] = [];
  if (f.tpr) out.push("tpr");
  if (f.feature) out.push("feature");
  if (f.display) out.push("display");
  if (f.feature && f.display) out.push("feature_display");
  return out;
}

/** Reads from the store everything the rules need to judge `proposal` under `loaded`, as of `clock`. */
export function buildPolicyContext(
  db: Db,
  proposal: PromotionProposal,
  loaded: LoadedPolicy,
  clock: Clock,
  replaces?: string,
): PolicyContext {
  const now = clock.now();
  const today = isoDateOf(now);
  const start = proposal.startDate;
  const end = proposalEndDate(proposal);
  const dayBefore = addDays(start, -1);
  // The reduction is announced on its first day, or today when that day is already past: never earlier than the check.
  const announced = start < today ? today : start;
  const priceChannels = priceChannelsOf(proposal);
  const otherChannels = PRICE_CHANNELS.filter((c) => !priceChannels.includes(c));

  const categorySkus = reads.categorySkus(db, proposal.scope.category);
  const historySkus = [...new Set([...proposal.scope.skus, ...categorySkus])];
  const histFrom = addDays(start, -HISTORY_DAYS);
  const histTo = addDays(end, HISTORY_DAYS);
  // Every live commitment once; those near the proposal are the same rows, in the same order, as a read bounded to them.
  // Only an edit of a committed campaign leaves that campaign out: a new proposal reusing its id does not.
  const everCommitted = reads.liveCommitments(db, replaces ?? "");
  const commitments = everCommitted.filter((c) => c.endDate >= histFrom && c.startDate <= histTo);

  const promoted = new Map<string, Set<string>>(historySkus.map((s) => [s, new Set<string>()]));
  // Re-checking a campaign already committed (an edit) must not count its own promoted sales as another promotion.
  const own = replaces ? reads.ownCommitment(db, replaces) : undefined;
  const ownSkus = own ? (JSON.parse(own.skus) as string[]) : [];
  for (const r of reads.promotedSalesPeriods(
    db,
    historySkus,
    proposal.scope.markets,
    histFrom,
    histTo,
  )) {
    for (const d of eachDay(r.from, r.to))
      if (!(own && ownSkus.includes(r.sku) && d >= own.s && d <= own.e))
        promoted.get(r.sku)?.add(d);
  }
  for (const c of commitments) {
    if (!c.markets.some((m) => proposal.scope.markets.includes(m))) continue;
    // Most committed campaigns are of other categories: their days are only listed for SKUs tracked here.
    const tracked = c.skus.filter((sku) => promoted.has(sku));
    if (tracked.length === 0) continue;
    const days = eachDay(c.startDate, c.endDate);
    for (const sku of tracked) for (const d of days) promoted.get(sku)!.add(d);
  }

  const flags = reads.promotionFlagsSeen(db);
  const usedMechanics = new Set([
    ...flags.flatMap(mechanicsOf),
    ...everCommitted.map((c) => c.mechanic),
  ]);
  const promotedMarkets = new Set([
    ...flags.map((f) => f.market_id),
    ...everCommitted.flatMap((c) => c.markets),
  ]);

  return {
    policy: loaded.policy,
    policyVersion: loaded.version,
    today,
    priorLowestPrices: priceFacts(
      db,
      proposal,
      addDays(announced, -OMNIBUS_LOOKBACK_DAYS),
      addDays(announced, -1),
      reads.lowestPricePaid,
      priceChannels,
    ),
    currentPrices: priceFacts(
      db,
      proposal,
      addDays(start, -CURRENT_PRICE_LOOKBACK_DAYS),
      dayBefore,
      reads.latestPricePaid,
      otherChannels,
    ),
    stock: stockFacts(db, proposal, now.toISOString()),
    plannedProduction: Object.fromEntries(
      proposal.scope.skus.map((sku) => [sku, reads.plannedProduction(db, sku, today, end)]),
    ),
    promotedDays: Object.fromEntries([...promoted].map(([sku, days]) => [sku, [...days].sort()])),
    usedMechanics: [...usedMechanics].sort(),
    promotedMarkets: [...promotedMarkets].sort(),
    commitments,
    categorySkus,
  };
}

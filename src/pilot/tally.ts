import type { CampaignAccrual, WeekOutcome, WorldCampaign } from "../sim/market/index.js";
import { CARRYING_RATE } from "../sim/market/index.js";
import type { PilotScope } from "./options.js";

/** One strategy's results over the pilot weeks of one seed. */
export interface StrategyResult {
  /** Contribution margin (sales margin − media − carrying cost) in the pilot scope, and everywhere. */
  marginInScope: number;
  marginAll: number;
  campaigns: number;
  /** True effects of its campaigns (treated stores, against the same weeks without them). */
  incrementalUnits: number;
  baselineUnits: number;
  liftPct: number;
  promoIncrementalMargin: number;
  spend: number;
  roi: number;
  cannibalisedUnits: number;
  pulledForwardUnits: number;
  /** Store × SKU × weeks with lost sales, all and in promoted cells, and how many cells there were (the stock-out rates' denominators). */
  stockOuts: number;
  stockOutsPromoted: number;
  cells: number;
  promotedCells: number;
  /** Units above 5 weeks of cover at the start minus at the end, in scope. */
  excessCleared: number;
}

export const inScope = (scope: PilotScope, market: string, category: string): boolean =>
  (!scope.markets || scope.markets.includes(market)) &&
  (!scope.categories || scope.categories.includes(category));

/** Adds up a strategy's weeks. */
export class Tally {
  marginInScope = 0;
  marginAll = 0;
  stockOuts = 0;
  stockOutsPromoted = 0;
  cells = 0;
  promotedCells = 0;
  readonly accruals = new Map<string, CampaignAccrual[]>();

  constructor(
    private readonly scope: PilotScope,
    private readonly categoryOf: (sku: string) => string,
    private readonly unitCost: (sku: string) => number,
  ) {}

  add(o: WeekOutcome, campaigns: readonly WorldCampaign[]): void {
    const byId = new Map(campaigns.map((c) => [c.id, c]));
    const book = (market: string, category: string, amount: number) => {
      this.marginAll += amount;
      if (inScope(this.scope, market, category)) this.marginInScope += amount;
    };
    for (const c of o.cells) {
      book(
        c.market,
        c.category,
        c.units * (c.price - c.unitCost) - c.onHand * c.unitCost * CARRYING_RATE,
      );
      this.cells++;
      if (c.campaignId) this.promotedCells++;
      if (c.lost > 0) {
        this.stockOuts++;
        if (c.campaignId) this.stockOutsPromoted++;
      }
    }
    for (const d of o.dcStock)
      book(d.market, this.categoryOf(d.sku), -d.onHand * this.unitCost(d.sku) * CARRYING_RATE);
    for (const a of o.accruals) {
      const c = byId.get(a.campaignId);
      if (c) book(c.market, c.category, -a.mediaCost);
      this.accruals.set(a.campaignId, [...(this.accruals.get(a.campaignId) ?? []), a]);
    }
  }

  /** The totals, counting only campaigns in `ids` (the strategy's own, not history's). */
  result(ids: ReadonlySet<string>, excessCleared: number): StrategyResult {
    let inc = 0,
      base = 0,
      margin = 0,
      spend = 0,
      cann = 0,
      pf = 0;
    for (const [id, list] of this.accruals) {
      if (!ids.has(id)) continue;
      for (const a of list) {
        inc += a.ownUnits - a.ownBaseline;
        base += a.ownBaseline;
        margin += a.incrementalMargin;
        spend += a.discountCost + a.mediaCost;
        cann += a.cannibalised;
        pf += a.pulledForward;
      }
    }
    return {
      marginInScope: this.marginInScope,
      marginAll: this.marginAll,
      campaigns: ids.size,
      incrementalUnits: inc,
      baselineUnits: base,
      liftPct: base > 0 ? (100 * inc) / base : 0,
      promoIncrementalMargin: margin,
      spend,
      roi: spend > 0 ? margin / spend : 0,
      cannibalisedUnits: cann,
      pulledForwardUnits: pf,
      stockOuts: this.stockOuts,
      stockOutsPromoted: this.stockOutsPromoted,
      cells: this.cells,
      promotedCells: this.promotedCells,
      excessCleared,
    };
  }

  /** The campaign's true effect so far (sum of its accruals). */
  truthOf(id: string): { incrementalMargin: number; ownUnits: number; ownBaseline: number } {
    const list = this.accruals.get(id) ?? [];
    return list.reduce(
      (s, a) => ({
        incrementalMargin: s.incrementalMargin + a.incrementalMargin,
        ownUnits: s.ownUnits + a.ownUnits,
        ownBaseline: s.ownBaseline + a.ownBaseline,
      }),
      { incrementalMargin: 0, ownUnits: 0, ownBaseline: 0 },
    );
  }
}

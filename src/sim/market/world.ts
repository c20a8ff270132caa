import { Rng } from "../demo/rng.js";
import { addDays } from "../demo/calendar.js";
import { asRun } from "./ads.js";
import { activeAt, hasDisplay, hasFeature, MEDIA, runsIn, type WorldCampaign } from "./campaign.js";
import { meanDemand, shelfPrice, type DemandEnv, type DemandPoint } from "./demand.js";
import { advanceCompetitor, baseCompetitorMove, type CompetitorState } from "./competitor.js";
import { BASE_MODEL } from "./worlds/base.js";
import type { CompetitorMove, WorldModel } from "./world-def.js";
import type { MarketWorldSpec } from "./spec.js";
import { storeId, type MarketTruth } from "./truth.js";

/** Weekly carrying cost of stock, as a share of unit cost (≈ 25 % a year, the agent's assumption too). */
export const CARRYING_RATE = 0.005;
const STORE_COVER_WEEKS = 2;
const DC_COVER_WEEKS = 3;

/** One store × SKU cell of a simulated week, as it happened. */
export interface CellOutcome {
  market: string;
  store: string;
  sku: string;
  category: string;
  demand: number;
  units: number;
  lost: number;
  price: number;
  regularPrice: number;
  unitCost: number;
  feature: boolean;
  display: boolean;
  onHand: number;
  campaignId: string | null;
}

/** What one campaign did this week in its treated stores, against the same week without it (same noise). */
export interface CampaignAccrual {
  campaignId: string;
  week: number;
  /** Own SKU units with and without the campaign (promoted weeks), and lost in the dip week. */
  ownUnits: number;
  ownBaseline: number;
  pulledForward: number;
  /** Siblings' units lost to it (positive). */
  cannibalised: number;
  discountCost: number;
  mediaCost: number;
  /** Contribution margin with minus without it, media included. */
  incrementalMargin: number;
}

/** A simulated week: every cell, competitor prices, the production plan, and the campaigns' true effects. */
export interface WeekOutcome {
  week: number;
  weekEnd: string;
  cells: CellOutcome[];
  dcStock: { market: string; sku: string; onHand: number; inTransit: number }[];
  competitor: { market: string; sku: string; regular: number; cut: number }[];
  production: { sku: string; week: number; planned: number; capacity: number }[];
  searchIndex: { market: string; category: string; value: number }[];
  accruals: CampaignAccrual[];
  mediaCost: number;
  carryingCost: number;
  /** The retailer's media rate card per market: what a featured SKU-week costs, ad slots (null = no limit). */
  adRates: { market: string; featureCostPerWeek: number; slotsPerWeek: number | null }[];
}

interface State {
  store: Record<string, number>;
  dc: Record<string, number>;
  /** Plant output shipped last week, arriving at the DCs this week. */
  inbound: Record<string, number>;
  /** Last four weeks' sales per store × SKU (the retailer's replenishment forecast). */
  recent: Record<string, number[]>;
  competitor: Record<string, CompetitorState>;
  /** The last week played (−1 before the first). */
  week: number;
}

/**
 * The simulated retailer: true demand (hidden), stores replenished from a DC per market, one plant
 * with limited capacity and a week of lead time, competitors that answer promotions. Deterministic
 * per seed; noise is drawn per (week, store, SKU) so every strategy meets the same luck.
 */
export class MarketWorld {
  private s: State;
  readonly skusByCategory: Record<string, string[]>;
  readonly capacity: Record<string, number>;

  /** The world's truth and model as true demand reads them. */
  readonly env: DemandEnv;
  /** Per-instance lookups of pure facts (week dates, store ids): demand reads them millions of times. */
  private readonly storeIds = new Map<string, string[]>();
  private readonly weekFacts = new Map<number, { end: string; ofYear: number }>();

  constructor(
    readonly spec: MarketWorldSpec,
    readonly truth: MarketTruth,
    readonly model: WorldModel = BASE_MODEL,
    state?: State,
  ) {
    this.env = { model, truth, pilotStart: spec.historyWeeks };
    this.skusByCategory = Object.fromEntries(
      spec.categories.map((c) => [c.name, c.skus.map((s) => s.sku)]),
    );
    this.capacity = {};
    for (const sku of Object.keys(truth.skus))
      this.capacity[sku] = Math.ceil((1.3 * this.networkBaseline(sku)) / 10) * 10;
    this.s = state ?? this.initialState();
  }

  /** An independent copy (same truth, same state) for another strategy to play on. */
  clone(): MarketWorld {
    return new MarketWorld(this.spec, this.truth, this.model, structuredClone(this.s));
  }

  /** The market's store ids (shared, read-only). */
  stores(market: string): readonly string[] {
    let ids = this.storeIds.get(market);
    if (ids === undefined) {
      const m = this.spec.markets.find((x) => x.id === market);
      ids = Array.from({ length: m?.stores ?? 0 }, (_, i) => storeId(market, i + 1));
      this.storeIds.set(market, ids);
    }
    return ids;
  }

  private week(w: number): { end: string; ofYear: number } {
    let f = this.weekFacts.get(w);
    if (f === undefined) {
      const end = addDays(this.spec.firstWeekEnd, 7 * w);
      const day =
        (Date.parse(`${end}T00:00:00Z`) - Date.UTC(Number(end.slice(0, 4)), 0, 1)) / 86_400_000;
      f = { end, ofYear: Math.min(51, Math.floor(day / 7)) };
      this.weekFacts.set(w, f);
    }
    return f;
  }

  weekEnd(w: number): string {
    return this.week(w).end;
  }

  weekOfYear(w: number): number {
    return this.week(w).ofYear;
  }

  /** The week index whose promoted week starts on `iso` (the day after the previous week end). */
  weekStartingOn(iso: string): number {
    return (
      Math.round(
        (Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${this.spec.firstWeekEnd}T00:00:00Z`)) /
          (7 * 86_400_000),
      ) + 1
    );
  }

  categoryOf(sku: string): string {
    return this.truth.skus[sku]!.category;
  }

  /** Mean weekly units of a SKU over every store, no promotion, no season. */
  networkBaseline(sku: string): number {
    const t = this.truth.skus[sku]!;
    return this.spec.markets.reduce(
      (n, m) =>
        n +
        this.stores(m.id).reduce((k, st) => k + t.baseUnits * (this.truth.storeSize[st] ?? 1), 0),
      0,
    );
  }

  private initialState(): State {
    const s: State = { store: {}, dc: {}, inbound: {}, recent: {}, competitor: {}, week: -1 };
    for (const m of this.spec.markets) {
      for (const sku of Object.keys(this.truth.skus)) {
        const t = this.truth.skus[sku]!;
        let market = 0;
        for (const st of this.stores(m.id)) {
          const u = t.baseUnits * (this.truth.storeSize[st] ?? 1);
          s.store[`${st}|${sku}`] = Math.round(STORE_COVER_WEEKS * u);
          s.recent[`${st}|${sku}`] = [u, u, u, u];
          market += u;
        }
        s.dc[`${m.id}|${sku}`] = Math.round(DC_COVER_WEEKS * market);
        s.competitor[`${m.id}|${sku}`] = { cut: 0, weeksLeft: 0 };
      }
    }
    for (const sku of Object.keys(this.truth.skus))
      s.inbound[sku] = Math.round(this.networkBaseline(sku));
    return s;
  }

  /** Excess stock planted at the pilot's start: `weeks` of extra market demand in the DC and stores of one SKU. */
  plantExcess(market: string, sku: string, weeks: number): void {
    const t = this.truth.skus[sku]!;
    for (const st of this.stores(market))
      this.s.store[`${st}|${sku}`]! += Math.round(
        (weeks / 2) * t.baseUnits * (this.truth.storeSize[st] ?? 1),
      );
    this.s.dc[`${market}|${sku}`]! += Math.round(
      (weeks / 2) *
        this.stores(market).reduce((n, st) => n + t.baseUnits * (this.truth.storeSize[st] ?? 1), 0),
    );
  }

  /** Units above `coverWeeks` of baseline demand, per market × SKU (stores + DC). */
  excessUnits(coverWeeks = 5): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of this.spec.markets) {
      for (const sku of Object.keys(this.truth.skus)) {
        const t = this.truth.skus[sku]!;
        const stores = this.stores(m.id);
        const stock =
          stores.reduce((n, st) => n + (this.s.store[`${st}|${sku}`] ?? 0), 0) +
          (this.s.dc[`${m.id}|${sku}`] ?? 0);
        const weekly = stores.reduce(
          (n, st) => n + t.baseUnits * (this.truth.storeSize[st] ?? 1),
          0,
        );
        out[`${m.id}|${sku}`] = Math.max(0, stock - coverWeeks * weekly);
      }
    }
    return out;
  }

  /** Stock a market holds of a SKU (stores + DC + its share of inbound): what the oracle may sell. */
  stockOf(market: string, sku: string): number {
    return (
      this.stores(market).reduce((n, st) => n + (this.s.store[`${st}|${sku}`] ?? 0), 0) +
      (this.s.dc[`${market}|${sku}`] ?? 0) +
      (this.s.inbound[sku] ?? 0) / this.spec.markets.length
    );
  }

  competitorCut(market: string, sku: string): number {
    return this.s.competitor[`${market}|${sku}`]?.cut ?? 0;
  }

  point(market: string, store: string, sku: string, w: number): DemandPoint {
    return {
      market,
      store,
      sku,
      week: w,
      weekOfYear: this.weekOfYear(w),
      competitorCut: this.competitorCut(market, sku),
    };
  }

  /** Expected (noise-free, unconstrained) units of a store × SKU × week under the given campaigns. */
  expectedUnits(
    market: string,
    store: string,
    sku: string,
    w: number,
    campaigns: readonly WorldCampaign[],
    exclude?: string,
  ): number {
    return meanDemand(
      this.env,
      this.point(market, store, sku, w),
      campaigns,
      this.siblings(sku),
      exclude,
    );
  }

  siblings(sku: string): string[] {
    return (this.skusByCategory[this.categoryOf(sku)] ?? []).filter((x) => x !== sku);
  }

  private noise(w: number, market: string, store: string, sku: string): number {
    const rho = this.truth.storeCorrelation;
    const z =
      Math.sqrt(rho) * Rng.of(this.truth.seed, "noise-common", w, market, sku).normal() +
      Math.sqrt(1 - rho) * Rng.of(this.truth.seed, "noise", w, store, sku).normal();
    const sd = this.truth.noiseSd;
    return Math.exp(sd * z - (sd * sd) / 2);
  }

  /** Moves competitors: a cut answering last week's promotion of a SKU, or an unprovoked one. */
  private moveCompetitors(w: number, campaigns: readonly WorldCampaign[]): void {
    for (const m of this.spec.markets) {
      for (const sku of Object.keys(this.truth.skus)) {
        advanceCompetitor(this.s.competitor[`${m.id}|${sku}`]!, () =>
          this.competitorMove(w, m.id, sku, campaigns),
        );
      }
    }
  }

  /** The competitor's move on a market × SKU in week w, with its seeded draws of that week. */
  private competitorMove(
    w: number,
    market: string,
    sku: string,
    campaigns: readonly WorldCampaign[],
  ): CompetitorMove | null {
    const rng = Rng.of(this.truth.seed, "competitor", w, market, sku);
    const input = {
      truth: this.truth,
      week: w,
      market,
      sku,
      campaigns,
      pilotStart: this.spec.historyWeeks,
      rng,
    };
    const hook = this.model.definition.competitor;
    return hook ? hook(input, this.model.params) : baseCompetitorMove(input);
  }

  /** The last week played (−1 before the first). */
  get lastPlayedWeek(): number {
    return this.s.week;
  }

  /**
   * The competitor's cut on a SKU in each week from the one after the last played through `to`,
   * as its rule and its seeded draws would answer `campaigns`: what demand in those weeks truly
   * meets under them. For the strategies that read the truth (the bound).
   */
  competitorCutsAhead(
    market: string,
    sku: string,
    to: number,
    campaigns: readonly WorldCampaign[],
  ): number[] {
    const c = { ...this.s.competitor[`${market}|${sku}`]! };
    const out: number[] = [];
    for (let w = this.s.week + 1; w <= to; w++) {
      advanceCompetitor(c, () => this.competitorMove(w, market, sku, campaigns));
      out.push(c.cut);
    }
    return out;
  }

  /** `expectedUnits` against a given competitor cut (a week ahead, see `competitorCutsAhead`). */
  expectedUnitsAgainst(
    market: string,
    store: string,
    sku: string,
    w: number,
    campaigns: readonly WorldCampaign[],
    competitorCut: number,
  ): number {
    const p = { ...this.point(market, store, sku, w), competitorCut };
    return meanDemand(this.env, p, campaigns, this.siblings(sku));
  }

  /** Store orders up to cover × forecast (× the planned lift of a campaign), served from the DC pro rata when short. */
  private replenish(w: number, campaigns: readonly WorldCampaign[]): void {
    for (const sku of Object.keys(this.truth.skus)) {
      const arriving = this.s.inbound[sku] ?? 0;
      const forecasts = this.spec.markets.map((m) =>
        this.stores(m.id).reduce((n, st) => n + mean(this.s.recent[`${st}|${sku}`]!), 0),
      );
      const total = forecasts.reduce((a, b) => a + b, 0) || 1;
      this.spec.markets.forEach(
        (m, i) => (this.s.dc[`${m.id}|${sku}`]! += Math.round((arriving * forecasts[i]!) / total)),
      );
      for (const m of this.spec.markets) {
        const orders = this.stores(m.id).map((st) => {
          const c = activeAt(campaigns, m.id, st, sku, w);
          const target =
            STORE_COVER_WEEKS *
            mean(this.s.recent[`${st}|${sku}`]!) *
            (c ? Math.max(1, c.plannedLift) : 1);
          return Math.max(0, Math.round(target - this.s.store[`${st}|${sku}`]!));
        });
        const want = orders.reduce((a, b) => a + b, 0);
        const dcKey = `${m.id}|${sku}`;
        const fill = want > 0 ? Math.min(1, this.s.dc[dcKey]! / want) : 0;
        this.stores(m.id).forEach((st, i) => {
          const sent = Math.floor(orders[i]! * fill);
          this.s.store[`${st}|${sku}`]! += sent;
          this.s.dc[dcKey]! -= sent;
        });
      }
      // The plant makes what the network sells plus what rebuilds DC cover, within capacity; it ships next week.
      const dcTotal = this.spec.markets.reduce((n, m) => n + this.s.dc[`${m.id}|${sku}`]!, 0);
      const need = total + 0.5 * (DC_COVER_WEEKS * total - dcTotal);
      this.s.inbound[sku] = Math.round(Math.min(this.capacity[sku]!, Math.max(0, need)));
    }
  }

  /** Plays one week under `campaigns` (every strategy's campaigns, past and future). */
  step(w: number, campaigns: readonly WorldCampaign[]): WeekOutcome {
    this.s.week = w;
    this.moveCompetitors(w, campaigns);
    this.replenish(w, campaigns);
    const cells: CellOutcome[] = [];
    const noise = new Map<string, number>();
    for (const m of this.spec.markets) {
      for (const st of this.stores(m.id)) {
        for (const sku of Object.keys(this.truth.skus)) {
          const t = this.truth.skus[sku]!;
          const key = `${st}|${sku}`;
          const eps = this.noise(w, m.id, st, sku);
          noise.set(key, eps);
          const demand = Math.round(this.expectedUnits(m.id, st, sku, w, campaigns) * eps);
          const units = Math.min(demand, this.s.store[key]!);
          this.s.store[key]! -= units;
          const active = activeAt(campaigns, m.id, st, sku, w);
          const c = active && asRun(this.model.ads, active, w, campaigns);
          cells.push({
            market: m.id,
            store: st,
            sku,
            category: t.category,
            demand,
            units,
            lost: demand - units,
            price: shelfPrice(this.truth, campaigns, m.id, st, sku, w),
            regularPrice: t.regularPrice,
            unitCost: t.unitCost,
            feature: !!c && hasFeature(c.mechanic),
            display: !!c && hasDisplay(c.mechanic),
            onHand: this.s.store[key]!,
            campaignId: c?.id ?? null,
          });
          const r = this.s.recent[key]!;
          r.shift();
          // Lost sales are invisible to the retailer's forecast, as in a real store.
          r.push(units);
        }
      }
    }
    const accruals = this.accrue(w, campaigns, cells, noise);
    const mediaCost = accruals.reduce((n, a) => n + a.mediaCost, 0);
    let carryingCost = 0;
    for (const [key, q] of Object.entries(this.s.store))
      carryingCost += q * this.truth.skus[key.split("|")[1]!]!.unitCost * CARRYING_RATE;
    for (const [key, q] of Object.entries(this.s.dc))
      carryingCost += q * this.truth.skus[key.split("|")[1]!]!.unitCost * CARRYING_RATE;
    return {
      week: w,
      weekEnd: this.weekEnd(w),
      cells,
      accruals,
      mediaCost,
      carryingCost,
      dcStock: this.spec.markets.flatMap((m) =>
        Object.keys(this.truth.skus).map((sku) => ({
          market: m.id,
          sku,
          onHand: this.s.dc[`${m.id}|${sku}`]!,
          inTransit: Math.round((this.s.inbound[sku] ?? 0) / this.spec.markets.length),
        })),
      ),
      competitor: this.spec.markets.flatMap((m) =>
        Object.keys(this.truth.skus).map((sku) => ({
          market: m.id,
          sku,
          regular: Math.round(this.truth.skus[sku]!.regularPrice * 1.02 * 100) / 100,
          cut: this.competitorCut(m.id, sku),
        })),
      ),
      production: Object.keys(this.truth.skus).flatMap((sku) => {
        const plan = Math.min(this.capacity[sku]!, Math.round(this.networkBaseline(sku)));
        return Array.from({ length: 9 }, (_, k) => ({
          sku,
          week: w + k,
          planned: k === 0 ? this.s.inbound[sku]! : plan,
          capacity: this.capacity[sku]!,
        }));
      }),
      searchIndex: this.searchIndex(w, cells),
      adRates: this.spec.markets.map((m) => ({
        market: m.id,
        featureCostPerWeek: this.model.ads.featureCostPerWeek,
        slotsPerWeek: Number.isFinite(this.model.ads.slotsPerMarketWeek)
          ? this.model.ads.slotsPerMarketWeek
          : null,
      })),
    };
  }

  /** Consumer search interest per market × category: 100 × true demand relative to its baseline, with noise. */
  private searchIndex(w: number, cells: CellOutcome[]): WeekOutcome["searchIndex"] {
    const out: WeekOutcome["searchIndex"] = [];
    for (const m of this.spec.markets) {
      for (const cat of this.spec.categories) {
        const mine = cells.filter((c) => c.market === m.id && c.category === cat.name);
        const demand = mine.reduce((n, c) => n + c.demand, 0);
        const base =
          mine.reduce(
            (n, c) => n + this.truth.skus[c.sku]!.baseUnits * (this.truth.storeSize[c.store] ?? 1),
            0,
          ) || 1;
        out.push({
          market: m.id,
          category: cat.name,
          value:
            Math.round(
              100 *
                (demand / base) *
                Rng.of(this.truth.seed, "search", w, m.id, cat.name).lognormal(0.05) *
                10,
            ) / 10,
        });
      }
    }
    return out;
  }

  /** A campaign's media cost for one week as it ran (an ad without a slot costs nothing). */
  mediaCost(c: WorldCampaign, treatedStores: number): number {
    const ad = hasFeature(c.mechanic) ? this.model.ads.featureCostPerWeek : 0;
    return ad + (hasDisplay(c.mechanic) ? MEDIA.displayPerStoreWeek * treatedStores : 0);
  }

  /**
   * Each campaign's true effect this week in its treated stores: the category's units and margin
   * with it against the same week without it (same noise, same shelf stock), media included.
   */
  private accrue(
    w: number,
    campaigns: readonly WorldCampaign[],
    cells: CellOutcome[],
    noise: Map<string, number>,
  ): CampaignAccrual[] {
    const out: CampaignAccrual[] = [];
    for (const c of campaigns) {
      if (!(runsIn(c, w) || runsIn(c, w - 1))) continue;
      const promoted = runsIn(c, w);
      const treated = this.stores(c.market).filter((st) => !c.holdout.includes(st));
      const a: CampaignAccrual = {
        campaignId: c.id,
        week: w,
        ownUnits: 0,
        ownBaseline: 0,
        pulledForward: 0,
        cannibalised: 0,
        discountCost: 0,
        mediaCost: 0,
        incrementalMargin: 0,
      };
      for (const st of treated) {
        for (const sku of this.skusByCategory[c.category] ?? []) {
          const cell = cells.find((x) => x.store === st && x.sku === sku)!;
          const stockBefore = cell.onHand + cell.units;
          const without = Math.min(
            stockBefore,
            Math.round(
              this.expectedUnits(c.market, st, sku, w, campaigns, c.id) *
                (noise.get(`${st}|${sku}`) ?? 1),
            ),
          );
          const priceWithout = shelfPrice(this.truth, campaigns, c.market, st, sku, w, c.id);
          a.incrementalMargin +=
            cell.units * (cell.price - cell.unitCost) - without * (priceWithout - cell.unitCost);
          if (sku === c.sku && promoted) {
            a.ownUnits += cell.units;
            a.ownBaseline += without;
            a.discountCost += cell.units * (cell.regularPrice - cell.price);
          } else if (sku === c.sku) a.pulledForward += without - cell.units;
          else a.cannibalised += without - cell.units;
        }
      }
      if (promoted)
        a.mediaCost = this.mediaCost(asRun(this.model.ads, c, w, campaigns), treated.length);
      a.incrementalMargin -= a.mediaCost;
      out.push(a);
    }
    return out;
  }
}

const mean = (xs: readonly number[]): number =>
  xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

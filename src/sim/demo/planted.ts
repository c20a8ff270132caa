import { z } from "zod";
import { idSchema, isoDateSchema } from "../../domain/common.js";
import type {
  CompetitorPriceFeedRow,
  ConsumerSignalFeedRow,
  InventoryFeedRow,
  ProductionFeedRow,
} from "../../domain/feeds.js";
import type { DemandCurves } from "./demand.js";
import type { Simulation, StoreSeries } from "./flow.js";
import { PLAN, HORIZON_WEEKS } from "./planted-plan.js";
import { networkDemand } from "./production.js";
import type { World } from "./world.js";

export const plantedKindSchema = z.enum([
  "excess_stock",
  "competitor_price_drop",
  "demand_spike",
  "supply_shortfall",
]);
export type PlantedKind = z.infer<typeof plantedKindSchema>;

/**
 * One situation planted in the last weeks for agents to find. `magnitude.value` is measured on the
 * generated rows; `baseline` is what the same measure shows elsewhere; `threshold` is the line the
 * situation clears (≥ for excess, price gap and spike; ≤ for shortfall).
 */
export const plantedSituationSchema = z.object({
  id: z.string(),
  kind: plantedKindSchema,
  market: idSchema,
  category: z.string().optional(),
  sku: idSchema.optional(),
  /** Canonical SKUs affected. */
  skus: z.array(idSchema).min(1),
  /** Stores, warehouses or plant affected; empty means market-wide. */
  locations: z.array(idSchema),
  competitor: z.string().optional(),
  /** Retail week-ending dates (of `market`) the situation shows in; for a shortfall, the planned weeks ahead. */
  weeks: z.array(isoDateSchema).min(1),
  magnitude: z.object({
    metric: z.string(),
    value: z.number(),
    baseline: z.number(),
    threshold: z.number(),
  }),
  details: z.record(z.string(), z.number()),
  description: z.string(),
});
export type PlantedSituation = z.infer<typeof plantedSituationSchema>;

const r2 = (x: number): number => Math.round(x * 100) / 100;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? ((s[Math.floor((s.length - 1) / 2)] ?? 0) + (s[Math.ceil((s.length - 1) / 2)] ?? 0)) / 2
    : 0;
};
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** On-hand at the end of week `w` over mean weekly units sold in the 8 weeks to `w`. */
export function weeksOfCover(s: StoreSeries, w: number): number {
  const sold = mean(Array.from({ length: 8 }, (_, k) => s.units[w - k] ?? 0));
  return sold > 0 ? (s.onHand[w] ?? 0) / sold : Infinity;
}

export interface ManifestInputs {
  world: World;
  curves: DemandCurves;
  sim: Simulation;
  production: ProductionFeedRow[];
  competitorPrices: CompetitorPriceFeedRow[];
  signals: ConsumerSignalFeedRow[];
  warehouses: InventoryFeedRow[];
}

function excessStock({ world, sim }: ManifestInputs): PlantedSituation {
  const { market, category } = PLAN.excess;
  const L = world.last;
  const hit = sim.stores.filter(
    (s) => s.market.market.id === market && s.product.product.category === category,
  );
  const others = sim.stores.filter((s) => !hit.includes(s)).map((s) => weeksOfCover(s, L));
  const minCover = (w: number): number => Math.min(...hit.map((s) => weeksOfCover(s, w)));
  const weeks = Array.from({ length: 8 }, (_, k) => L - 7 + k).filter((w) => minCover(w) >= 12);
  const onHand = hit.reduce((a, s) => a + (s.onHand[L] ?? 0), 0);
  const sold = hit.reduce(
    (a, s) => a + mean(Array.from({ length: 8 }, (_, k) => s.units[L - k] ?? 0)),
    0,
  );
  return {
    id: "planted-excess-stock",
    kind: "excess_stock",
    market,
    category,
    skus: [...new Set(hit.map((s) => s.product.product.sku))].sort(),
    locations: [...new Set(hit.map((s) => s.storeId))].sort(),
    weeks: weeks.map((w) => world.weekEnd(market, w)),
    magnitude: {
      metric: "min_store_weeks_of_cover",
      value: r2(minCover(L)),
      baseline: r2(median(others)),
      threshold: 12,
    },
    details: {
      categoryWeeksOfCover: r2(onHand / sold),
      categoryOnHandUnits: onHand,
      weeklyUnitsSold: r2(sold),
    },
    description: `A double delivery of ${category} reached every ${market} store ${PLAN.excess.arrivesWeeksBeforeEnd} weeks before the end and sales have not worked it down.`,
  };
}

function competitorDrop({ world, competitorPrices }: ManifestInputs): PlantedSituation {
  const { market, competitor, sku } = PLAN.competitor;
  const ours = world.prices.get(`${market}|${sku}`) ?? 1;
  // One observation per week, in week order: the last ones are the planted cut, the 8 before are normal.
  const rows = competitorPrices.filter(
    (r) => r.competitor === competitor && r.sku === sku && r.market === market,
  );
  const recent = rows.slice(-PLAN.competitor.weeks);
  const before = rows.slice(-PLAN.competitor.weeks - 8, -PLAN.competitor.weeks);
  const worst = Math.max(...recent.map((r) => r.price));
  return {
    id: "planted-competitor-price-drop",
    kind: "competitor_price_drop",
    market,
    sku,
    skus: [sku],
    locations: [],
    competitor,
    weeks: Array.from({ length: PLAN.competitor.weeks }, (_, k) =>
      world.weekEnd(market, world.last - PLAN.competitor.weeks + 1 + k),
    ),
    magnitude: {
      metric: "price_below_our_regular",
      value: r2(1 - worst / ours),
      baseline: r2(mean(before.map((r) => 1 - r.price / ours))),
      threshold: 0.2,
    },
    details: { ourRegularPrice: ours, competitorPrice: worst },
    description: `${competitor} sells ${sku} at ${worst} against our regular ${ours} in ${market}, with promo text "${PLAN.competitor.promoText}".`,
  };
}

function demandSpike({ world, sim, signals }: ManifestInputs): PlantedSituation {
  const { market, sku } = PLAN.spike;
  const L = world.last;
  const series = sim.stores.filter(
    (s) => s.market.market.id === market && s.product.product.sku === sku,
  );
  const webUnits = sim.web.filter(
    (s) => s.market.market.id === market && s.product.product.sku === sku,
  );
  const units = (w: number): number =>
    [...series, ...webUnits].reduce((a, s) => a + (s.units[w] ?? 0), 0);
  const baseline = mean(Array.from({ length: 8 }, (_, k) => units(L - 2 - k)));
  const ratioOf = (values: number[]): number => (values.at(-1) ?? 0) / mean(values.slice(-11, -3));
  const search = signals
    .filter((r) => r.kind === "search_interest" && r.market === market && r.category === "snacks")
    .map((r) => r.value);
  const mentions = signals
    .filter((r) => r.kind === "social_mentions" && r.market === market && r.sku === sku)
    .map((r) => r.value);
  return {
    id: "planted-demand-spike",
    kind: "demand_spike",
    market,
    sku,
    skus: [sku],
    locations: [],
    category: "snacks",
    weeks: [world.weekEnd(market, L)],
    magnitude: {
      metric: "units_vs_baseline",
      value: r2(units(L) / baseline),
      baseline: 1,
      threshold: 2.5,
    },
    details: {
      units: units(L),
      baselineUnits: r2(baseline),
      previousWeekRatio: r2(units(L - 1) / baseline),
      searchInterestRatio: r2(ratioOf(search)),
      socialMentionsRatio: r2(ratioOf(mentions)),
    },
    description: `${sku} went viral in ${market}: units jumped at regular price with no feature or display, while search interest and social mentions rose.`,
  };
}

function supplyShortfall({
  world,
  curves,
  sim,
  production,
  warehouses,
}: ManifestInputs): PlantedSituation {
  const { plant, market, sku } = PLAN.shortfall;
  const L = world.last;
  const ahead = production.filter(
    (r) => r.plant === plant && r.sku === sku && r.date > world.weekEnd(market, L),
  );
  const ratioFor = (s: string): number => {
    const rows = production.filter((r) => r.sku === s && r.date > world.weekEnd(market, L));
    const forecast = Array.from({ length: HORIZON_WEEKS }, (_, k) =>
      networkDemand(world, curves, s, L + 1 + k),
    ).reduce((a, b) => a + b, 0);
    return rows.reduce((a, r) => a + r.plannedUnits, 0) / forecast;
  };
  const planned = ahead.reduce((a, r) => a + r.plannedUnits, 0);
  const forecast = Array.from({ length: HORIZON_WEEKS }, (_, k) =>
    networkDemand(world, curves, sku, L + 1 + k),
  ).reduce((a, b) => a + b, 0);
  const lastDcRows = warehouses.filter((r) => r.sku === sku).slice(-world.markets.length);
  const otherSkus = world.products.map((p) => p.product.sku).filter((s) => s !== sku);
  return {
    id: "planted-supply-shortfall",
    kind: "supply_shortfall",
    market,
    sku,
    skus: [sku],
    locations: [plant],
    weeks: ahead.map((r) => r.date),
    magnitude: {
      metric: "planned_vs_forecast",
      value: r2(planned / forecast),
      baseline: r2(median(otherSkus.map(ratioFor))),
      threshold: 0.5,
    },
    details: {
      plannedUnits: planned,
      forecastUnits: Math.round(forecast),
      capacityUnits: ahead.reduce((a, r) => a + r.capacityUnits, 0),
      medianStoreWeeksOfCover: r2(
        median(
          sim.stores.filter((s) => s.product.product.sku === sku).map((s) => weeksOfCover(s, L)),
        ),
      ),
      warehouseWeeksOfCover: r2(
        (lastDcRows.reduce((a, r) => a + Number(r.onHand), 0) * HORIZON_WEEKS) / forecast,
      ),
    },
    description: `${plant}'s line for ${sku} is down: the schedule covers well under half of forecast demand for ${HORIZON_WEEKS} weeks while stores and DCs are already short.`,
  };
}

/** The manifest: each planted situation, measured on the generated data. */
export function buildManifest(inputs: ManifestInputs): PlantedSituation[] {
  return [
    excessStock(inputs),
    competitorDrop(inputs),
    demandSpike(inputs),
    supplyShortfall(inputs),
  ].map((s) => plantedSituationSchema.parse(s));
}

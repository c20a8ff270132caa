import type { Dataset } from "../../store/index.js";
import type {
  CompetitorPriceFeedRow,
  ConsumerSignalFeedRow,
  InventoryFeedRow,
  ProductionFeedRow,
  SalesFeedRow,
} from "../../domain/feeds.js";
import { MEDIA_RATE_KINDS } from "../../tools/media-rates.js";
import type { MarketWorld, WeekOutcome } from "./world.js";

export const PLANT_ID = "PLANT-1";
export const COMPETITOR = "RIVAL";
const CURRENCY = "EUR";

/** Markets, stores, DCs, the plant and products: the reference data the agents see (no truth in it). */
export function referenceData(world: MarketWorld): Omit<Dataset, "feeds"> {
  const first = world.spec.markets[0]!.id;
  return {
    markets: world.spec.markets.map((m) => ({
      id: m.id,
      name: m.name,
      region: "Europe",
      currency: CURRENCY,
      timeZone: m.timeZone,
      weekEndsOn: "saturday",
    })),
    locations: [
      ...world.spec.markets.flatMap((m) => [
        ...world.stores(m.id).map((id) => ({ id, name: id, marketId: m.id, kind: "store" })),
        { id: `${m.id}-DC`, name: `${m.name} DC`, marketId: m.id, kind: "warehouse" },
      ]),
      { id: PLANT_ID, name: "Plant", marketId: first, kind: "plant" },
    ],
    products: world.spec.categories.flatMap((c) =>
      c.skus.map((s) => ({
        sku: s.sku,
        name: s.name,
        category: c.name,
        subcategory: c.subcategory,
        brand: "Sim",
        casePack: 12,
        unitCost: world.truth.skus[s.sku]!.unitCost,
        regularPrice: s.regularPrice,
        currency: CURRENCY,
      })),
    ),
    skuAliases: [],
    fxRates: [],
  };
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The week's observed feeds: what the store's systems would send (sales, stock, plan, competitor prices, search interest). */
export function weekFeeds(o: WeekOutcome): Dataset["feeds"] {
  const date = o.weekEnd;
  const sales: SalesFeedRow[] = o.cells.map((c) => ({
    sku: c.sku,
    location: c.store,
    market: c.market,
    channel: "store",
    date,
    granularity: "week",
    units: c.units,
    revenue: r2(c.units * c.price),
    pricePaid: c.price,
    regularPrice: c.regularPrice,
    currency: CURRENCY,
    feature: c.feature,
    display: c.display,
    tpr: c.price < c.regularPrice,
    uom: "unit",
  }));
  const inventory: InventoryFeedRow[] = [
    ...o.cells.map((c) => ({
      sku: c.sku,
      location: c.store,
      asOf: date,
      onHand: c.onHand,
      uom: "unit" as const,
    })),
    ...o.dcStock.map((d) => ({
      sku: d.sku,
      location: `${d.market}-DC`,
      asOf: date,
      onHand: d.onHand,
      inTransit: d.inTransit,
      uom: "unit" as const,
    })),
  ];
  const production: ProductionFeedRow[] = o.production.map((p) => ({
    plant: PLANT_ID,
    sku: p.sku,
    date: addWeeks(date, p.week - o.week),
    plannedUnits: p.planned,
    capacityUnits: p.capacity,
    uom: "unit",
  }));
  const competitor_price: CompetitorPriceFeedRow[] = o.competitor.map((c) => ({
    competitor: COMPETITOR,
    competitorProduct: `R-${c.sku}`,
    sku: c.sku,
    market: c.market,
    price: r2(c.regular * (1 - c.cut)),
    currency: CURRENCY,
    ...(c.cut > 0 ? { promoText: `${Math.round(c.cut * 100)}% off this week` } : {}),
    observedAt: date,
    uom: "unit",
  }));
  const consumer_signal: ConsumerSignalFeedRow[] = o.searchIndex.map((s) => ({
    market: s.market,
    category: s.category,
    kind: "search_interest",
    value: s.value,
    observedAt: date,
    uom: "unit",
  }));
  // The media rate card is the retailer's own fact (not the world's hidden response): published weekly.
  const rateCard: ConsumerSignalFeedRow[] = o.adRates.flatMap((r) => [
    {
      market: r.market,
      kind: MEDIA_RATE_KINDS.featureCost,
      value: r.featureCostPerWeek,
      text: CURRENCY,
      observedAt: date,
      uom: "unit" as const,
    },
    ...(r.slotsPerWeek === null
      ? []
      : [
          {
            market: r.market,
            kind: MEDIA_RATE_KINDS.adSlots,
            value: r.slotsPerWeek,
            observedAt: date,
            uom: "unit" as const,
          },
        ]),
  ]);
  return {
    sales: [{ source: "pos", rows: sales }],
    inventory: [{ source: "erp", rows: inventory }],
    production: [{ source: "mes", rows: production }],
    competitor_price: [{ source: "pricewatch", rows: competitor_price }],
    consumer_signal: [
      { source: "trends", rows: consumer_signal },
      { source: "media", rows: rateCard },
    ],
  };
}

function addWeeks(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 7 * n * 86_400_000).toISOString().slice(0, 10);
}

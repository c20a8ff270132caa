import type { FxRate, Location, Market, Product, SkuAlias } from "../../domain/catalog.js";
import type {
  CompetitorPriceFeedRow,
  ConsumerSignalFeedRow,
  PlannedPromotionFeedRow,
  InventoryFeedRow,
  ProductionFeedRow,
  SalesFeedRow,
} from "../../domain/feeds.js";
import type { SourceQuirks } from "./mess.js";
import type { PlantedSituation } from "./planted.js";
import type { DemandTruth } from "./world.js";

/** One delivery of source rows from one source system. */
export interface FeedBatch<Row> {
  source: string;
  rows: Row[];
}

/** Source rows per signal kind, in delivery order (later batches arrive later). */
export interface DemoFeeds {
  sales: FeedBatch<SalesFeedRow>[];
  inventory: FeedBatch<InventoryFeedRow>[];
  production: FeedBatch<ProductionFeedRow>[];
  competitor_price: FeedBatch<CompetitorPriceFeedRow>[];
  consumer_signal: FeedBatch<ConsumerSignalFeedRow>[];
  /** The category teams' own promotion calendar, past and planned ahead (shadow mode's comparison). */
  planned_promotion: FeedBatch<PlannedPromotionFeedRow>[];
}

/** A SKU's regular shelf price in one market, in that market's currency. */
export interface MarketPrice {
  market: string;
  sku: string;
  currency: string;
  regularPrice: number;
}

/** A synthetic retailer: reference data, source feeds, planted situations and the hidden truth behind them. */
export interface DemoMarket {
  seed: number;
  weeks: number;
  endDate: string;
  /** Each market's last retail week-ending date. */
  lastWeekEnds: Record<string, string>;
  markets: Market[];
  locations: Location[];
  products: Product[];
  skuAliases: SkuAlias[];
  fxRates: FxRate[];
  marketPrices: MarketPrice[];
  feeds: DemoFeeds;
  planted: PlantedSituation[];
  quirks: SourceQuirks;
  truth: DemandTruth;
}

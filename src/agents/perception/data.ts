import { prepared, type Db } from "../../store/index.js";
import { readCompetitorPrices, type CompetitorObservation } from "../../tools/competitor-prices.js";
import { readSignals, type SignalReading } from "../../tools/consumer-signals.js";
import { shiftDate } from "../../tools/define.js";
import { GridBaselines, type SeriesBaseline } from "../../tools/forecast/series-forecast.js";
import { readStockPositions, type StockPosition } from "../../tools/inventory-position.js";
import { readSchedule, type ScheduledWeek } from "../../tools/production-schedule.js";
import { CATEGORY_ENTRIES, FactsMemo } from "../../tools/memo.js";
import {
  bySeries,
  categoryWeeklySales,
  latestWeeks,
  loadWeeklySales,
  toGrid,
  type WeeklyGrid,
  type WeekRow,
} from "../../tools/series.js";
import type { PerceptionThresholds } from "./thresholds.js";

/** One SKU × market series with its full-history baseline (undefined when too short to fit). */
export interface SeriesView {
  sku: string;
  market: string;
  category: string;
  /** The SKU's subcategory ("" when none): siblings there take sales from each other's promotions. */
  subcategory: string;
  grid: WeeklyGrid;
  baseline: SeriesBaseline | undefined;
  /** The grid's baselines by last training week, fitted once each while the view is cached. */
  baselines: GridBaselines;
}

/** Everything the rules read, loaded with a handful of set-based queries (never one per series). */
export interface PerceptionData {
  asOf: string;
  series: SeriesView[];
  seriesByKey: Map<string, SeriesView>;
  positions: StockPosition[];
  schedule: (ScheduledWeek & { sku: string })[];
  competitors: CompetitorObservation[];
  signals: SignalReading[];
  /** Market of each plant (and every other location). */
  marketOf: Map<string, string>;
}

/** Every series of a category (all markets) with its baseline: fitted once per sales ingest, not once per scope. */
const SERIES = new FactsMemo<LoadedSeries>(["sales"], CATEGORY_ENTRIES);

/** A category's series, listed and by `${sku}|${market}` (the rules ask both ways). */
interface LoadedSeries {
  list: SeriesView[];
  byKey: Map<string, SeriesView>;
}

function loadSeries(
  db: Db,
  asOf: string,
  historyWeeks: number,
  catalog: { categoryOf: Map<string, string>; subcategoryOf: Map<string, string> },
  category?: string,
): LoadedSeries {
  return SERIES.get(db, `${category ?? "*"}|${asOf}|${historyWeeks}`, () => {
    const lasts = latestWeeks(db, asOf);
    const after = shiftDate(asOf, -7 * (historyWeeks + 1));
    // A category's rows are shared with the demand agent's baselines (read over a longer window and
    // cut to this one); the whole store's are read for this alone.
    const grouped =
      category === undefined
        ? bySeries(loadWeeklySales(db, { after, through: asOf }))
        : inWindow(categoryWeeklySales(db, category, asOf, historyWeeks).series, after);
    const series: SeriesView[] = [];
    for (const [key, list] of grouped) {
      const [sku = "", market = ""] = key.split("|");
      const grid = toGrid(list, lasts.get(market) ?? list[list.length - 1]!.week);
      const baselines = new GridBaselines(grid);
      series.push({
        sku,
        market,
        category: catalog.categoryOf.get(sku) ?? "",
        subcategory: catalog.subcategoryOf.get(sku) ?? "",
        grid,
        baseline: baselines.upTo(),
        baselines,
      });
    }
    return { list: series, byKey: new Map(series.map((v) => [`${v.sku}|${v.market}`, v])) };
  });
}

/** The series' rows after `after`, dropping series left empty (as a read of that window alone would not return them). */
function inWindow(
  series: ReadonlyMap<string, readonly WeekRow[]>,
  after: string,
): Map<string, readonly WeekRow[]> {
  const out = new Map<string, readonly WeekRow[]>();
  for (const [key, list] of series) {
    const kept = list.filter((r) => r.week > after);
    if (kept.length > 0) out.set(key, kept);
  }
  return out;
}

/** A year of consumer signals per category: read once per signal ingest, not on every scope. */
const SIGNALS = new FactsMemo<SignalReading[]>(["consumer_signal"], CATEGORY_ENTRIES);

/** SKU → category, SKU → subcategory and location → market: read once per catalogue ingest, not on every scope. */
const CATALOG = new FactsMemo<Map<string, string>>([], 3);

/** Reads the store as of `asOf` for every market (supply needs network demand), optionally one category. */
export function loadPerceptionData(
  db: Db,
  asOf: string,
  t: PerceptionThresholds,
  category?: string,
): PerceptionData {
  const categoryOf = CATALOG.get(
    db,
    "categoryOf",
    () =>
      new Map(
        (
          prepared(db, "SELECT sku, category FROM products").all() as {
            sku: string;
            category: string;
          }[]
        ).map((r) => [r.sku, r.category]),
      ),
  );
  const marketOf = CATALOG.get(
    db,
    "marketOf",
    () =>
      new Map(
        (
          prepared(db, "SELECT id, market_id FROM locations").all() as {
            id: string;
            market_id: string;
          }[]
        ).map((r) => [r.id, r.market_id]),
      ),
  );
  const subcategoryOf = CATALOG.get(
    db,
    "subcategoryOf",
    () =>
      new Map(
        (
          prepared(db, "SELECT sku, ifnull(subcategory, '') AS sub FROM products").all() as {
            sku: string;
            sub: string;
          }[]
        ).map((r) => [r.sku, r.sub]),
      ),
  );
  const series = loadSeries(db, asOf, t.historyWeeks, { categoryOf, subcategoryOf }, category);
  return {
    asOf,
    series: series.list,
    seriesByKey: series.byKey,
    positions: readStockPositions(db, asOf, {
      category,
      level: "location",
      salesWeeks: t.salesWeeks,
    }),
    schedule: readSchedule(db, asOf, t.supplyHorizonWeeks, { category }),
    competitors: readCompetitorPrices(db, asOf, { category, days: t.competitorDays }),
    signals: SIGNALS.get(db, `${category ?? "*"}|${asOf}`, () =>
      readSignals(
        db,
        asOf,
        { recentWeeks: 1, historyWeeks: 52 },
        category === undefined ? undefined : { category },
      ),
    ),
    marketOf,
  };
}

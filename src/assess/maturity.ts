import { addDays } from "../domain/dates.js";
import type { Db } from "../store/index.js";
import type { WeeklySeries } from "./series.js";

/** One feed the store knows, and how much of it there is. */
export interface FeedPresence {
  feed: string;
  rows: number;
  first: string | null;
  last: string | null;
  /** What the system cannot decide without it (empty when present). */
  without: string[];
}

/** Weekly coverage of one market's sales. */
export interface MarketCoverage {
  market: string;
  firstWeekEnd: string;
  lastWeekEnd: string;
  weeks: number;
  /** Weeks inside the span with no sales row at all. */
  gapWeeks: string[];
  /** Rows present / series active (first ≤ week ≤ last sale), per week. */
  coverage: { weekEnd: string; share: number }[];
  meanCoverage: number;
}

/** Ingest hygiene of one feed: duplicates, corrections, quarantine, lateness. */
export interface FeedHygiene {
  feed: string;
  ingests: number;
  rowsRead: number;
  stored: number;
  duplicates: number;
  corrected: number;
  quarantined: number;
  /** Rows that arrived after a later week of the same feed was already stored. */
  lateRows: number;
  unfinishedIngests: number;
}

/** Is the data ready: which feeds exist, how complete, how clean. */
export interface DataMaturity {
  feeds: FeedPresence[];
  products: { total: number; withUnitCost: number; withRegularPrice: number };
  markets: MarketCoverage[];
  hygiene: FeedHygiene[];
  /** Decisions the system cannot take or can only take on assumptions, and why. */
  impossible: string[];
}

const FEEDS: { feed: string; table: string; date: string; without: string[] }[] = [
  {
    feed: "sales",
    table: "sales",
    date: "period_end",
    without: ["no baseline, no lift model, no decision at all"],
  },
  {
    feed: "inventory",
    table: "inventory",
    date: "as_of",
    without: [
      "no excess-stock trigger",
      "no stock-cover guardrail: every plan says 'no inventory feed' and promotes nothing",
    ],
  },
  {
    feed: "production",
    table: "production",
    date: "date",
    without: ["no supply-risk check from production plans and capacity"],
  },
  {
    feed: "competitor prices",
    table: "competitor_prices",
    date: "observed_at",
    without: ["no competitor-price trigger and no price-match rule"],
  },
  {
    feed: "consumer signals",
    table: "consumer_signals",
    date: "observed_at",
    without: ["no demand-signal trigger (search, social, weather)"],
  },
];

const KIND_OF: Record<string, string> = {
  sales: "sales",
  inventory: "inventory",
  production: "production",
  "competitor prices": "competitor_price",
  "consumer signals": "consumer_signal",
};

/** What the store holds, and what is missing for which decisions. */
export function dataMaturity(db: Db, series: readonly WeeklySeries[]): DataMaturity {
  const feeds = FEEDS.map((f) => {
    const r = db
      .prepare(
        `SELECT count(*) AS n, min(${f.date}) AS first, max(${f.date}) AS last FROM ${f.table}`,
      )
      .get() as { n: number; first: string | null; last: string | null };
    return {
      feed: f.feed,
      rows: r.n,
      first: r.first,
      last: r.last,
      without: r.n > 0 ? [] : f.without,
    };
  });
  const products = db
    .prepare(
      `SELECT count(*) AS total, count(unit_cost) AS withUnitCost,
        count(regular_price) AS withRegularPrice FROM products`,
    )
    .get() as DataMaturity["products"];
  const impossible = feeds.flatMap((f) => f.without.map((w) => `${f.feed} feed missing: ${w}`));
  if (products.withUnitCost < products.total) {
    impossible.push(
      `unit cost missing for ${products.total - products.withUnitCost} of ${products.total} products: incremental margin rests on an assumed margin rate`,
    );
  }
  return {
    feeds,
    products,
    markets: marketCoverage(series),
    hygiene: feeds.map((f) => hygiene(db, f.feed)),
    impossible,
  };
}

function hygiene(db: Db, feed: string): FeedHygiene {
  const kind = KIND_OF[feed]!;
  const r = db
    .prepare(
      `SELECT count(*) AS ingests, ifnull(sum(rows_read), 0) AS rowsRead,
        ifnull(sum(stored_new), 0) AS stored, ifnull(sum(duplicates), 0) AS duplicates,
        ifnull(sum(corrected), 0) AS corrected, ifnull(sum(quarantined), 0) AS quarantined,
        count(*) - count(finished_at) AS unfinishedIngests
       FROM ingests WHERE kind = ?`,
    )
    .get(kind) as Omit<FeedHygiene, "feed" | "lateRows">;
  return { feed, ...r, lateRows: feed === "sales" ? lateSales(db) : 0 };
}

/** Sales rows stored by an ingest after an earlier ingest had already stored a later week. */
function lateSales(db: Db): number {
  const rows = db
    .prepare(
      `SELECT ingest_id AS ingest, max(period_end) AS newest, min(period_end) AS oldest,
        count(*) AS n FROM sales GROUP BY ingest_id, period_end ORDER BY ingest_id`,
    )
    .all() as { ingest: number; newest: string; n: number }[];
  let late = 0;
  let seenBefore = "";
  let current = -1;
  let newestInCurrent = "";
  for (const r of rows) {
    if (r.ingest !== current) {
      if (newestInCurrent > seenBefore) seenBefore = newestInCurrent;
      current = r.ingest;
      newestInCurrent = "";
    }
    if (r.newest < seenBefore) late += r.n;
    if (r.newest > newestInCurrent) newestInCurrent = r.newest;
  }
  return late;
}

function marketCoverage(series: readonly WeeklySeries[]): MarketCoverage[] {
  const byMarket = new Map<string, WeeklySeries[]>();
  for (const s of series) {
    const list = byMarket.get(s.market) ?? [];
    list.push(s);
    byMarket.set(s.market, list);
  }
  return [...byMarket.keys()].sort().map((market) => {
    const list = byMarket.get(market)!;
    const present = new Map<number, number>();
    const active = new Map<number, number>();
    const dates = new Map<number, string>();
    for (const s of list) {
      const first = s.week[0]!;
      const last = s.week[s.week.length - 1]!;
      for (let w = first; w <= last; w++) {
        active.set(w, (active.get(w) ?? 0) + 1);
      }
      s.week.forEach((w, i) => {
        present.set(w, (present.get(w) ?? 0) + 1);
        dates.set(w, s.weekEnd[i]!);
      });
    }
    const weeks = [...active.keys()].sort((a, b) => a - b);
    const coverage = weeks
      .filter((w) => dates.has(w))
      .map((w) => ({
        weekEnd: dates.get(w)!,
        share: (present.get(w) ?? 0) / active.get(w)!,
      }));
    const gaps = weeks.filter((w) => !present.has(w));
    return {
      market,
      firstWeekEnd: coverage[0]?.weekEnd ?? "",
      lastWeekEnd: coverage[coverage.length - 1]?.weekEnd ?? "",
      weeks: weeks.length,
      gapWeeks: gaps.map((w) => weekEndOf(w, weeks[0]!, dates)),
      coverage,
      meanCoverage: coverage.reduce((a, c) => a + c.share, 0) / Math.max(1, coverage.length),
    };
  });
}

/** A gap week's end date, counted in 7-day steps from the market's first week. */
function weekEndOf(w: number, first: number, dates: Map<number, string>): string {
  return addDays(dates.get(first)!, 7 * (w - first));
}

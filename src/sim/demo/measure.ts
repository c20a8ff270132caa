import type { DemoMarket } from "./types.js";

/**
 * Reads generated source rows back into weekly series the way a harmonisation would (alias codes
 * resolved, crates and cases turned into units, exact duplicates collapsed). Tests use it to check
 * the planted manifest independently of the simulator's internals; evals can use it as a reference.
 */
export interface WeeklySeries {
  /** Units sold per `${market}|${location or "web"}|${sku}` → week-ending date. */
  units: Map<string, Map<string, number>>;
  /** Promotion flag (feature, display or price cut) per `${market}|${sku}` → week-ending date. */
  promoted: Map<string, Set<string>>;
  /** On-hand units per `${location}|${sku}` → week-ending (local) date. */
  onHand: Map<string, Map<string, number>>;
}

function put(
  map: Map<string, Map<string, number>>,
  key: string,
  date: string,
  value: number,
): void {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  inner.set(date, value);
}

/** Builds weekly series from every batch of the demo's sales and inventory feeds. */
export function readSeries(demo: DemoMarket): WeeklySeries {
  const alias = new Map(demo.skuAliases.map((a) => [`${a.source}|${a.code}`, a]));
  const casePack = new Map(demo.products.map((p) => [p.sku, p.casePack]));
  const marketOf = new Map(demo.locations.map((l) => [l.id, l.marketId]));
  const out: WeeklySeries = { units: new Map(), promoted: new Map(), onHand: new Map() };
  for (const batch of demo.feeds.sales) {
    for (const r of batch.rows) {
      const a = alias.get(`${batch.source}|${r.sku}`);
      const sku = a?.sku ?? r.sku;
      const market = r.market ?? marketOf.get(r.location ?? "") ?? "";
      put(
        out.units,
        `${market}|${r.location ?? "web"}|${sku}`,
        r.date,
        r.units * (a?.unitsPerCode ?? 1),
      );
      if (r.feature || r.display || r.tpr) {
        const key = `${market}|${sku}`;
        out.promoted.set(key, (out.promoted.get(key) ?? new Set()).add(r.date));
      }
    }
  }
  for (const batch of demo.feeds.inventory) {
    for (const r of batch.rows) {
      const per = r.uom === "case" ? (casePack.get(r.sku) ?? 1) : 1;
      put(out.onHand, `${r.location}|${r.sku}`, r.asOf.slice(0, 10), r.onHand * per);
    }
  }
  return out;
}

/** The `n` week-ending dates ending `back` weeks before a market's last week (oldest first). */
export function weeksBefore(lastWeekEnd: string, back: number, n: number): string[] {
  const end = Date.parse(`${lastWeekEnd}T00:00:00Z`) - back * 7 * 86_400_000;
  return Array.from({ length: n }, (_, i) =>
    new Date(end - (n - 1 - i) * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Mean of a series over the given dates (missing weeks count as 0). */
export function meanOver(
  series: Map<string, number> | undefined,
  dates: readonly string[],
): number {
  return dates.reduce((s, d) => s + (series?.get(d) ?? 0), 0) / Math.max(1, dates.length);
}

import { ModelError } from "./errors.js";
import type { FratDataset } from "./data/frat-schemas.js";

const DAY_MS = 86_400_000;

/** Identity of one store × product series and its place in the product hierarchy. */
export interface SeriesInfo {
  store: number;
  upc: number;
  storeIdx: number;
  upcIdx: number;
  categoryIdx: number;
  subCategoryIdx: number;
}

/**
 * Dense weekly panel of every store × UPC series: cell (s, w) lives at s * nWeeks + w.
 * A missing row is an absent cell (present = 0, units = 0): no sales, and no known promotion.
 */
export interface Panel {
  weekDates: string[];
  /** Week of year 0..52 per week index, for seasonality. */
  weekOfYear: Int16Array;
  stores: number[];
  upcs: number[];
  categories: string[];
  subCategories: string[];
  /** Category index of each UPC index (pooling hierarchy UPC → category). */
  upcCategory: Int32Array;
  upcSubCategory: Int32Array;
  series: SeriesInfo[];
  seriesIndex: Map<string, number>;
  nWeeks: number;
  present: Uint8Array;
  units: Float64Array;
  price: Float64Array;
  basePrice: Float64Array;
  feature: Uint8Array;
  display: Uint8Array;
  tpr: Uint8Array;
  /** Series indices with a row, per week. */
  weekRows: Int32Array[];
}

/** Key of a store × UPC series in `Panel.seriesIndex`. */
export function seriesKey(store: number, upc: number): string {
  return `${store}:${upc}`;
}

/** Week of year (0..52) of an ISO date. */
export function weekOfYear(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  const jan1 = Date.UTC(new Date(t).getUTCFullYear(), 0, 1);
  return Math.min(52, Math.floor((t - jan1) / DAY_MS / 7));
}

/** ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Build the dense weekly panel from a loaded dataset; weeks are consecutive 7-day steps. */
export function buildPanel(data: Pick<FratDataset, "transactions" | "products">): Panel {
  if (data.transactions.length === 0) throw new ModelError("DATA_MISSING", "no transactions");
  const dates = [...new Set(data.transactions.map((t) => t.weekEndDate))].sort();
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const nWeeks = Math.round((Date.parse(last) - Date.parse(first)) / DAY_MS / 7) + 1;
  const weekDates = Array.from({ length: nWeeks }, (_, w) => addDays(first, 7 * w));
  const weekIdx = new Map(weekDates.map((d, i) => [d, i]));

  const categories = [...new Set(data.products.map((p) => p.category))].sort();
  const subCategories = [
    ...new Set(data.products.map((p) => `${p.category}/${p.subCategory}`)),
  ].sort();
  const product = new Map(data.products.map((p) => [p.upc, p]));
  const upcs = [...new Set(data.transactions.map((t) => t.upc))].sort((a, b) => a - b);
  const stores = [...new Set(data.transactions.map((t) => t.store))].sort((a, b) => a - b);
  const upcIdx = new Map(upcs.map((u, i) => [u, i]));
  const storeIdx = new Map(stores.map((s, i) => [s, i]));
  const upcCategory = new Int32Array(upcs.length);
  const upcSubCategory = new Int32Array(upcs.length);
  upcs.forEach((u, i) => {
    const p = product.get(u);
    if (!p) throw new ModelError("DATA_INVALID", `UPC ${u} missing from products`);
    upcCategory[i] = categories.indexOf(p.category);
    upcSubCategory[i] = subCategories.indexOf(`${p.category}/${p.subCategory}`);
  });

  const series: SeriesInfo[] = [];
  const seriesIndex = new Map<string, number>();
  for (const t of data.transactions) {
    const k = seriesKey(t.store, t.upc);
    if (seriesIndex.has(k)) continue;
    const ui = upcIdx.get(t.upc)!;
    seriesIndex.set(k, series.length);
    series.push({
      store: t.store,
      upc: t.upc,
      storeIdx: storeIdx.get(t.store)!,
      upcIdx: ui,
      categoryIdx: upcCategory[ui]!,
      subCategoryIdx: upcSubCategory[ui]!,
    });
  }
  const n = series.length * nWeeks;
  const p: Panel = {
    weekDates,
    weekOfYear: Int16Array.from(weekDates, weekOfYear),
    stores,
    upcs,
    categories,
    subCategories,
    upcCategory,
    upcSubCategory,
    series,
    seriesIndex,
    nWeeks,
    present: new Uint8Array(n),
    units: new Float64Array(n),
    price: new Float64Array(n).fill(Number.NaN),
    basePrice: new Float64Array(n).fill(Number.NaN),
    feature: new Uint8Array(n),
    display: new Uint8Array(n),
    tpr: new Uint8Array(n),
    weekRows: [],
  };
  const perWeek: number[][] = weekDates.map(() => []);
  for (const t of data.transactions) {
    const w = weekIdx.get(t.weekEndDate);
    if (w === undefined)
      throw new ModelError("DATA_INVALID", `week ${t.weekEndDate} is not on the weekly grid`);
    const s = seriesIndex.get(seriesKey(t.store, t.upc))!;
    const c = s * nWeeks + w;
    if (p.present[c])
      throw new ModelError("DATA_INVALID", `duplicate row ${t.weekEndDate} ${t.store} ${t.upc}`);
    p.present[c] = 1;
    p.units[c] = t.units;
    p.price[c] = t.price;
    p.basePrice[c] = t.basePrice;
    p.feature[c] = t.feature;
    p.display[c] = t.display;
    p.tpr[c] = t.tprOnly;
    perWeek[w]!.push(s);
  }
  p.weekRows = perWeek.map((l) => Int32Array.from(l));
  return p;
}

/** Week of year of week index w, also for weeks past the panel's end (scenarios plan ahead). */
export function weekOfYearAt(panel: Panel, w: number): number {
  const known = panel.weekOfYear[w];
  if (known !== undefined) return known;
  const t = Date.parse(`${panel.weekDates[0]!}T00:00:00Z`) + 7 * w * DAY_MS;
  const jan1 = Date.UTC(new Date(t).getUTCFullYear(), 0, 1);
  return Math.min(52, Math.floor((t - jan1) / DAY_MS / 7));
}

/** Week index of an ISO week-end date on the panel's weekly grid (may lie past the last week). */
export function weekIndexOf(panel: Panel, iso: string): number {
  const days =
    (Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${panel.weekDates[0]!}T00:00:00Z`)) / DAY_MS;
  if (!Number.isInteger(days / 7)) {
    throw new ModelError(
      "INVALID_INPUT",
      `${iso} is not a week-end date of this data (weeks end ${panel.weekDates[0]!} + 7k)`,
    );
  }
  return days / 7;
}

/** Index of the last week whose end date is on or before `iso` (-1 if none). */
export function weekIndexOnOrBefore(panel: Panel, iso: string): number {
  let idx = -1;
  panel.weekDates.forEach((d, i) => {
    if (d <= iso) idx = i;
  });
  return idx;
}

/** Log units with zero-unit rows (returns netting out a sale) floored at half a unit. */
export function logUnits(units: number): number {
  return Math.log(Math.max(0.5, units));
}

import { ModelError } from "../errors.js";
import type { FratTransaction } from "./frat-schemas.js";

/** A parsed row before repair: prices and units may be NaN for empty cells. */
export type RawTransaction = Omit<FratTransaction, "price" | "basePrice"> & {
  price: number;
  basePrice: number;
};

function seriesKey(r: { store: number; upc: number }): string {
  return `${r.store}:${r.upc}`;
}

/** Nearest valid value in a week-ordered series, looking back first (the price last charged). */
function nearest(
  rows: RawTransaction[],
  idx: number[],
  at: number,
  pick: (r: RawTransaction) => number,
): number {
  for (let d = 1; d < idx.length; d++) {
    const back = idx[at - d];
    if (back !== undefined) {
      const v = pick(rows[back]!);
      if (v > 0) return v;
    }
    const fwd = idx[at + d];
    if (fwd !== undefined) {
      const v = pick(rows[fwd]!);
      if (v > 0) return v;
    }
  }
  return Number.NaN;
}

/**
 * Fill empty PRICE / BASE_PRICE cells: PRICE from SPEND/UNITS (the definition of the price charged),
 * BASE_PRICE from the same store × UPC series' nearest week; last resort the other price.
 */
export function imputePrices(raw: RawTransaction[]): {
  rows: FratTransaction[];
  imputedPrice: number;
  imputedBasePrice: number;
} {
  const bySeries = new Map<string, number[]>();
  raw.forEach((r, i) => {
    const k = seriesKey(r);
    const list = bySeries.get(k);
    if (list) list.push(i);
    else bySeries.set(k, [i]);
  });
  let imputedPrice = 0;
  let imputedBasePrice = 0;
  const price = new Float64Array(raw.length);
  const base = new Float64Array(raw.length);
  for (const idx of bySeries.values()) {
    idx.sort((a, b) => (raw[a]!.weekEndDate < raw[b]!.weekEndDate ? -1 : 1));
    idx.forEach((i, at) => {
      const r = raw[i]!;
      let p = r.price;
      let bp = r.basePrice;
      if (!(bp > 0)) {
        bp = nearest(raw, idx, at, (x) => x.basePrice);
        imputedBasePrice++;
      }
      if (!(p > 0)) {
        p = r.units > 0 && r.spend > 0 ? r.spend / r.units : bp;
        imputedPrice++;
      }
      if (!(bp > 0)) bp = p;
      if (!(p > 0) || !(bp > 0)) {
        throw new ModelError(
          "DATA_INVALID",
          `no usable price for store ${r.store} UPC ${r.upc} on ${r.weekEndDate}`,
        );
      }
      price[i] = p;
      base[i] = bp;
    });
  }
  const rows = raw.map((r, i) => ({
    ...r,
    units: Number.isFinite(r.units) ? r.units : 0,
    spend: Number.isFinite(r.spend) ? r.spend : 0,
    price: price[i]!,
    basePrice: base[i]!,
  }));
  return { rows, imputedPrice, imputedBasePrice };
}

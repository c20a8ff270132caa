import { z } from "zod";
import { currencySchema, idSchema, isoDateSchema, num, optNum, optStr, reqStr } from "./common.js";

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export const weekdaySchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.enum(WEEKDAYS),
);
export type Weekday = z.infer<typeof weekdaySchema>;

/** A sellable item, in canonical SKU terms. Prices are in `currency`. */
export const productSchema = z.object({
  sku: idSchema,
  name: reqStr(),
  category: reqStr(),
  subcategory: optStr(),
  brand: optStr(),
  manufacturer: optStr(),
  packSize: optStr(),
  /** Units in one case, for feeds that count cases. */
  casePack: num().pipe(z.number().int().positive()).default(1),
  unitCost: optNum().pipe(z.number().nonnegative().optional()),
  regularPrice: optNum().pipe(z.number().positive().optional()),
  currency: currencySchema.default("USD"),
});
export type Product = z.infer<typeof productSchema>;

/** A selling territory: one currency, one time zone, one retail-week convention. */
export const marketSchema = z.object({
  id: idSchema,
  name: optStr(),
  region: reqStr(),
  currency: currencySchema,
  timeZone: reqStr().refine(isTimeZone, "unknown IANA time zone"),
  /** Retail weeks end on this weekday (dunnhumby's end on Wednesday). */
  weekEndsOn: weekdaySchema.default("saturday"),
});
export type Market = z.infer<typeof marketSchema>;

export const locationKindSchema = z.enum(["store", "warehouse", "plant", "online"]);

/** A store, warehouse, plant or web shop, belonging to one market. */
export const locationSchema = z.object({
  id: idSchema,
  name: optStr(),
  marketId: idSchema,
  kind: z.preprocess((v) => (v === "" || v === undefined ? "store" : v), locationKindSchema),
  segment: optStr(),
  salesAreaSqft: optNum().pipe(z.number().nonnegative().optional()),
});
export type Location = z.infer<typeof locationSchema>;

/** Maps one source's product code to a canonical SKU; `unitsPerCode` > 1 for case or multipack codes. */
export const skuAliasSchema = z.object({
  source: idSchema,
  code: idSchema,
  sku: idSchema,
  unitsPerCode: num().pipe(z.number().positive()).default(1),
});
export type SkuAlias = z.infer<typeof skuAliasSchema>;

/** One unit of `from` costs `rate` units of `to`, from `date` until the next rate. */
export const fxRateSchema = z.object({
  date: isoDateSchema,
  from: currencySchema,
  to: currencySchema,
  rate: num().pipe(z.number().positive()),
});
export type FxRate = z.infer<typeof fxRateSchema>;

/** Intl knows every IANA zone and alias; supportedValuesOf lists canonical names only. */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

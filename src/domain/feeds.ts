import { z } from "zod";
import { channelSchema } from "./channel.js";
import { mechanicSchema } from "./proposal.js";
import {
  currencySchema,
  flag,
  idSchema,
  inYearRange,
  MAX_YEAR,
  MIN_YEAR,
  num,
  optNum,
  optStr,
  reqStr,
} from "./common.js";

/**
 * Rows as source systems send them, before harmonisation. Files use snake_case column names
 * (`price_paid`); they are matched to these camelCase keys. A key whose schema rejects
 * `undefined` is a required column.
 */

const uomSchema = z.preprocess(
  (v) => (v === undefined || v === "" ? "unit" : String(v).trim().toLowerCase()),
  z.enum(["unit", "each", "case", "pack"], { error: "expected unit, each, case or pack" }),
);
/** Units, stock and money in one feed row: a billion is past any real shelf, till or price. */
export const MAX_FEED_AMOUNT = 1e9;
const nonNeg = () => num(MAX_FEED_AMOUNT).pipe(z.number().nonnegative("must not be negative"));
const optNonNeg = () =>
  optNum(MAX_FEED_AMOUNT).pipe(z.number().nonnegative("must not be negative").optional());
const optPositive = () =>
  optNum(MAX_FEED_AMOUNT).pipe(z.number().positive("must be greater than 0").optional());
/** A date (YYYY-MM-DD) or a timestamp with or without an offset; zone-less values use `timeZone` or the market's zone. */
const when = () =>
  reqStr().refine(
    inYearRange,
    `expected an ISO date or time with a year from ${MIN_YEAR} to ${MAX_YEAR}`,
  );

const common = {
  sourceEventId: optStr(),
  timeZone: optStr(),
  uom: uomSchema,
};

export const salesFeedRowSchema = z.object({
  ...common,
  sku: idSchema,
  location: optStr(),
  market: optStr(),
  channel: z.preprocess((v) => (v === undefined || v === "" ? "store" : v), channelSchema),
  date: when(),
  granularity: z.preprocess(
    (v) => (v === undefined || v === "" ? "day" : v),
    z.enum(["day", "week"]),
  ),
  units: nonNeg(),
  revenue: optNonNeg(),
  pricePaid: optPositive(),
  regularPrice: optPositive(),
  currency: currencySchema.optional(),
  feature: flag(),
  display: flag(),
  tpr: flag(),
});
export type SalesFeedRow = z.infer<typeof salesFeedRowSchema>;

export const inventoryFeedRowSchema = z.object({
  ...common,
  sku: idSchema,
  location: idSchema,
  asOf: when(),
  onHand: nonNeg(),
  onOrder: optNonNeg(),
  inTransit: optNonNeg(),
});
export type InventoryFeedRow = z.infer<typeof inventoryFeedRowSchema>;

export const productionFeedRowSchema = z.object({
  ...common,
  plant: idSchema,
  sku: idSchema,
  date: when(),
  plannedUnits: nonNeg(),
  capacityUnits: nonNeg(),
});
export type ProductionFeedRow = z.infer<typeof productionFeedRowSchema>;

export const competitorPriceFeedRowSchema = z.object({
  ...common,
  competitor: idSchema,
  competitorProduct: idSchema,
  /** Our SKU code; when absent the competitor's code is looked up in the alias table under the competitor's name. */
  sku: optStr(),
  market: idSchema,
  price: num(MAX_FEED_AMOUNT).pipe(z.number().positive("must be greater than 0")),
  currency: currencySchema.optional(),
  promoText: optStr(),
  observedAt: when(),
});
export type CompetitorPriceFeedRow = z.infer<typeof competitorPriceFeedRowSchema>;

export const consumerSignalFeedRowSchema = z.object({
  ...common,
  sku: optStr(),
  category: optStr(),
  market: idSchema,
  kind: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, "expected a snake_case signal kind such as search_interest"),
  ),
  value: num(),
  text: optStr(),
  observedAt: when(),
});
export type ConsumerSignalFeedRow = z.infer<typeof consumerSignalFeedRowSchema>;

/** Channels written as one cell: "store, email" or "store|email". */
const channelList = () =>
  z.preprocess(
    (v) =>
      v === undefined || v === ""
        ? ["store"]
        : typeof v === "string"
          ? v
              .split(/[,;|]/)
              .map((c) => c.trim().toLowerCase())
              .filter(Boolean)
          : v,
    z.array(channelSchema).min(1),
  );

/** The planners' own calendar: what they planned to run, for shadow mode to set beside the system's. */
export const plannedPromotionFeedRowSchema = z.object({
  ...common,
  sku: idSchema,
  market: idSchema,
  mechanic: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    mechanicSchema,
  ),
  discountPct: optNum(100).pipe(
    z.number().min(0, "must not be negative").lt(100, "must be below 100").optional(),
  ),
  startDate: when(),
  weeks: num(52).pipe(z.number().int("must be whole weeks").min(1, "must be at least 1")),
  channels: channelList(),
  planner: optStr(),
});
export type PlannedPromotionFeedRow = z.infer<typeof plannedPromotionFeedRowSchema>;

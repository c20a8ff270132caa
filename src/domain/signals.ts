import { z } from "zod";
import { channelSchema } from "./channel.js";
import { idSchema, isoDateSchema } from "./common.js";

/** The five signal kinds autopromo harmonises into its fact store. */
export const signalKindSchema = z.enum([
  "sales",
  "inventory",
  "production",
  "competitor_price",
  "consumer_signal",
]);
export type SignalKind = z.infer<typeof signalKindSchema>;

const utc = z.iso.datetime({ offset: false });

/** Provenance every harmonised fact keeps. */
const provenance = {
  source: idSchema,
  sourceEventId: z.string().nullable(),
};

/** Units sold in one period at one location (or market-wide), money in the market's currency. */
export const salesObservationSchema = z.object({
  ...provenance,
  sku: idSchema,
  marketId: idSchema,
  locationId: z.string().nullable(),
  channel: channelSchema,
  granularity: z.enum(["day", "week"]),
  /** First and last local calendar day the row covers. */
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  /** The market's retail week (its week-ending date) the period falls in. */
  retailWeek: isoDateSchema,
  units: z.number().nonnegative(),
  revenue: z.number().nonnegative(),
  pricePaid: z.number().positive().nullable(),
  regularPrice: z.number().positive().nullable(),
  feature: z.boolean(),
  display: z.boolean(),
  tpr: z.boolean(),
});
export type SalesObservation = z.infer<typeof salesObservationSchema>;

/** Stock of one SKU at one location at a moment. */
export const inventoryPositionSchema = z.object({
  ...provenance,
  sku: idSchema,
  locationId: idSchema,
  marketId: idSchema,
  asOf: utc,
  retailWeek: isoDateSchema,
  onHand: z.number().nonnegative(),
  onOrder: z.number().nonnegative(),
  inTransit: z.number().nonnegative(),
});
export type InventoryPosition = z.infer<typeof inventoryPositionSchema>;

/** Planned output and capacity of one plant for one SKU on one day. */
export const productionScheduleSchema = z.object({
  ...provenance,
  plant: idSchema,
  sku: idSchema,
  date: isoDateSchema,
  plannedUnits: z.number().nonnegative(),
  capacityUnits: z.number().nonnegative(),
});
export type ProductionSchedule = z.infer<typeof productionScheduleSchema>;

/** A competitor's shelf price for a product mapped to our SKU, in the market's currency. */
export const competitorPriceSchema = z.object({
  ...provenance,
  competitor: idSchema,
  competitorProduct: idSchema,
  sku: idSchema,
  marketId: idSchema,
  price: z.number().positive(),
  promoText: z.string().nullable(),
  observedAt: utc,
  retailWeek: isoDateSchema,
});
export type CompetitorPrice = z.infer<typeof competitorPriceSchema>;

/** Search interest, social mentions, reviews, weather index and the like, for a SKU or a category. */
export const consumerSignalSchema = z.object({
  ...provenance,
  sku: z.string().nullable(),
  category: z.string().nullable(),
  marketId: idSchema,
  kind: z.string(),
  value: z.number(),
  text: z.string().nullable(),
  observedAt: utc,
  retailWeek: isoDateSchema,
});
export type ConsumerSignal = z.infer<typeof consumerSignalSchema>;

import { z } from "zod";

/** One SKU of the simulated retailer (prices and costs in EUR). */
export const skuSpecSchema = z.strictObject({
  sku: z.string().min(1),
  name: z.string().min(1),
  regularPrice: z.number().positive(),
  /** Unit cost as a share of the regular price. */
  costRatio: z.number().gt(0).lt(1),
  /** Mean units a week in an average store before seasonality. */
  baseUnits: z.number().positive(),
});

/** The shape of the simulated retailer: small enough that a 52-week × 10-seed pilot is feasible. */
export const marketWorldSpecSchema = z.strictObject({
  markets: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        name: z.string(),
        timeZone: z.string(),
        stores: z.number().int().min(3).max(40),
      }),
    )
    .min(1),
  /** Category names match the calibration file's (the dunnhumby categories). */
  categories: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        subcategory: z.string().min(1),
        skus: z.array(skuSpecSchema).min(2),
      }),
    )
    .min(1),
  /** Weeks of history before the pilot (the fixed calendar repeats its last 52). */
  historyWeeks: z.number().int().min(52).max(156),
  /** Week-ending date (a Saturday) of history week 0. */
  firstWeekEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type MarketWorldSpec = z.infer<typeof marketWorldSpecSchema>;
export type SkuSpec = z.infer<typeof skuSpecSchema>;

const sku = (
  sku: string,
  name: string,
  regularPrice: number,
  costRatio: number,
  baseUnits: number,
): SkuSpec => ({ sku, name, regularPrice, costRatio, baseUnits });

/** Two markets × eight stores; three categories of four SKUs each (one subcategory per category). */
export const DEFAULT_WORLD_SPEC: MarketWorldSpec = {
  markets: [
    { id: "FR", name: "France", timeZone: "Europe/Paris", stores: 8 },
    { id: "NL", name: "Netherlands", timeZone: "Europe/Amsterdam", stores: 8 },
  ],
  categories: [
    {
      name: "COLD CEREAL",
      subcategory: "ADULT CEREAL",
      skus: [
        sku("CC-01", "Oat Clusters", 3.99, 0.55, 40),
        sku("CC-02", "Bran Flakes", 3.49, 0.58, 30),
        sku("CC-03", "Corn Flakes", 2.79, 0.6, 50),
        sku("CC-04", "Muesli", 4.49, 0.52, 22),
      ],
    },
    {
      name: "FROZEN PIZZA",
      subcategory: "PIZZA/PREMIUM",
      skus: [
        sku("FP-01", "Margherita", 4.99, 0.55, 28),
        sku("FP-02", "Pepperoni", 5.49, 0.55, 24),
        sku("FP-03", "Four Cheese", 5.29, 0.56, 18),
        sku("FP-04", "Veggie", 4.79, 0.57, 15),
      ],
    },
    {
      name: "BAG SNACKS",
      subcategory: "PRETZELS",
      skus: [
        sku("BS-01", "Salted Pretzels", 2.49, 0.6, 35),
        sku("BS-02", "Pretzel Sticks", 2.29, 0.6, 30),
        sku("BS-03", "Honey Mustard Bites", 2.99, 0.58, 18),
        sku("BS-04", "Sourdough Twists", 2.79, 0.59, 20),
      ],
    },
  ],
  // Two years: the agents' baseline needs ≥ 78 weeks to fit yearly seasonality (with one year it
  // cannot tell a seasonal high from a promotion's lift, and its forecasts were off by ±15 %).
  historyWeeks: 104,
  firstWeekEnd: "2023-01-07",
};

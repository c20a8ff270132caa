import { z } from "zod";
import { upcEffectsSchema } from "../lift/params.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1)])
  .transform((v) => (v === true || v === 1 ? 1 : 0));

/** A proposed promotion for the lift model to simulate. */
export const scenarioInputSchema = z
  .object({
    upc: z.number().int().describe("product to promote"),
    stores: z
      .union([z.array(z.number().int()).min(1), z.literal("all")])
      .describe("store numbers, or all stores carrying the UPC"),
    weeks: z
      .array(isoDate)
      .min(1)
      .describe("week-end dates of the promotion, after the model's last actuals"),
    price: z.number().positive().describe("promoted shelf price"),
    regularPrice: z
      .number()
      .positive()
      .optional()
      .describe("regular price; default: each store's recent base price"),
    feature: flag.default(0).describe("in the weekly ad"),
    display: flag.default(0).describe("on an in-store display"),
    tprOnly: flag.default(0).describe("temporary price reduction shelf tag only"),
    unitCost: z.number().nonnegative().describe("cost of goods per unit"),
    otherSkuMarginRate: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("margin rate of cannibalised SKUs; default: this SKU's (regular − cost) / regular"),
    postPromoWeeks: z
      .number()
      .int()
      .min(0)
      .max(8)
      .default(2)
      .describe("weeks after the promotion checked for a dip"),
  })
  .describe("promotion scenario");
export type ScenarioInput = z.input<typeof scenarioInputSchema>;
export type ScenarioSpec = z.output<typeof scenarioInputSchema>;

const range = z.tuple([z.number(), z.number()]).describe("80 % prediction interval [lower, upper]");

/** What the lift model expects a scenario to do, in units and money (sums over stores and weeks). */
export const scenarioResultSchema = z.object({
  upc: z.number().int(),
  stores: z.array(z.number().int()),
  weeks: z.array(isoDate),
  baselineUnits: z.number().describe("expected units without the promotion"),
  promoUnits: z.number().describe("expected units with the promotion"),
  incrementalUnits: z
    .number()
    .describe("promoUnits − baselineUnits, on the promoted SKU in the promoted weeks"),
  cannibalisedUnits: z
    .number()
    .describe("units the other SKUs of the category lose (negative = halo)"),
  pulledForwardUnits: z
    .number()
    .describe("units the promoted SKU loses in the weeks after (pull-forward)"),
  netIncrementalUnits: z.number().describe("incremental − cannibalised − pulled forward"),
  incrementalRevenue: z.number().describe("revenue change after cannibalisation and pull-forward"),
  discountCost: z.number().describe("promoUnits × (regular − promoted price)"),
  incrementalMargin: z
    .number()
    .describe(
      "contribution margin change after discount, unit cost, cannibalisation, pull-forward",
    ),
  interval80: z.object({
    promoUnits: range,
    incrementalUnits: range,
    netIncrementalUnits: range,
    incrementalMargin: range,
  }),
  effects: upcEffectsSchema.describe("the UPC's fitted effects, for explanations"),
});
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;

import { z } from "zod";
import { idSchema, isoDateSchema } from "../domain/common.js";
import { asOfDate, defineTool, shiftDate } from "./define.js";
import { ToolError } from "./errors.js";
import { loadWeeklySales } from "./series.js";

export const salesTrendInputSchema = z
  .object({
    sku: idSchema.optional().describe("canonical SKU; give this or category"),
    category: z.string().min(1).optional().describe("product category; give this or sku"),
    market: idSchema.optional().describe("market id; give this or location"),
    location: idSchema.optional().describe("store id, for one store's sales"),
    weeks: z.number().int().min(1).max(260).default(13).describe("retail weeks back from today"),
  })
  .refine((v) => v.sku !== undefined || v.category !== undefined, {
    message: "give sku or category",
    path: ["sku"],
  })
  .refine((v) => v.market !== undefined || v.location !== undefined, {
    message: "give market or location",
    path: ["market"],
  });

export const salesWeekSchema = z.object({
  week: isoDateSchema,
  units: z.number().nonnegative(),
  revenue: z.number().nonnegative(),
  /** Revenue over units; null in a week without sales. */
  avgPrice: z.number().nullable(),
  feature: z.boolean(),
  display: z.boolean(),
  tpr: z.boolean(),
  /** SKUs of the scope on any promotion that week. */
  promotedSkus: z.number().int().nonnegative(),
});

export const salesTrendOutputSchema = z.object({
  asOf: isoDateSchema,
  skus: z.array(idSchema),
  weeks: z.array(salesWeekSchema),
});
export type SalesTrend = z.infer<typeof salesTrendOutputSchema>;

/** Weekly units, revenue, average price and promo flags for a SKU or category in a market or store. */
export const salesTrend = defineTool({
  name: "salesTrend",
  description:
    "Weekly units, revenue, average price paid and promotion flags (feature, display, price cut) for a SKU or a category in a market or one store, over the last N retail weeks.",
  input: salesTrendInputSchema,
  output: salesTrendOutputSchema,
  run({ db, clock }, input) {
    const asOf = asOfDate(clock);
    const rows = loadWeeklySales(db, {
      ...input,
      after: shiftDate(asOf, -7 * input.weeks),
      through: asOf,
    });
    if (rows.length === 0)
      throw new ToolError(
        "NO_DATA",
        "salesTrend",
        `no sales for ${input.sku ?? input.category} in ${input.location ?? input.market} in the last ${input.weeks} weeks`,
      );
    const weeks = new Map<string, z.input<typeof salesWeekSchema>>();
    for (const r of rows) {
      const w = weeks.get(r.week) ?? {
        week: r.week,
        units: 0,
        revenue: 0,
        avgPrice: null,
        feature: false,
        display: false,
        tpr: false,
        promotedSkus: 0,
      };
      w.units += r.units;
      w.revenue += r.revenue;
      w.feature ||= r.feature;
      w.display ||= r.display;
      w.tpr ||= r.tpr;
      if (r.feature || r.display || r.tpr) w.promotedSkus += 1;
      weeks.set(r.week, w);
    }
    const out = [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
    for (const w of out)
      w.avgPrice = w.units > 0 ? Math.round((w.revenue / w.units) * 100) / 100 : null;
    return { asOf, skus: [...new Set(rows.map((r) => r.sku))].sort(), weeks: out };
  },
});

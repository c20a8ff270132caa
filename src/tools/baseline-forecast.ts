import { z } from "zod";
import { idSchema, isoDateSchema } from "../domain/common.js";
import { asOfDate, defineTool, shiftDate } from "./define.js";
import { ToolError } from "./errors.js";
import { baselineOf } from "./forecast/series-forecast.js";
import { FactsMemo } from "./memo.js";
import { latestWeeks, loadWeeklySales, toGrid } from "./series.js";
import type { Db } from "../store/index.js";

export const BASELINE_METHOD =
  "OLS on log1p(weekly units) of non-promoted weeks (promoted weeks and the week after a price cut excluded): level, linear trend (≥ 26 clean weeks), two yearly Fourier harmonics (history ≥ 78 weeks; 2 years recommended); outliers beyond 3.5 robust SDs trimmed once; predictive SD σ·√(1 + x₀ᵀ(XᵀX)⁻¹x₀).";

export const baselineForecastInputSchema = z.object({
  sku: idSchema,
  market: idSchema,
  horizonWeeks: z.number().int().min(1).max(52).default(8),
  historyWeeks: z.number().int().min(8).max(260).default(104),
  trainThrough: isoDateSchema.optional().describe("fit on weeks up to this date only (to check recent weeks against it)"),
});

export const forecastWeekSchema = z.object({
  week: isoDateSchema,
  units: z.number().nonnegative(),
  sd: z.number().nonnegative(),
  lower80: z.number().nonnegative(),
  upper80: z.number().nonnegative(),
  logMean: z.number(),
  logSd: z.number().positive(),
  /** Units actually sold, for weeks already past. */
  actual: z.number().nonnegative().optional(),
});

export const baselineForecastOutputSchema = z.object({
  asOf: isoDateSchema,
  sku: idSchema,
  market: idSchema,
  method: z.string(),
  terms: z.array(z.enum(["level", "trend", "season"])),
  sigma: z.number().positive(),
  cleanWeeks: z.number().int(),
  trimmedWeeks: z.number().int(),
  forecast: z.array(forecastWeekSchema),
});
export type BaselineForecast = z.infer<typeof baselineForecastOutputSchema>;

/** The demand agent's baseline for a SKU × market: weekly units with a predictive SD, promotions excluded. */
export const baselineForecast = defineTool({
  name: "baselineForecast",
  description: "Baseline (no-promotion) weekly unit forecast for a SKU in a market with a predictive SD and 80 % interval; level, trend and yearly seasonality fitted on non-promoted weeks.",
  input: baselineForecastInputSchema,
  output: baselineForecastOutputSchema,
  run({ db, clock }, input) {
    const asOf = asOfDate(clock);
    const last = latestWeeks(db, asOf).get(input.market);
    if (!last) throw new ToolError("UNKNOWN_SCOPE", "baselineForecast", `no sales in market ${input.market} on or before ${asOf}`);
    const key = `${input.sku}|${input.market}|${last}|${input.historyWeeks}|${input.horizonWeeks}|${input.trainThrough ?? ""}`;
    return { asOf, ...FITS.get(db, key, () => fitSeries(db, input, last)) };
  },
});

/** Baselines fitted per SKU × market × week, kept until the next sales ingest. */
const FITS = new FactsMemo<Omit<BaselineForecast, "asOf">>(["sales"], 2048);

function fitSeries(db: Db, input: z.output<typeof baselineForecastInputSchema>, last: string): Omit<BaselineForecast, "asOf"> {
  const rows = loadWeeklySales(db, { sku: input.sku, market: input.market, after: shiftDate(last, -7 * input.historyWeeks), through: last });
  if (rows.length === 0) throw new ToolError("NO_DATA", "baselineForecast", `no sales of ${input.sku} in ${input.market}`);
  const grid = toGrid(rows, last);
  const cut = input.trainThrough ? grid.weeks.filter((w) => w <= input.trainThrough!).length - 1 : grid.weeks.length - 1;
  const base = cut >= 0 ? baselineOf(grid, cut) : undefined;
  if (!base) throw new ToolError("NO_DATA", "baselineForecast", `fewer than 8 non-promoted weeks of ${input.sku} in ${input.market}`);
  const forecast = Array.from({ length: grid.weeks.length - 1 - cut + input.horizonWeeks }, (_, k) => {
    const t = cut + 1 + k;
    const f = base.at(t);
    return t < grid.weeks.length ? { ...f, actual: grid.points[t]?.units ?? 0 } : f;
  });
  return { sku: input.sku, market: input.market, method: BASELINE_METHOD, terms: base.fit.terms, sigma: base.fit.sigma, cleanWeeks: base.fit.used, trimmedWeeks: base.fit.trimmed, forecast };
}

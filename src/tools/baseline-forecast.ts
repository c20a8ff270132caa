import { z } from "zod";
import { idSchema, isoDateSchema } from "../domain/common.js";
import { asOfDate, defineTool, shiftDate, type ToolContext } from "./define.js";
import { ToolError } from "./errors.js";
import { baselineOf } from "./forecast/series-forecast.js";
import { SERIES_ENTRIES, FactsMemo } from "./memo.js";
import {
  categoryWeeklySales,
  latestWeeks,
  loadWeeklySales,
  toGrid,
  type WeekRow,
} from "./series.js";
import type { Db } from "../store/index.js";

export const BASELINE_METHOD =
  "OLS on log1p(weekly units) of non-promoted weeks (promoted weeks and the week after a price cut excluded): level, linear trend (≥ 26 clean weeks), two yearly Fourier harmonics (history ≥ 78 weeks; 2 years recommended); outliers beyond 3.5 robust SDs trimmed once; predictive SD σ·√(1 + x₀ᵀ(XᵀX)⁻¹x₀).";

/** Weeks of history a baseline is fitted on unless asked otherwise. */
const DEFAULT_HISTORY_WEEKS = 104;

export const baselineForecastInputSchema = z.object({
  sku: idSchema,
  market: idSchema,
  horizonWeeks: z.number().int().min(1).max(52).default(8),
  historyWeeks: z.number().int().min(8).max(260).default(DEFAULT_HISTORY_WEEKS),
  trainThrough: isoDateSchema
    .optional()
    .describe("fit on weeks up to this date only (to check recent weeks against it)"),
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
  description:
    "Baseline (no-promotion) weekly unit forecast for a SKU in a market with a predictive SD and 80 % interval; level, trend and yearly seasonality fitted on non-promoted weeks.",
  input: baselineForecastInputSchema,
  output: baselineForecastOutputSchema,
  run({ db, clock }, input) {
    const asOf = asOfDate(clock);
    const last = latestWeeks(db, asOf).get(input.market);
    if (!last)
      throw new ToolError(
        "UNKNOWN_SCOPE",
        "baselineForecast",
        `no sales in market ${input.market} on or before ${asOf}`,
      );
    return {
      asOf,
      ...FITS.get(db, fitKey(input, last), () => fitted(fitSeries(db, input, last))).fit,
    };
  },
});

/** Baselines fitted per SKU × market × week, kept until the next sales ingest. */
const FITS = new FactsMemo<Fitted>(["sales"], SERIES_ENTRIES);

/** A fit, and its output as `call` returns it validated by as-of date (once each: it is shared). */
interface Fitted {
  fit: Omit<BaselineForecast, "asOf">;
  checked: Map<string, z.ZodSafeParseResult<BaselineForecast>>;
}

const fitted = (fit: Omit<BaselineForecast, "asOf">): Fitted => ({ fit, checked: new Map() });

/** What code (not an LLM) asks for: a SKU's baseline in a market over a horizon, on the default history. */
export interface BaselineRequest {
  sku: string;
  market: string;
  horizonWeeks: number;
}

/** True when the input schema would return `id` unchanged: trimmed, 1–200 characters. */
const plainId = (id: string): boolean => id.length >= 1 && id.length <= 200 && id.trim() === id;

function checkedOutput({ fit, checked }: Fitted, asOf: string): BaselineForecast {
  let result = checked.get(asOf);
  if (!result)
    checked.set(asOf, (result = baselineForecastOutputSchema.safeParse({ asOf, ...fit })));
  if (!result.success)
    throw new ToolError("INVALID_TOOL_OUTPUT", "baselineForecast", result.error.message, {
      cause: result.error,
    });
  return result.data;
}

/**
 * `baselineForecast.call` for requests built by code (the demand agent, every SKU of a scope):
 * the same answers and the same ToolErrors, without parsing each input again — taken only when
 * parsing would return the request unchanged (plain ids, a whole horizon of 1–52 weeks), else the
 * request goes through `call`. The output is validated once per fit and date and shared: read-only.
 * With the requests' `category`, the series are read once for the whole category.
 */
export function baselineForecasts(
  ctx: ToolContext,
  requests: readonly BaselineRequest[],
  category?: string,
): (BaselineForecast | ToolError)[] {
  const asOf = asOfDate(ctx.clock);
  const version = FITS.version(ctx.db);
  const lasts = latestWeeks(ctx.db, asOf);
  // A fit's rows from the category's (read once for every SKU and market, and by perception), when
  // they cover its window; the same rows in the same order as the SKU's own read, else that read.
  const fit = (input: z.output<typeof baselineForecastInputSchema>, last: string) => {
    const after = shiftDate(last, -7 * input.historyWeeks);
    const weeks =
      category === undefined
        ? undefined
        : categoryWeeklySales(ctx.db, category, asOf, input.historyWeeks);
    const list =
      weeks && after >= weeks.after ? weeks.series.get(`${input.sku}|${input.market}`) : undefined;
    // The SKU and market are checked too: `${sku}|${market}` alone could join two series whose ids hold a "|".
    const rows = list?.filter(
      (r) => r.week > after && r.week <= last && r.sku === input.sku && r.market === input.market,
    );
    return rows ? fitSeries(ctx.db, input, last, rows) : fitSeries(ctx.db, input, last);
  };
  return requests.map((r) => {
    try {
      if (
        !plainId(r.sku) ||
        !plainId(r.market) ||
        !Number.isInteger(r.horizonWeeks) ||
        r.horizonWeeks < 1 ||
        r.horizonWeeks > 52
      ) {
        return baselineForecast.call(ctx, r);
      }
      const input = {
        sku: r.sku,
        market: r.market,
        horizonWeeks: r.horizonWeeks,
        historyWeeks: DEFAULT_HISTORY_WEEKS,
      };
      const last = lasts.get(input.market);
      if (!last)
        throw new ToolError(
          "UNKNOWN_SCOPE",
          "baselineForecast",
          `no sales in market ${input.market} on or before ${asOf}`,
        );
      return checkedOutput(
        FITS.get(ctx.db, fitKey(input, last), () => fitted(fit(input, last)), version),
        asOf,
      );
    } catch (e) {
      if (e instanceof ToolError) return e;
      throw e;
    }
  });
}

/** The memo key of a fit: the series, its last week and what shapes the fit. */
function fitKey(input: z.output<typeof baselineForecastInputSchema>, last: string): string {
  return `${input.sku}|${input.market}|${last}|${input.historyWeeks}|${input.horizonWeeks}|${input.trainThrough ?? ""}`;
}

function fitSeries(
  db: Db,
  input: z.output<typeof baselineForecastInputSchema>,
  last: string,
  rows: readonly WeekRow[] = loadWeeklySales(db, {
    sku: input.sku,
    market: input.market,
    after: shiftDate(last, -7 * input.historyWeeks),
    through: last,
  }),
): Omit<BaselineForecast, "asOf"> {
  if (rows.length === 0)
    throw new ToolError(
      "NO_DATA",
      "baselineForecast",
      `no sales of ${input.sku} in ${input.market}`,
    );
  const grid = toGrid(rows, last);
  const cut = input.trainThrough
    ? grid.weeks.filter((w) => w <= input.trainThrough!).length - 1
    : grid.weeks.length - 1;
  const base = cut >= 0 ? baselineOf(grid, cut) : undefined;
  if (!base)
    throw new ToolError(
      "NO_DATA",
      "baselineForecast",
      `fewer than 8 non-promoted weeks of ${input.sku} in ${input.market}`,
    );
  const forecast = Array.from(
    { length: grid.weeks.length - 1 - cut + input.horizonWeeks },
    (_, k) => {
      const t = cut + 1 + k;
      const f = base.at(t);
      return t < grid.weeks.length ? { ...f, actual: grid.points[t]?.units ?? 0 } : f;
    },
  );
  return {
    sku: input.sku,
    market: input.market,
    method: BASELINE_METHOD,
    terms: base.fit.terms,
    sigma: base.fit.sigma,
    cleanWeeks: base.fit.used,
    trimmedWeeks: base.fit.trimmed,
    forecast,
  };
}

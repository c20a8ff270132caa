import { z } from "zod";
import { InputError } from "../../errors.js";

/**
 * One week of the supply projection's inputs, in units of the same stock pool (a SKU over the
 * network its plants serve, or one market's share of it).
 */
export const projectionWeekSchema = z.object({
  /** The week's label (its retail week-ending date, usually). */
  week: z.string().min(1),
  /** Production planned that week (all plants). */
  production: z.number().nonnegative(),
  /** Forecast demand without promotions (the baseline). */
  demand: z.number().nonnegative(),
  /** Extra units planned promotions are expected to sell that week (their lift, net of dips). */
  promotionUnits: z.number().default(0),
});

export const supplyProjectionInputSchema = z.object({
  /** Stock on hand now, every location of the pool. */
  onHand: z.number().nonnegative(),
  /** Stock on its way; it is counted as arriving in the first week. */
  inTransit: z.number().nonnegative().default(0),
  /**
   * Weeks between a week's planned production and its arrival in stock: 0 counts it in the week
   * it is planned, 1 the week after (what a promotion may draw on when plants ship weekly).
   */
  leadWeeks: z.number().int().min(0).max(4).default(0),
  /** Stock the pool must keep, in weeks of that week's demand: below it shelves start to empty. */
  safetyWeeks: z.number().nonnegative().default(0),
  /** The horizon, oldest first. */
  weeks: z.array(projectionWeekSchema).min(1),
});
export type SupplyProjectionInput = z.input<typeof supplyProjectionInputSchema>;

/** One projected week: what arrives, what sells, what is left against the safety line. */
export interface ProjectedWeek {
  week: string;
  opening: number;
  /** Production planned this week (it arrives `leadWeeks` later). */
  production: number;
  arrivals: number;
  demand: number;
  closing: number;
  safetyStock: number;
}

/** The projection week by week and where it first fails. */
export interface SupplyProjection {
  weeks: ProjectedWeek[];
  /** Total production over the horizon and total demand (promotions included). */
  production: number;
  demand: number;
  /** Index of the first week that closes below its safety stock (undefined when none does). */
  belowSafetyAt: number | undefined;
  /** Index of the first week whose demand the stock cannot serve at all (closing < 0). */
  stockOutAt: number | undefined;
  /** The largest shortfall under the safety line over the horizon (0 when never under). */
  worstBelowSafety: number;
  /** Lowest closing stock over the horizon. */
  lowestClosing: number;
}

/**
 * Projects stock week by week: closing = opening + arrivals − demand, where arrivals are the
 * in-transit stock (week 1) and production `leadWeeks` after it is planned; demand is the baseline
 * plus planned promotions. Closing stock may go negative: that is unmet demand, the gap's size.
 * @example projectSupply({ onHand: 600, weeks: [{ week: "2026-11-28", production: 100, demand: 300 }] });
 */
export function projectSupply(raw: SupplyProjectionInput): SupplyProjection {
  const parsed = supplyProjectionInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      "INVALID_INPUT",
      `invalid supply projection input: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
      { field: issue?.path.join("."), cause: parsed.error },
    );
  }
  const input = parsed.data;
  const weeks: ProjectedWeek[] = [];
  let stock = input.onHand;
  let production = 0;
  let demand = 0;
  let belowSafetyAt: number | undefined;
  let stockOutAt: number | undefined;
  let worstBelowSafety = 0;
  let lowestClosing = Infinity;
  input.weeks.forEach((w, i) => {
    const planned = input.weeks[i - input.leadWeeks];
    const arrivals = (i === 0 ? input.inTransit : 0) + (planned?.production ?? 0);
    // A promotion's dip weeks may take demand below the baseline, never below nothing.
    const need = Math.max(0, w.demand + w.promotionUnits);
    const opening = stock;
    stock = opening + arrivals - need;
    const safetyStock = input.safetyWeeks * need;
    weeks.push({
      week: w.week,
      opening,
      production: w.production,
      arrivals,
      demand: need,
      closing: stock,
      safetyStock,
    });
    production += w.production;
    demand += need;
    if (stock < safetyStock) {
      belowSafetyAt ??= i;
      worstBelowSafety = Math.max(worstBelowSafety, safetyStock - stock);
    }
    if (stock < 0) stockOutAt ??= i;
    lowestClosing = Math.min(lowestClosing, stock);
  });
  return { weeks, production, demand, belowSafetyAt, stockOutAt, worstBelowSafety, lowestClosing };
}

import type { FratDataset } from "../data/frat-schemas.js";
import { ModelError } from "../errors.js";
import { buildPanel, weekIndexOnOrBefore } from "../panel.js";
import type { LiftConfigInput } from "./config.js";
import { fitLiftModel } from "./fit.js";
import type { LiftModel } from "./model.js";

/** One category's weekly store × product sales and its products: what a category model is fitted on. */
export type CategorySales = Pick<FratDataset, "transactions" | "products">;

/** Options of a category fit. */
export interface CategoryFitOptions {
  config?: LiftConfigInput;
  /** Held-out weeks that calibrate the intervals (shortened for short histories). */
  calibrationWeeks?: number;
}

/** Fewest training weeks a fit accepts (the model's warm-up plus a few). */
const MIN_WEEKS = 12;

/**
 * Fits the lift model on one category's sales through `trainEnd`: the function the promotion
 * agent plans with and `backtest lift` scores, so the backtest measures the model the graph runs.
 * Returns undefined when the history is too short to fit.
 */
export function fitCategoryModel(
  sales: CategorySales,
  trainEnd: string,
  opts: CategoryFitOptions = {},
): LiftModel | undefined {
  if (sales.transactions.length === 0) return undefined;
  const panel = buildPanel(sales);
  const end = weekIndexOnOrBefore(panel, trainEnd);
  if (end + 1 < MIN_WEEKS) return undefined;
  // A short history keeps at least two thirds of its weeks for the coefficients.
  const hold = Math.min(opts.calibrationWeeks ?? 16, Math.floor((end + 1) / 3));
  try {
    return fitLiftModel(panel, end, opts.config ?? {}, { calibrationWeeks: hold });
  } catch (e) {
    if (e instanceof ModelError && e.code === "INVALID_INPUT") return undefined;
    throw e;
  }
}

/** Splits a dataset into one `CategorySales` per category (categories sorted by name). */
export function salesByCategory(data: CategorySales): Map<string, CategorySales> {
  const catOf = new Map(data.products.map((p) => [p.upc, p.category]));
  const out = new Map<string, CategorySales>();
  for (const c of [...new Set(data.products.map((p) => p.category))].sort()) {
    out.set(c, { transactions: [], products: data.products.filter((p) => p.category === c) });
  }
  for (const t of data.transactions) {
    const c = catOf.get(t.upc);
    if (c !== undefined) out.get(c)!.transactions.push(t);
  }
  return out;
}

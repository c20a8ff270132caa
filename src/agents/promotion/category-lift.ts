import { createHash } from "node:crypto";
import { fitCategoryModel } from "../../models/lift/category-model.js";
import type { LiftModel } from "../../models/lift/model.js";
import { seriesKey } from "../../models/panel.js";
import type { HistoryRow } from "./history.js";
import { SkuCells } from "./lift-cells.js";
import { LiftEvidence } from "./lift-evidence.js";
import { liftSales, type LiftSales } from "./lift-sales.js";

/** A SKU's cells in one market: its stores, and its market-wide channels (the web shop). */
export interface SkuGroups {
  store: SkuCells | undefined;
  web: SkuCells | undefined;
}

/**
 * A category's lift model, fitted on the store's history with `fitCategoryModel` (the fit
 * `backtest lift` scores), its state holding every week of actuals, and the per-SKU × market
 * cells scenarios are priced from.
 */
export class CategoryLift {
  private readonly cells = new Map<string, SkuGroups>();
  private evidenceMemo: LiftEvidence | undefined;

  constructor(
    readonly model: LiftModel,
    private readonly ids: LiftSales,
    readonly version: string,
  ) {}

  /** Date of the last week of actuals in the model. */
  get lastWeek(): string {
    return this.model.panel.weekDates[this.model.walker.stateWeek] ?? "";
  }

  /** What the history says about each SKU's lift by mechanic (made once per fit). */
  get evidence(): LiftEvidence {
    return (this.evidenceMemo ??= new LiftEvidence(this.model));
  }

  /** The SKU's cells in a market's stores and on its market-wide channels (each undefined without history). */
  cellsFor(sku: string, market: string): SkuGroups {
    const key = `${sku}|${market}`;
    let made = this.cells.get(key);
    if (!made)
      this.cells.set(
        key,
        (made = { store: this.group(sku, market, false), web: this.group(sku, market, true) }),
      );
    return made;
  }

  private group(sku: string, market: string, web: boolean): SkuCells | undefined {
    const upc = this.ids.upcOf.get(sku);
    if (upc === undefined) return undefined;
    const p = this.model.panel;
    const own: number[] = [];
    const stores = new Set<number>();
    for (const [label, store] of this.ids.storeOf) {
      if (!label.startsWith(`${market}|`) || label.startsWith(`${market}|@`) !== web) continue;
      const s = p.seriesIndex.get(seriesKey(store, upc));
      if (s === undefined) continue;
      own.push(s);
      stores.add(p.series[s]!.storeIdx);
    }
    if (own.length === 0) return undefined;
    const siblings: number[] = [];
    p.series.forEach((si, s) => {
      if (si.upc !== upc && stores.has(si.storeIdx)) siblings.push(s);
    });
    return new SkuCells(this.model, own, siblings);
  }
}

/** Fits a category's lift model on its history (rows through the planning date); undefined if too short. */
export function fitCategoryLift(
  category: string,
  rows: readonly HistoryRow[],
): CategoryLift | undefined {
  const ids = liftSales(category, rows);
  const last = ids.sales.transactions.reduce((a, t) => (t.weekEndDate > a ? t.weekEndDate : a), "");
  const model = fitCategoryModel(ids.sales, last);
  if (!model) return undefined;
  // Plan from every week of actuals: the fit's state stops `horizon` weeks short of its end.
  model.absorbThrough(model.panel.nWeeks - 1);
  const h = createHash("sha256");
  h.update(new Uint8Array(model.coefficients.global.buffer));
  for (const c of model.coefficients.category) h.update(new Uint8Array(c.buffer));
  for (const c of model.coefficients.upc) h.update(new Uint8Array(c.buffer));
  return new CategoryLift(model, ids, `lift@${h.digest("hex").slice(0, 12)}`);
}

import {
  createInventoryAgent,
  type ExcessStockEvent,
  type InventoryThresholds,
} from "../agents/inventory/index.js";
import { TRIGGER_FACT_SKUS, type Clock, type TriggerFact } from "../domain/index.js";
import { allScopes } from "../graph/index.js";
import type { Db } from "../store/index.js";
import type { Scope, Trigger } from "./trigger.js";

/** What to scan for inventory events: the stores' scopes (all with sales unless narrowed). */
export interface InventoryScan {
  db: Db;
  clock: Clock;
  thresholds?: Partial<InventoryThresholds>;
  /** Only these scopes (default: every category × market with sales). */
  scopes?: readonly Scope[];
}

/** An excess-stock event as a trigger fact: the SKUs over the line and their median cover. */
function factOf(e: ExcessStockEvent, asOf: string): TriggerFact {
  const skus = [...e.skus].sort();
  return {
    kind: e.kind,
    market: e.market,
    skus: skus.slice(0, TRIGGER_FACT_SKUS),
    skuCount: skus.length,
    count: skus.length,
    corrected: 0,
    measure: "median_store_weeks_of_cover",
    min: e.medianWeeksOfCover,
    max: e.medianWeeksOfCover,
    from: asOf,
    to: asOf,
  };
}

/**
 * The runs the inventory agent's events ask for: it assesses every scope and each excess-stock
 * event it raises becomes a trigger on that scope, carrying the event's SKUs and cover.
 */
export function inventoryTriggers(scan: InventoryScan): Trigger[] {
  const inventory = createInventoryAgent({
    db: scan.db,
    clock: scan.clock,
    ...(scan.thresholds ? { thresholds: scan.thresholds } : {}),
  });
  const out: Trigger[] = [];
  for (const scope of scan.scopes ?? allScopes(scan.db)) {
    const view = inventory.assess(scope);
    for (const event of view.events)
      out.push({
        scope: { category: scope.category, market: scope.market },
        reason: event.reason,
        facts: [factOf(event, view.asOf)],
      });
  }
  return out;
}

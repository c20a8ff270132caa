import type { AgentTool } from "./define.js";
import { baselineForecast } from "./baseline-forecast.js";
import { competitorPrices } from "./competitor-prices.js";
import { consumerSignals } from "./consumer-signals.js";
import { inventoryPosition } from "./inventory-position.js";
import { productionSchedule } from "./production-schedule.js";
import { salesTrend } from "./sales-trend.js";

/** Every data tool, for a reasoner or an LLM that should see them all. A fresh array per call: no shared mutable state. */
export function dataTools(): AgentTool[] {
  return [
    salesTrend,
    inventoryPosition,
    productionSchedule,
    competitorPrices,
    consumerSignals,
    baselineForecast,
  ] as unknown as AgentTool[];
}

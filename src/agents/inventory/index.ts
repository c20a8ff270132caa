// The inventory agent: cover, excess, shortages and capacity; raises excess-stock events.
export { createInventoryAgent } from "./agent.js";
export type { InventoryAgent, InventoryAgentDeps } from "./agent.js";
export { DEFAULT_INVENTORY_THRESHOLDS } from "./types.js";
export type { InventoryView, SkuSupply, ExcessStockEvent, InventoryThresholds } from "./types.js";

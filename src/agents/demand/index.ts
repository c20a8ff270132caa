// The demand agent: no-promotion baselines per SKU and the demand findings around them.
export { createDemandAgent } from "./agent.js";
export type { DemandAgent, DemandAgentDeps } from "./agent.js";
export { readMarketSkuFacts, readMarketShape } from "./market-facts.js";
export type { MarketSkuFacts } from "./market-facts.js";
export type { DemandView, SkuDemand } from "./types.js";

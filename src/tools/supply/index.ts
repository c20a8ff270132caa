// Supply over the planning horizon: one week-by-week projection read by perception, the promotion
// agent and the policy's supply rule alike.
export { projectSupply, projectionWeekSchema, supplyProjectionInputSchema } from "./projection.js";
export type { ProjectedWeek, SupplyProjection, SupplyProjectionInput } from "./projection.js";
export { supplyGap, weeklyPlanShares } from "./gap.js";
export type { SupplyGap, SupplyGapReason } from "./gap.js";

// The pilot across worlds: every strategy per world and seed, regret, the JSON contract of #24.
export { buildWorldsReport } from "./build.js";
export type { PlayedWorld } from "./build.js";
export { formatWorldsReport } from "./format.js";
export { worldsMarkdown } from "./markdown.js";
export { ALL_BASELINES, resolveWorlds, runWorlds, worldRefs } from "./run.js";
export type { WorldsRunSettings } from "./run.js";
export {
  coverageSchema,
  intervalSchema,
  worldSeedSchema,
  worldsReportSchema,
  worldSummarySchema,
} from "./schema.js";
export type { Coverage, Interval, WorldSeed, WorldsReport } from "./schema.js";
export { meanInterval } from "./stats.js";

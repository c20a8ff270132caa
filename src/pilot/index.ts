// The closed-loop pilot: the promotion graph against three baselines in the simulated market, with a causal record.
export { runPilotSeed, pilotPolicy, STRATEGIES } from "./run.js";
export type { SeedResult, Strategy } from "./run.js";
export { runPilot } from "./pilot.js";
export { buildReport, strategyOf } from "./report.js";
export type { PilotReport } from "./report.js";
export { formatPilotReport } from "./format.js";
export {
  pilotOptionsSchema,
  pilotScopeSchema,
  parseSeeds,
  DEFAULT_PILOT_SCOPE,
} from "./options.js";
export type { PilotOptions, PilotScope } from "./options.js";
export { measureHoldout } from "./measure.js";
export type { HoldoutMeasurement, MeasureInput } from "./measure.js";
export { assignHoldout, holdoutKey } from "./holdout.js";
export { oracleDecide } from "./oracle.js";
export { baselinesByName, Governor, shippedBaselines } from "./baselines/index.js";
export type { Baseline, BaselineContext } from "./baselines/index.js";
export {
  ALL_BASELINES,
  buildWorldsReport,
  formatWorldsReport,
  resolveWorlds,
  runWorlds,
  worldRefs,
  worldsMarkdown,
  worldsReportSchema,
} from "./worlds/index.js";
export type { WorldsReport } from "./worlds/index.js";
export { answerEscalation } from "./approver.js";
export type { SettledCampaign } from "./settle.js";
export { recommendTuning, policyDiff } from "./tune.js";
export type { TuningReport, Recommendation } from "./tune.js";
export { PilotError, isPilotError } from "./errors.js";

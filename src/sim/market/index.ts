// The market simulator: a retailer with hidden true parameters, calibrated on the dunnhumby lift model.
export {
  calibrationSchema,
  categoryCalibrationSchema,
  spreadSchema,
} from "./calibration-schema.js";
export type { Calibration, CategoryCalibration, Spread } from "./calibration-schema.js";
export { calibrateFromFrat, calibrationFromParams } from "./calibrate.js";
export { shippedCalibration } from "./calibration.js";
export { DEFAULT_WORLD_SPEC, marketWorldSpecSchema } from "./spec.js";
export type { MarketWorldSpec, SkuSpec } from "./spec.js";
export { drawTruth, storeId } from "./truth.js";
export type { MarketTruth, SkuTruth } from "./truth.js";
export { MEDIA, activeAt, runsIn, hasFeature, hasDisplay } from "./campaign.js";
export type { WorldCampaign } from "./campaign.js";
export { basePromoLift, meanDemand, promoLift, shelfPrice, worldLift } from "./demand.js";
export type { DemandEnv, DemandPoint } from "./demand.js";
export { adRuns, asRun } from "./ads.js";
export { baseCompetitorMove } from "./competitor.js";
export { promotedWeeks, weeksSincePromotion } from "./memory.js";
export { DEFAULT_ADS, defineWorld, worldDefinitionSchema, WorldModel } from "./world-def.js";
export type {
  AdMarket,
  CompetitorInput,
  CompetitorMove,
  DrawContext,
  LiftInput,
  WorldDefinition,
} from "./world-def.js";
export { isWorldError, WorldError } from "./world-error.js";
export { drawWorld, loadWorld, worldFromModule } from "./world-load.js";
export { shippedWorlds, worldByName, worldNames } from "./worlds/registry.js";
export { baseWorld } from "./worlds/base.js";
export { REGIME_CHANGE_PILOT_WEEK } from "./worlds/regime.js";
export { MarketWorld, CARRYING_RATE } from "./world.js";
export type { WeekOutcome, CellOutcome, CampaignAccrual } from "./world.js";
export { referenceData, weekFeeds, PLANT_ID, COMPETITOR } from "./feeds.js";
export { drawEvent, historicalCalendar, repeatLastYear, ruleOfThumbLift } from "./calendar.js";
export { btfMoments, classify } from "./btf-moments.js";
export { calendarMoments, depthAt, historyMoments, shippedPattern } from "./btf-pattern.js";
export { btfPatternSchema, categoryPatternSchema } from "./btf-pattern-schema.js";
export type { BtfPattern, CategoryPattern } from "./btf-pattern-schema.js";

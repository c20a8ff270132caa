// The market simulator: a retailer with hidden true parameters, calibrated on the dunnhumby lift model.
export { calibrationSchema, categoryCalibrationSchema, spreadSchema } from "./calibration-schema.js";
export type { Calibration, CategoryCalibration, Spread } from "./calibration-schema.js";
export { calibrateFromFrat, calibrationFromParams } from "./calibrate.js";
export { shippedCalibration } from "./calibration.js";
export { DEFAULT_WORLD_SPEC, marketWorldSpecSchema } from "./spec.js";
export type { MarketWorldSpec, SkuSpec } from "./spec.js";
export { drawTruth, storeId } from "./truth.js";
export type { MarketTruth, SkuTruth } from "./truth.js";
export { MEDIA, activeAt, runsIn, hasFeature, hasDisplay } from "./campaign.js";
export type { WorldCampaign } from "./campaign.js";
export { meanDemand, promoLift, shelfPrice } from "./demand.js";
export { MarketWorld, CARRYING_RATE } from "./world.js";
export type { WeekOutcome, CellOutcome, CampaignAccrual } from "./world.js";
export { referenceData, weekFeeds, PLANT_ID, COMPETITOR } from "./feeds.js";
export { historicalCalendar, repeatLastYear, ruleOfThumbLift } from "./calendar.js";

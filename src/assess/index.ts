export { assessHistory, assessOptionsSchema } from "./assess.js";
export type { AssessOptions, Assessment } from "./assess.js";
export { renderAssessmentHtml } from "./html.js";
export type { EventImpact } from "./impact.js";
export type { DataMaturity } from "./maturity.js";
export type { LossGroup, PromotionPattern, Share } from "./summary.js";

export { assessHistory, assessOptionsSchema } from "./assess.js";
export type { AssessOptions, Assessment } from "./assess.js";
export { renderAssessmentHtml, renderAssessmentSections } from "./html.js";
export { measureWindow, prepareSeries } from "./impact.js";
export type { EventImpact, SiblingGroups, WindowImpact } from "./impact.js";
export { readWeeklySeries } from "./series.js";
export type { WeeklySeries } from "./series.js";
export type { DataMaturity } from "./maturity.js";
export type { LossGroup, PromotionPattern, Share } from "./summary.js";

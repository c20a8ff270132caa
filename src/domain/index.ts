export { systemClock, fixedClock } from "./clock.js";
export type { Clock } from "./clock.js";
export type { PromotedPeriod, RevisionLimits } from "./planning.js";
export { channelSchema, CHANNELS } from "./channel.js";
export type { Channel } from "./channel.js";
export { isoDateSchema, currencySchema, idSchema } from "./common.js";
export type { IsoDate } from "./common.js";
export {
  productSchema,
  marketSchema,
  locationSchema,
  locationKindSchema,
  skuAliasSchema,
  fxRateSchema,
  weekdaySchema,
  WEEKDAYS,
} from "./catalog.js";
export type { Product, Market, Location, SkuAlias, FxRate, Weekday } from "./catalog.js";
export {
  salesFeedRowSchema,
  inventoryFeedRowSchema,
  productionFeedRowSchema,
  competitorPriceFeedRowSchema,
  consumerSignalFeedRowSchema,
  plannedPromotionFeedRowSchema,
} from "./feeds.js";
export type {
  SalesFeedRow,
  InventoryFeedRow,
  ProductionFeedRow,
  CompetitorPriceFeedRow,
  ConsumerSignalFeedRow,
  PlannedPromotionFeedRow,
} from "./feeds.js";
export {
  signalKindSchema,
  salesObservationSchema,
  inventoryPositionSchema,
  productionScheduleSchema,
  competitorPriceSchema,
  consumerSignalSchema,
} from "./signals.js";
export type {
  SignalKind,
  SalesObservation,
  InventoryPosition,
  ProductionSchedule,
  CompetitorPrice,
  ConsumerSignal,
} from "./signals.js";
export {
  promotionProposalSchema,
  proposalScopeSchema,
  proposalBudgetSchema,
  proposalPredictionSchema,
  priceMatchSchema,
  targetingSchema,
  messagingSchema,
  mechanicSchema,
  MECHANICS,
  PRICE_CHANNELS,
  proposalEndDate,
  proposalSpend,
} from "./proposal.js";
export type { PromotionProposal, PromotionProposalInput, Mechanic } from "./proposal.js";
export {
  findingKindSchema,
  severityLevelSchema,
  findingSeveritySchema,
  findingScopeSchema,
  statTestSchema,
  findingEvidenceSchema,
  findingSchema,
} from "./findings.js";
export type {
  FindingKind,
  SeverityLevel,
  FindingSeverity,
  FindingScope,
  StatTest,
  FindingEvidence,
  Finding,
} from "./findings.js";
export {
  campaignSchema,
  campaignEventSchema,
  campaignStatusSchema,
  campaignAudienceSchema,
  campaignMessageSchema,
  campaignFromProposal,
  canTransition,
  transitionEvent,
  CampaignTransitionError,
  isCampaignTransitionError,
  CAMPAIGN_STATUSES,
  CAMPAIGN_TRANSITIONS,
  DIRECT_CHANNELS,
  AD_CHANNELS,
  AUTOPROMO_ACTOR,
} from "./campaign.js";
export type {
  Campaign,
  CampaignInput,
  CampaignEvent,
  CampaignStatus,
  CampaignAudience,
  CampaignMessage,
  CampaignErrorCode,
} from "./campaign.js";
export {
  scenarioSchema,
  scenarioMechanicSchema,
  scenarioPredictionSchema,
  evaluatedScenarioSchema,
  alternativeSchema,
  scenarioChoiceSchema,
} from "./scenario.js";
export type {
  Scenario,
  ScenarioMechanic,
  ScenarioPrediction,
  EvaluatedScenario,
  Alternative,
  ScenarioChoice,
} from "./scenario.js";
export {
  decisionRecordSchema,
  decisionStatusSchema,
  runTriggerSchema,
  runScopeSchema,
  policyRecordSchema,
  reasonerUsageSchema,
} from "./decision.js";
export type {
  DecisionRecord,
  DecisionStatus,
  RunTrigger,
  RunScope,
  PolicyRecord,
  ReasonerUsage,
} from "./decision.js";
export { formatWhole } from "./format.js";
export { TRIGGER_FACT_SKUS, triggerFactSchema } from "./trigger.js";
export type { TriggerFact } from "./trigger.js";

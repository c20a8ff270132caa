/**
 * autopromo's library API. Named exports only: what is listed here is the public surface.
 */
export { AutopromoError, InputError, isAutopromoError } from "./errors.js";
export type { ErrorCode } from "./errors.js";

export {
  channelSchema,
  CHANNELS,
  productSchema,
  marketSchema,
  locationSchema,
  skuAliasSchema,
  fxRateSchema,
  salesFeedRowSchema,
  inventoryFeedRowSchema,
  productionFeedRowSchema,
  competitorPriceFeedRowSchema,
  consumerSignalFeedRowSchema,
  signalKindSchema,
  salesObservationSchema,
  inventoryPositionSchema,
  productionScheduleSchema,
  competitorPriceSchema,
  consumerSignalSchema,
} from "./domain/index.js";
export type {
  Channel,
  Product,
  Market,
  Location,
  SkuAlias,
  FxRate,
  SignalKind,
  SalesObservation,
  InventoryPosition,
  ProductionSchedule,
  CompetitorPrice,
  ConsumerSignal,
} from "./domain/index.js";

export {
  openDb,
  resolveDbPath,
  ingestFile,
  ingestRecords,
  ingestDataset,
  ingestDunnhumbyBtf,
  storeStatus,
  listQuarantine,
  INGEST_KINDS,
} from "./store/index.js";
export type {
  Db,
  IngestReport,
  IngestKind,
  Dataset,
  StoreStatus,
  QuarantinedRow,
  SourceRecord,
} from "./store/index.js";
export {
  convertMoney,
  marketCurrency,
  shelfPrice,
  promoPricing,
  PriceLookupError,
} from "./store/index.js";
export type { Money } from "./store/index.js";

export { generateDemoMarket } from "./sim/demo/index.js";
export type { DemoMarket, PlantedSituation } from "./sim/demo/index.js";
export {
  basePromoLift,
  defineWorld,
  promotedWeeks,
  weeksSincePromotion,
  worldNames,
} from "./sim/market/index.js";
export type { LiftInput, WorldDefinition } from "./sim/market/index.js";
export { worldsReportSchema } from "./pilot/index.js";
export type { WorldsReport } from "./pilot/index.js";

export {
  campaignSchema,
  campaignFromProposal,
  CampaignTransitionError,
  promotionProposalSchema,
  findingSchema,
} from "./domain/index.js";
export type {
  Campaign,
  CampaignEvent,
  CampaignStatus,
  PromotionProposal,
  PromotionProposalInput,
  Finding,
} from "./domain/index.js";
export {
  enqueueLaunch,
  deliverPending,
  failingDeliveries,
  pauseCampaign,
  resumeCampaign,
  stopCampaign,
  endCampaign,
  campaignState,
  campaignHistory,
  createAdapters,
  httpConfigFromEnv,
  sandboxAdapter,
  httpAdapter,
  checkChannelConsistency,
  ChannelError,
  ChannelConflictError,
  DeliveryError,
  launchApprovedCampaign,
  editCampaign,
  applyApprovedEdits,
  campaignEdits,
  campaignChangesSchema,
  listCampaignRecords,
  getCampaign,
} from "./channels/index.js";
export type {
  ChannelAdapter,
  ChannelAdapters,
  ChannelMessage,
  DeliveryReceipt,
  DeliveryReport,
  ChannelConflict,
  OutboxRow,
  CampaignChanges,
  CampaignEdit,
  CampaignRecord,
  EditResult,
} from "./channels/index.js";
export {
  monitorCampaigns,
  campaignPerformance,
  recordOutcome,
  accuracyRecord,
  settledOutcomeSchema,
  stopLossTest,
  MonitoringError,
} from "./monitoring/index.js";
export type {
  MonitorReport,
  CampaignCheck,
  CampaignPerformance,
  SettledOutcome,
  AccuracyRow,
  StopLossTest,
} from "./monitoring/index.js";

export {
  createPromotionGraph,
  useLightRunContext,
  PromotionState,
  perceiveNode,
  demandNode,
  inventoryNode,
  promotionNode,
  policyNode,
  checkNode,
  reviseNode,
  awaitApprovalNode,
  executeNode,
  recordNode,
  NODES,
  afterPolicy,
  afterPlan,
  afterApproval,
  approvalRouter,
  approvalResumeSchema,
  runScope,
  runCycle,
  answerApproval,
  findUnfinishedRuns,
  resumeUnfinishedRuns,
  replayDecision,
  whatIfDecision,
  whatIfSchema,
  explainDecision,
  getDecision,
  listDecisions,
  listCampaigns,
  GraphError,
  isGraphError,
} from "./graph/index.js";
export { runPredictor, simulationPredictor, storeScenarioPredictor } from "./graph/predictor.js";
export { createTriggers, runOnEvents, runTriggers } from "./triggers/index.js";
export type { Trigger, TriggerSource, Triggers } from "./triggers/index.js";
export type { ScenarioForecast, ScenarioPredictor, ScenarioQuery } from "./policies/index.js";
export type {
  PromotionGraph,
  PromotionGraphOptions,
  PromotionStateValue,
  PromotionStateUpdate,
  PlanState,
  NodeName,
  Router,
  ApprovalResume,
  Approver,
  GovernanceDeps,
  Perceiver,
  RunResult,
  RunContext,
  ApprovalAnswer,
  WhatIf,
  WhatIfReport,
} from "./graph/index.js";
export {
  durableRunOf,
  durableRunsFor,
  postgresCheckpointer,
  SqliteCheckpointer,
  sqliteCheckpointer,
} from "./checkpoint/index.js";
export {
  copySqliteToPostgres,
  openPostgres,
  postgresDecisionReader,
} from "./store/postgres/index.js";
export { sqliteDecisionReader } from "./store/postgres/sqlite-decision-reader.js";
export type { DecisionReader, PostgresStore } from "./store/postgres/index.js";
export type {
  DurableRun,
  DurableRuns,
  PostgresCheckpointerOptions,
  SqliteCheckpointerOptions,
} from "./checkpoint/index.js";
export {
  enqueueCycle,
  openScopeQueue,
  QueueError,
  runScopeWorker,
  waitForCycle,
} from "./queue/index.js";
export type { ScopeQueue, ScopeQueueOptions, ScopeWorkerOptions } from "./queue/index.js";
export {
  createPerceptionAgent,
  createDemandAgent,
  createInventoryAgent,
  createPromotionAgent,
  fitCategoryEffects,
  simulateScenario,
  generateScenarios,
  AgentError,
  isAgentError,
  createTargetingAgent,
} from "./agents/index.js";
export type { TargetingAgent, TargetingAgentDeps, TargetingResult } from "./agents/index.js";
export {
  saveShopperBatch,
  shoppersAsOf,
  experimentObservations,
  audienceMembers,
} from "./store/shoppers/index.js";
export type {
  ShopperBatchInput,
  ShopperView,
  ExperimentObservation,
  AudienceMember,
} from "./store/shoppers/index.js";
export { generateDemoShoppers } from "./sim/demo/shoppers.js";
export { audienceSchema } from "./domain/audience.js";
export type { Audience, AudienceGroup } from "./domain/audience.js";
export { loadDemoShoppers } from "./sim/demo/shoppers-load.js";
export {
  createOfflineReasoner,
  createLlmReasoner,
  openAiChatModel,
  createScriptedReasoner,
  createReasonerFromEnv,
  ReasonerError,
  isReasonerError,
} from "./llm/index.js";
export type { Reasoner } from "./llm/index.js";
export { fixedClock, systemClock } from "./domain/index.js";
export type { Clock } from "./domain/index.js";
export {
  checkProposal,
  evaluateProposal,
  buildPolicyContext,
  loadPolicy,
} from "./policies/index.js";
export { escalateWhileKillSwitchOn, killSwitchOn, setKillSwitch } from "./policies/index.js";
export type {
  Policy,
  PolicyVerdict,
  LoadedPolicy,
  PolicyRule,
  RuleOutcome,
  CustomRuleId,
  PolicyContext,
} from "./policies/index.js";
export {
  pass as passRule,
  escalate as escalateRule,
  block as blockRule,
} from "./policies/types.js";
export { capSpend, excludeMechanic, excludeSkus, useReferencePrice } from "./policies/index.js";
export type { PlannerPrecheck, ReviseLimits, ScenarioScreen } from "./policies/index.js";
export { defineTool, dataTools, asLangChainTool } from "./tools/index.js";
export type { AgentTool } from "./tools/index.js";

export {
  createApp,
  startServer,
  startService,
  createEventBus,
  openApiDocument,
  ApiError,
  TOKEN_ROLES,
  createToken,
  verifyAuditChain,
  langGraphPort,
  registeredGraph,
} from "./server/index.js";
export type {
  ServerDeps,
  StartOptions,
  RunningServer,
  ServiceOptions,
  RunningService,
  EventBus,
  ServerEvent,
  TokenRole,
  GraphPort,
  AssistantGraph,
} from "./server/index.js";
export { studioGraph } from "./studio/build.js";

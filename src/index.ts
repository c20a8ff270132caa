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
export type { Db, IngestReport, IngestKind, Dataset, StoreStatus, QuarantinedRow, SourceRecord } from "./store/index.js";

export { generateDemoMarket } from "./sim/demo/index.js";
export type { DemoMarket, PlantedSituation } from "./sim/demo/index.js";

export { campaignSchema, campaignFromProposal, CampaignTransitionError, promotionProposalSchema, findingSchema } from "./domain/index.js";
export type { Campaign, CampaignEvent, CampaignStatus, PromotionProposal, Finding } from "./domain/index.js";
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
  setKillSwitch,
  killSwitchOn,
  createAdapters,
  httpConfigFromEnv,
  sandboxAdapter,
  httpAdapter,
  checkChannelConsistency,
  ChannelError,
  ChannelConflictError,
  DeliveryError,
} from "./channels/index.js";
export type {
  ChannelAdapter,
  ChannelAdapters,
  ChannelMessage,
  DeliveryReceipt,
  DeliveryReport,
  ChannelConflict,
  OutboxRow,
} from "./channels/index.js";

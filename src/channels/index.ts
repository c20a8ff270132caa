// Channels: adapters behind one interface, the transactional outbox, delivery, lifecycle (the kill switch and spend ledger are governance: src/policies).
export type { ChannelAdapter, ChannelAdapters, DeliveryReceipt, DeliverOptions } from "./types.js";
export {
  channelMessageSchema,
  channelBodySchema,
  offerSchema,
  deliveryOpSchema,
  launchMessage,
  retractionOf,
  offerOf,
} from "./message.js";
export type { ChannelMessage, ChannelBody, Offer, DeliveryOp } from "./message.js";
export { ChannelError, ChannelConflictError, DeliveryError, isChannelError } from "./errors.js";
export type { ChannelErrorCode, ChannelConflict } from "./errors.js";
export { sandboxAdapter, sandboxReceipts, DEFAULT_SANDBOX_DIR } from "./adapters/sandbox.js";
export type { SandboxReceipt } from "./adapters/sandbox.js";
export { httpAdapter } from "./adapters/http.js";
export type { HttpAdapterConfig } from "./adapters/http.js";
export { createAdapters, httpConfigFromEnv } from "./adapters/registry.js";
export type { AdaptersConfig } from "./adapters/registry.js";
export { ecommerceBodySchema } from "./adapters/ecommerce.js";
export type { EcommerceBody } from "./adapters/ecommerce.js";
export { storePosBodySchema, posCsv } from "./adapters/store-pos.js";
export type { StorePosBody } from "./adapters/store-pos.js";
export { adsBodySchema } from "./adapters/ads.js";
export type { AdsBody } from "./adapters/ads.js";
export { directBodySchema, SMS_MAX_CHARS } from "./adapters/direct.js";
export type { DirectBody } from "./adapters/direct.js";
export { enqueueLaunch, launchBatch } from "./launch.js";
export type { EnqueueResult, LaunchOptions } from "./launch.js";
export { deliverPending } from "./delivery.js";
export type { DeliveryOptions, DeliveryReport } from "./delivery.js";
export { failingDeliveries, campaignOutbox, idempotencyKeyOf } from "./outbox.js";
export type { OutboxRow, OutboxStatus } from "./outbox.js";
export { checkChannelConsistency, disallowedChannels } from "./consistency.js";
export type { LaunchTarget } from "./consistency.js";
export { channelsCarrying } from "./carried.js";
export type { CarriedOffer } from "./carried.js";
export { pauseCampaign, resumeCampaign, stopCampaign, endCampaign } from "./lifecycle.js";
export type { LifecycleChange, LifecycleResult } from "./lifecycle.js";
export { campaignState, campaignHistory, recordVersionChange } from "./events.js";
export type { CampaignState } from "./events.js";
export { launchApprovedCampaign } from "./execute.js";
export type { ApprovedLaunch, LaunchResult } from "./execute.js";
export {
  findCampaign,
  getCampaign,
  campaignOfDecision,
  listCampaignRecords,
} from "./campaign-store.js";
export type { CampaignRecord } from "./campaign-store.js";
export { editCampaign, applyApprovedEdits, campaignEdits } from "./edit.js";
export type { EditResult, EditStatus, EditOptions, CampaignEdit } from "./edit.js";
export { campaignChangesSchema, applyChanges, describeChanges } from "./edit-changes.js";
export type { CampaignChanges } from "./edit-changes.js";

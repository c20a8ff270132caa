// Shoppers, their consent and contact logs, and past randomised contact experiments.
export {
  shopperSchema,
  consentEventSchema,
  contactEventSchema,
  experimentRowSchema,
  experimentArmSchema,
  shopperBatchSchema,
  EXPERIMENT_ARMS,
} from "./schema.js";
export type {
  Shopper,
  ShopperInput,
  ConsentEvent,
  ContactEvent,
  ExperimentArm,
  ExperimentRow,
  ShopperBatch,
  ShopperBatchInput,
  ShopperView,
  ExperimentObservation,
} from "./schema.js";
export { saveShopperBatch } from "./write.js";
export type { ShopperLoad } from "./write.js";
export {
  countShoppers,
  shoppersAsOf,
  experimentObservations,
  experimentFingerprint,
} from "./read.js";
export { saveAudienceMembers, audienceMembers } from "./audience.js";
export type { AudienceMember } from "./audience.js";

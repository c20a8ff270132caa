export {
  ingestCompleteJourney,
  completeJourneyReportSchema,
  COMPLETE_JOURNEY_SOURCE,
} from "./load.js";
export type { CompleteJourneyReport } from "./load.js";
export { CJ_TIME_ZONE, COMPLETE_JOURNEY_KINDS } from "./kinds.js";
export type { VendorKindSpec } from "./kinds.js";

// Contact fatigue and timing from a household contact history (the Complete Journey slice).
export { loadContactHistory } from "./load.js";
export type { ContactRow } from "./load.js";
export { fitFatigue, fatigueReportSchema, RECENCY_BUCKETS, FREQUENCY_BUCKETS } from "./fit.js";
export type { FatigueReport } from "./fit.js";

import { z } from "zod";

export const rejectionSchema = z.object({
  line: z.number().int(),
  field: z.string().optional(),
  reason: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

/** What one ingest did; `rejections` holds the first few, `quarantined` counts them all. */
export const ingestReportSchema = z.object({
  ingestId: z.number().int(),
  kind: z.string(),
  file: z.string(),
  source: z.string(),
  rowsRead: z.number().int(),
  stored: z.number().int(),
  corrected: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  /** Of the quarantined rows, those this file had already quarantined in an earlier ingest. */
  alreadyQuarantined: z.number().int(),
  rejections: z.array(rejectionSchema),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;

export const MAX_REPORTED_REJECTIONS = 100;

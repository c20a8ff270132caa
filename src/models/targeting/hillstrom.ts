import { z } from "zod";

/** The three randomised arms of the Hillstrom experiment; "No E-Mail" is the control. */
export const ARMS = ["Mens E-Mail", "Womens E-Mail", "No E-Mail"] as const;
export const armSchema = z.enum(ARMS);
export type Arm = z.infer<typeof armSchema>;
/** Index of the control arm in ARMS. */
export const CONTROL = 2;

/** One customer of the Hillstrom layout (history_segment is dropped: it is a bucket of history). */
export const hillstromRowSchema = z.object({
  /** 1-based data-row number in its file (header excluded), so scores can be joined back. */
  row: z.number().int().positive(),
  recency: z.number().int().min(1).max(24),
  history: z.number().nonnegative(),
  mens: z.union([z.literal(0), z.literal(1)]),
  womens: z.union([z.literal(0), z.literal(1)]),
  zipCode: z.enum(["Urban", "Surburban", "Rural"]),
  newbie: z.union([z.literal(0), z.literal(1)]),
  channel: z.enum(["Phone", "Web", "Multichannel"]),
  arm: z.number().int().min(0).max(2),
  visit: z.union([z.literal(0), z.literal(1)]),
  conversion: z.union([z.literal(0), z.literal(1)]),
  spend: z.number().nonnegative(),
});
export type HillstromRow = z.infer<typeof hillstromRowSchema>;

/** Shopper features only (what a model may see): a row without arm and outcomes. */
export type ShopperFeatures = Pick<
  HillstromRow,
  "recency" | "history" | "mens" | "womens" | "zipCode" | "newbie" | "channel"
>;

/** Columns the loader needs (history_segment may be present and is ignored). */
export const REQUIRED_COLUMNS = [
  "recency",
  "history",
  "mens",
  "womens",
  "zip_code",
  "newbie",
  "channel",
  "segment",
  "visit",
  "conversion",
  "spend",
] as const;

/** A data row the loader could not read: its file line number and why. */
export const rejectedRowSchema = z.object({
  line: z.number().int(),
  row: z.number().int(),
  reason: z.string(),
});
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

/** A loaded file: the good rows, the rejected ones, and the header as read. */
export interface HillstromFile {
  file: string;
  rows: HillstromRow[];
  rejected: RejectedRow[];
  header: string[];
}

import { z } from "zod";

/**
 * Contact fatigue and timing, from `uplift fatigue` on the Complete Journey slice
 * (`npx autopromo uplift fatigue --data ../shared/data/complete-journey-8451`): within household
 * and campaign, each campaign in the 84 days before lowers redemption by 0.96 pp on a base of
 * 11.1 % (8.6 % of the response); first redemptions come 27 %, 26 %, 17 %, 12 %, 8 % in weeks
 * 1–5 after a campaign begins and 10 % later. Overridable in the policy file (`targeting.fatigue`).
 */
export const contactTimingSchema = z.strictObject({
  /** Share of a contact's incremental response lost per campaign the shopper got in the 84 days before. */
  responseDropPerRecentCampaign: z.number().min(0).max(1).default(0.086),
  /** Share of the response in week 1, 2, … after the contact; the last entry is that week or later. */
  responseWeekShares: z
    .array(z.number().nonnegative())
    .min(1)
    .refine((v) => v.some((x) => x > 0), "at least one week must carry response")
    .default([0.27, 0.26, 0.17, 0.12, 0.08, 0.1]),
  /** Contacts go out at least this many weeks before the offer's last week (when the offer is long enough). */
  minWeeksBeforeLastWeek: z.number().int().min(0).max(12).default(2),
  /** Contact weeks compared: later ones only lose response weeks, nothing known changes after them. */
  maxCandidateWeeks: z.number().int().min(1).max(8).default(4),
});
export type ContactTiming = z.infer<typeof contactTimingSchema>;
export type ContactTimingInput = z.input<typeof contactTimingSchema>;

import { z } from "zod";

/** At most this many SKUs are named in one fact summary (the count says how many there were). */
export const TRIGGER_FACT_SKUS = 10;

/**
 * What started an event run, as the trigger saw it: one kind of signal (or one agent event) in
 * one market, summarised, so the run records why it started without querying the signal again.
 */
export const triggerFactSchema = z.object({
  /** The feed kind (sales, inventory, production, competitor_price, consumer_signal) or event. */
  kind: z.string(),
  market: z.string(),
  /** The SKUs named (at most TRIGGER_FACT_SKUS, sorted); empty for a market-wide signal. */
  skus: z.array(z.string()),
  skuCount: z.number().int().nonnegative(),
  /** Facts summarised: rows stored new plus rows corrected (or SKUs over an event's line). */
  count: z.number().int().nonnegative(),
  corrected: z.number().int().nonnegative(),
  /** What the value measures: units, on_hand, planned_units, price, a consumer signal's kind. */
  measure: z.string(),
  min: z.number(),
  max: z.number(),
  /** The facts' own dates (period, observation, stock count), first and last. */
  from: z.string(),
  to: z.string(),
  /** The ingest that stored them (none for an agent's event). */
  ingestId: z.number().int().optional(),
});
export type TriggerFact = z.infer<typeof triggerFactSchema>;

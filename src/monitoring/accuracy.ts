import { z } from "zod";
import { idSchema } from "../domain/common.js";
import type { Db } from "../store/db.js";
import { MonitoringError } from "./errors.js";

/**
 * The accuracy record: settled campaigns, forecast against measured, and the error per promotion
 * type × market. It feeds learning and, later, how much autonomy each kind of promotion earns.
 */

const finite = () => z.number().refine(Number.isFinite, "must be a finite number");

export const settledOutcomeSchema = z.strictObject({
  campaignId: idSchema,
  /** The mechanic (tpr, feature, …). */
  promotionType: idSchema,
  market: idSchema,
  category: idSchema,
  settledAt: z.iso.datetime(),
  forecastUnits: finite().nonnegative(),
  actualUnits: finite().nonnegative(),
  /** Optional: incremental units forecast and measured (actual − baseline, or against a holdout). */
  forecastIncrementalUnits: finite().optional(),
  measuredIncrementalUnits: finite().optional(),
  forecastIncrementalMargin: finite(),
  measuredIncrementalMargin: finite(),
  measuredLow: finite().optional(),
  measuredHigh: finite().optional(),
  /** The forecast's 80 % interval of incremental margin. */
  forecastLow: finite().optional(),
  forecastHigh: finite().optional(),
  method: z.enum(["holdout", "baseline"]),
});
/** One settled campaign: what was forecast and what was measured, by `method`. */
export type SettledOutcome = z.infer<typeof settledOutcomeSchema>;

/** Accuracy of one promotion type in one market. */
export interface AccuracyRow {
  promotionType: string;
  market: string;
  /** Settled campaigns. */
  n: number;
  /** Mean |forecast − actual| / actual of units (campaigns with actual units > 0). */
  mape: number | null;
  /** Σ(forecast − actual) / Σ actual units: + means over-forecast. */
  bias: number | null;
  /** Same two for incremental units, over campaigns that recorded them. */
  incrementalUnitsMape: number | null;
  incrementalUnitsBias: number | null;
  /**
   * Σ|forecast − measured| / Σ|measured| of incremental margin: weighted, because a margin near
   * zero makes a per-campaign percentage explode.
   */
  marginMape: number | null;
  /** Mean (forecast − measured) incremental margin, in money. */
  marginBias: number;
  /** Share whose measured incremental margin fell inside the forecast's 80 % interval (of those with one). */
  hitRate: number | null;
  /** Share where forecast and measured incremental margin have the same sign. */
  signRate: number;
}

interface Raw {
  campaign_id: string;
  method: "holdout" | "baseline";
  promotion_type: string;
  market: string;
  category: string;
  settled_at: string;
  forecast_units: number;
  actual_units: number;
  forecast_incremental_units: number | null;
  measured_incremental_units: number | null;
  forecast_incremental_margin: number;
  measured_incremental_margin: number;
  measured_low: number | null;
  measured_high: number | null;
  forecast_low: number | null;
  forecast_high: number | null;
}

/** Stores a settled outcome; recording the same (campaignId, method) again replaces it, so repeats change nothing. */
export function recordOutcome(db: Db, o: SettledOutcome): void {
  const parsed = settledOutcomeSchema.safeParse(o);
  if (!parsed.success) {
    const where = parsed.error.issues
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new MonitoringError(
      "INVALID_INPUT",
      `settled outcome of campaign ${String((o as { campaignId?: unknown })?.campaignId ?? "?")}: ${where}`,
      { cause: parsed.error },
    );
  }
  const v = parsed.data;
  db.prepare(
    `INSERT INTO campaign_outcomes (campaign_id, method, promotion_type, market, category, settled_at, forecast_units, actual_units,
       forecast_incremental_units, measured_incremental_units, forecast_incremental_margin, measured_incremental_margin, measured_low, measured_high, forecast_low, forecast_high)
     VALUES (@campaignId, @method, @promotionType, @market, @category, @settledAt, @forecastUnits, @actualUnits,
       @fiu, @miu, @forecastIncrementalMargin, @measuredIncrementalMargin, @mlo, @mhi, @flo, @fhi)
     ON CONFLICT(campaign_id, method) DO UPDATE SET promotion_type = excluded.promotion_type, market = excluded.market, category = excluded.category,
       settled_at = excluded.settled_at, forecast_units = excluded.forecast_units, actual_units = excluded.actual_units,
       forecast_incremental_units = excluded.forecast_incremental_units, measured_incremental_units = excluded.measured_incremental_units,
       forecast_incremental_margin = excluded.forecast_incremental_margin, measured_incremental_margin = excluded.measured_incremental_margin,
       measured_low = excluded.measured_low, measured_high = excluded.measured_high, forecast_low = excluded.forecast_low, forecast_high = excluded.forecast_high`,
  ).run({
    campaignId: v.campaignId,
    method: v.method,
    promotionType: v.promotionType,
    market: v.market,
    category: v.category,
    settledAt: v.settledAt,
    forecastUnits: v.forecastUnits,
    actualUnits: v.actualUnits,
    fiu: v.forecastIncrementalUnits ?? null,
    miu: v.measuredIncrementalUnits ?? null,
    forecastIncrementalMargin: v.forecastIncrementalMargin,
    measuredIncrementalMargin: v.measuredIncrementalMargin,
    mlo: v.measuredLow ?? null,
    mhi: v.measuredHigh ?? null,
    flo: v.forecastLow ?? null,
    fhi: v.forecastHigh ?? null,
  });
}

const fromRaw = (r: Raw): SettledOutcome =>
  settledOutcomeSchema.parse({
    campaignId: r.campaign_id,
    method: r.method,
    promotionType: r.promotion_type,
    market: r.market,
    category: r.category,
    settledAt: r.settled_at,
    forecastUnits: r.forecast_units,
    actualUnits: r.actual_units,
    forecastIncrementalMargin: r.forecast_incremental_margin,
    measuredIncrementalMargin: r.measured_incremental_margin,
    ...(r.forecast_incremental_units !== null
      ? { forecastIncrementalUnits: r.forecast_incremental_units }
      : {}),
    ...(r.measured_incremental_units !== null
      ? { measuredIncrementalUnits: r.measured_incremental_units }
      : {}),
    ...(r.measured_low !== null ? { measuredLow: r.measured_low } : {}),
    ...(r.measured_high !== null ? { measuredHigh: r.measured_high } : {}),
    ...(r.forecast_low !== null ? { forecastLow: r.forecast_low } : {}),
    ...(r.forecast_high !== null ? { forecastHigh: r.forecast_high } : {}),
  });

export interface OutcomeFilter {
  promotionType?: string;
  market?: string;
  category?: string;
}

/** Settled outcomes, oldest first, optionally filtered. */
export function settledOutcomes(db: Db, filter: OutcomeFilter = {}): SettledOutcome[] {
  const rows = db
    .prepare(
      `SELECT * FROM campaign_outcomes WHERE (@t IS NULL OR promotion_type = @t) AND (@m IS NULL OR market = @m) AND (@c IS NULL OR category = @c)
       ORDER BY settled_at, campaign_id, method`,
    )
    .all({
      t: filter.promotionType ?? null,
      m: filter.market ?? null,
      c: filter.category ?? null,
    }) as Raw[];
  return rows.map(fromRaw);
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/** The accuracy of one group of outcomes. */
export function accuracyOf(
  group: readonly SettledOutcome[],
): Omit<AccuracyRow, "promotionType" | "market"> {
  const withUnits = group.filter((o) => o.actualUnits > 0);
  const inc = group.filter(
    (o) => o.forecastIncrementalUnits !== undefined && o.measuredIncrementalUnits !== undefined,
  );
  const withInterval = group.filter(
    (o) => o.forecastLow !== undefined && o.forecastHigh !== undefined,
  );
  const n = group.length;
  return {
    n,
    mape: withUnits.length
      ? withUnits.reduce(
          (s, o) => s + Math.abs(o.forecastUnits - o.actualUnits) / o.actualUnits,
          0,
        ) / withUnits.length
      : null,
    bias: ratio(
      group.reduce((s, o) => s + o.forecastUnits - o.actualUnits, 0),
      group.reduce((s, o) => s + o.actualUnits, 0),
    ),
    incrementalUnitsMape: ratio(
      inc.reduce(
        (s, o) => s + Math.abs(o.forecastIncrementalUnits! - o.measuredIncrementalUnits!),
        0,
      ),
      inc.reduce((s, o) => s + Math.abs(o.measuredIncrementalUnits!), 0),
    ),
    incrementalUnitsBias: ratio(
      inc.reduce((s, o) => s + o.forecastIncrementalUnits! - o.measuredIncrementalUnits!, 0),
      inc.reduce((s, o) => s + Math.abs(o.measuredIncrementalUnits!), 0),
    ),
    marginMape: ratio(
      group.reduce(
        (s, o) => s + Math.abs(o.forecastIncrementalMargin - o.measuredIncrementalMargin),
        0,
      ),
      group.reduce((s, o) => s + Math.abs(o.measuredIncrementalMargin), 0),
    ),
    marginBias: n
      ? group.reduce((s, o) => s + o.forecastIncrementalMargin - o.measuredIncrementalMargin, 0) / n
      : 0,
    hitRate: withInterval.length
      ? withInterval.filter(
          (o) =>
            o.measuredIncrementalMargin >= o.forecastLow! &&
            o.measuredIncrementalMargin <= o.forecastHigh!,
        ).length / withInterval.length
      : null,
    signRate: n
      ? group.filter(
          (o) => Math.sign(o.forecastIncrementalMargin) === Math.sign(o.measuredIncrementalMargin),
        ).length / n
      : 0,
  };
}

/**
 * The accuracy record per promotion type × market, from settled outcomes (filtered). A campaign
 * settled by both methods counts once, by its holdout (the stronger measurement).
 */
export function accuracyRecord(db: Db, filter?: OutcomeFilter): AccuracyRow[] {
  const best = new Map<string, SettledOutcome>();
  for (const o of settledOutcomes(db, filter ?? {})) {
    const prev = best.get(o.campaignId);
    if (!prev || (prev.method === "baseline" && o.method === "holdout")) best.set(o.campaignId, o);
  }
  const groups = new Map<string, SettledOutcome[]>();
  for (const o of best.values()) {
    const key = `${o.promotionType}\u0000${o.market}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.entries()]
    .map(([key, g]) => {
      const [promotionType, market] = key.split("\u0000") as [string, string];
      return { promotionType, market, ...accuracyOf(g) };
    })
    .sort(
      (a, b) => a.promotionType.localeCompare(b.promotionType) || a.market.localeCompare(b.market),
    );
}

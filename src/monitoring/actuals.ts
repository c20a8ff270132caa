import type { Db } from "../store/db.js";
import { addDays } from "../domain/dates.js";

/** Sales of a campaign's SKUs in its markets during one retail week. */
export interface WeekActual {
  /** Retail week (its last day). */
  week: string;
  units: number;
  revenue: number;
}

/**
 * Sales per retail week from the campaign's start to its end (a retail week ending within six
 * days after the last day still holds promotion days), at most `maxWeeks` weeks. Weeks with no
 * row yet are absent: actuals that have not arrived are not zero sales.
 */
export function weeklyActuals(
  db: Db,
  q: {
    skus: string[];
    markets: string[];
    locations?: string[];
    startDate: string;
    endDate: string;
    maxWeeks: number;
  },
): WeekActual[] {
  const rows = db
    .prepare(
      `SELECT retail_week AS week, sum(units) AS units, sum(revenue) AS revenue FROM sales
        WHERE sku IN (SELECT value FROM json_each(@skus)) AND market_id IN (SELECT value FROM json_each(@markets))
          AND (@locations IS NULL OR location_id IN (SELECT value FROM json_each(@locations)))
          AND retail_week >= @from AND retail_week <= @to
        GROUP BY retail_week ORDER BY retail_week LIMIT @limit`,
    )
    .all({
      skus: JSON.stringify(q.skus),
      markets: JSON.stringify(q.markets),
      locations: q.locations ? JSON.stringify(q.locations) : null,
      from: q.startDate,
      to: addDays(q.endDate, 6),
      limit: Math.max(0, q.maxWeeks),
    }) as WeekActual[];
  return rows;
}

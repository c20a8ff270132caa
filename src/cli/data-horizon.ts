import type { Clock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import { DAY_MS } from "../domain/dates.js";

/** How far (days) the last sales may lie before the planning date before `run` says so. */
export const STALE_DAYS = 28;

/**
 * A note for a run whose sales end long before its planning date (historical data planned on
 * today's clock), suggesting --as-of the data's last day; null when the data is recent.
 */
export function dataEndNote(db: Db, clock: Clock, staleDays = STALE_DAYS): string | null {
  const today = clock.now().toISOString().slice(0, 10);
  const row = db
    .prepare("SELECT max(period_end) AS last FROM sales WHERE period_end <= ?")
    .get(today) as { last: string | null };
  if (row.last === null) {
    const later = db.prepare("SELECT min(period_end) AS first FROM sales").get() as {
      first: string | null;
    };
    if (later.first === null)
      return "note: no sales are stored yet; load them first (autopromo ingest sales <file>, or init --demo)";
    return `note: the sales data begins on ${later.first}, after the planning date ${today}; pass --as-of <date> within the data`;
  }
  const days = Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${row.last}T00:00:00Z`)) / DAY_MS,
  );
  if (days <= staleDays) return null;
  return (
    `note: the sales data ends on ${row.last}, ${days.toLocaleString("en-US")} days before the planning date ${today}; ` +
    `to plan as of the data, pass --as-of ${row.last}`
  );
}

import { fixedClock, type Clock } from "../src/domain/index.js";
import type { Db } from "../src/store/index.js";

/**
 * Benchmarks plan synthetic markets as of the day after their last sales week: an explicit choice
 * made here, the way an analyst passes --now, never what the product does on its own.
 */
export function dayAfterData(db: Db): Clock {
  const row = db.prepare("SELECT max(retail_week) AS w FROM sales").get() as { w: string | null };
  if (!row.w) throw new Error("the benchmark database holds no sales");
  return fixedClock(new Date(Date.parse(`${row.w}T12:00:00Z`) + 86_400_000).toISOString());
}

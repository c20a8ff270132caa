import { systemClock, type Clock } from "../../policies/index.js";
import type { Db } from "../../store/index.js";

/** A clock the service refreshes at each cycle. */
export interface PlanningClock extends Clock {
  /** Re-reads the data's latest sales week (call at the start of a cycle, not per scope). */
  refresh(): void;
}

/**
 * The service's "now" for planning, by the same rule as `autopromo run`: the wall clock, unless
 * the store's sales run past it (the demo market is dated ahead) — then noon the day after its
 * latest sales week, so runs always plan forward from the data rather than into its past.
 */
export function planningClock(db: Db, wall: Clock = systemClock()): PlanningClock {
  const latestWeek = db.prepare("SELECT max(retail_week) AS w FROM sales");
  let latest: string | null = null;
  const refresh = () => void (latest = (latestWeek.get() as { w: string | null }).w);
  refresh();
  return {
    now() {
      const w = wall.now();
      if (latest && latest >= w.toISOString().slice(0, 10)) return new Date(Date.parse(`${latest}T12:00:00Z`) + 86_400_000);
      return w;
    },
    refresh,
  };
}

import type { Db } from "../store/index.js";
import type { Scope } from "./trigger.js";

/**
 * Days within which a scheduled cycle does not launch in a scope again: a cycle runs every few
 * minutes and at every restart, and each would otherwise add another round of campaigns on the
 * scope's other SKUs. New facts still act at once through signal and event runs.
 */
export const CYCLE_ACTS_ONCE_IN_DAYS = 7;

/** The executed cycle decision that already acted on this scope in the window, if any. */
export function actedRecently(db: Db, scope: Scope, now: Date): string | null {
  const since = new Date(now.getTime() - CYCLE_ACTS_ONCE_IN_DAYS * 86_400_000).toISOString();
  const row = db
    .prepare(
      `SELECT id FROM decisions WHERE category = ? AND market = ? AND trigger = 'cycle'
         AND status = 'executed' AND created_at >= ? AND created_at <= ?
       ORDER BY created_at DESC LIMIT 1`,
    )
    .get(scope.category, scope.market, since, now.toISOString()) as { id: string } | undefined;
  return row?.id ?? null;
}

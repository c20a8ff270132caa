import type { Db } from "../../store/index.js";

/** Tells whether sales were stored or corrected since the last look, by any process on the file. */
export interface SalesWatch {
  /** True once per batch of new sales ingests (their rows committed since the previous call). */
  moved(): boolean;
}

/**
 * Watches the ingest log for sales that changed the store — `autopromo ingest sales` in another
 * terminal, a second writer, or this server's own POST /signals — so monitoring runs as actuals
 * arrive whoever brought them. Reads only rows past its cursor (ingest ids only grow).
 * @example const w = createSalesWatch(db); setInterval(() => w.moved() && monitor(), 1000);
 */
export function createSalesWatch(db: Db): SalesWatch {
  let cursor =
    (db.prepare("SELECT max(id) AS m FROM ingests").get() as { m: number | null }).m ?? 0;
  const since = db.prepare(
    "SELECT id, kind, stored_new + corrected AS changed, finished_at FROM ingests WHERE id > ? ORDER BY id",
  );
  return {
    moved() {
      let moved = false;
      for (const r of since.all(cursor) as {
        id: number;
        kind: string;
        changed: number;
        finished_at: string | null;
      }[]) {
        // This connection's own ingest still streaming: its row is visible here before it commits.
        if (r.finished_at === null) break;
        cursor = r.id;
        if (r.kind === "sales" && r.changed > 0) moved = true;
      }
      return moved;
    },
  };
}

import type { Db } from "../../store/index.js";
import type { RunScopeInput } from "./port.js";

/** A thread as created through the API (threads the scheduler starts have only checkpoints). */
export interface ThreadRow {
  id: string;
  scope: RunScopeInput | null;
  metadata: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
}

interface Raw {
  id: string;
  category: string | null;
  market: string | null;
  metadata: string;
  created_by: string;
  created_at: string;
}

const toRow = (r: Raw): ThreadRow => ({
  id: r.id,
  scope: r.category && r.market ? { category: r.category, market: r.market } : null,
  metadata: JSON.parse(r.metadata) as Record<string, unknown>,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The `api_threads` table: ids, scopes and metadata of API threads. */
export function threadsStore(db: Db) {
  const one = db.prepare("SELECT * FROM api_threads WHERE id = ?");
  return {
    get: (id: string): ThreadRow | undefined => {
      const r = one.get(id) as Raw | undefined;
      return r ? toRow(r) : undefined;
    },
    insert(t: ThreadRow): void {
      db.prepare(
        "INSERT INTO api_threads (id, category, market, metadata, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(
        t.id,
        t.scope?.category ?? null,
        t.scope?.market ?? null,
        JSON.stringify(t.metadata),
        t.createdBy,
        t.createdAt,
      );
    },
    setMetadata(id: string, metadata: Record<string, unknown>): void {
      db.prepare("UPDATE api_threads SET metadata = ? WHERE id = ?").run(
        JSON.stringify(metadata),
        id,
      );
    },
    setScope(id: string, scope: RunScopeInput): void {
      db.prepare("UPDATE api_threads SET category = ?, market = ? WHERE id = ?").run(
        scope.category,
        scope.market,
        id,
      );
    },
    remove(id: string): void {
      db.prepare("DELETE FROM api_threads WHERE id = ?").run(id);
    },
    /** Rows with these ids (all when absent), newest first, at most `cap`. */
    list(ids: string[] | undefined, cap = 10_000): ThreadRow[] {
      const rows = ids
        ? ids.map((id) => one.get(id) as Raw | undefined).filter((r): r is Raw => !!r)
        : (db
            .prepare("SELECT * FROM api_threads ORDER BY created_at DESC, id DESC LIMIT ?")
            .all(cap) as Raw[]);
      return rows.map(toRow);
    },
  };
}
export type ThreadsStore = ReturnType<typeof threadsStore>;

import { z } from "zod";
import type { Db } from "../db.js";

export const quarantinedRowSchema = z.object({
  id: z.number().int(),
  ingestId: z.number().int(),
  kind: z.string(),
  file: z.string(),
  line: z.number().int(),
  field: z.string().nullable(),
  reason: z.string(),
  raw: z.string(),
  quarantinedAt: z.string(),
});
export type QuarantinedRow = z.infer<typeof quarantinedRowSchema>;

/** Quarantined rows, newest first, optionally of one kind. */
export function listQuarantine(
  db: Db,
  opts: { kind?: string; limit?: number } = {},
): QuarantinedRow[] {
  const rows = db
    .prepare(
      `SELECT id, ingest_id AS ingestId, kind, file, line, field, reason, raw, quarantined_at AS quarantinedAt
       FROM quarantine WHERE (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?`,
    )
    .all(opts.kind ?? null, opts.kind ?? null, opts.limit ?? 100);
  return z.array(quarantinedRowSchema).parse(rows);
}

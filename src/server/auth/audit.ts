import { createHash } from "node:crypto";
import { z } from "zod";
import { writeTx, type Db } from "../../store/index.js";

/** One audited mutation; `hash` covers every field and the previous row's hash. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  tokenId: z.string(),
  actor: z.string(),
  role: z.string(),
  method: z.string(),
  route: z.string(),
  status: z.number().int(),
  bodySha256: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditInput = Omit<AuditEntry, "id" | "prevHash" | "hash">;

/** The hash before the first row. */
export const GENESIS_HASH = "0".repeat(64);

/** sha256 of a request body (of the empty string when there is none). */
export function bodyDigest(body: ArrayBuffer | Uint8Array | string): string {
  return createHash("sha256")
    .update(typeof body === "string" ? body : new Uint8Array(body))
    .digest("hex");
}

function chainHash(prevHash: string, e: AuditInput): string {
  // A fixed field order (not JSON.stringify of an object) so the hash never depends on key order.
  const fields = [
    prevHash,
    e.at,
    e.tokenId,
    e.actor,
    e.role,
    e.method,
    e.route,
    String(e.status),
    e.bodySha256,
  ];
  return createHash("sha256").update(fields.join("\n")).digest("hex");
}

/** Appends one entry to the chain, in a transaction so two writers cannot fork it. */
export function appendAudit(db: Db, e: AuditInput): AuditEntry {
  return writeTx(db, (): AuditEntry => {
    const last = db.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").get() as
      { hash: string } | undefined;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, e);
    const res = db
      .prepare(
        "INSERT INTO audit_log (at, token_id, actor, role, method, route, status, body_sha256, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        e.at,
        e.tokenId,
        e.actor,
        e.role,
        e.method,
        e.route,
        e.status,
        e.bodySha256,
        prevHash,
        hash,
      );
    return { ...e, id: Number(res.lastInsertRowid), prevHash, hash };
  });
}

interface Row {
  id: number;
  at: string;
  token_id: string;
  actor: string;
  role: string;
  method: string;
  route: string;
  status: number;
  body_sha256: string;
  prev_hash: string;
  hash: string;
}
const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at,
  tokenId: r.token_id,
  actor: r.actor,
  role: r.role,
  method: r.method,
  route: r.route,
  status: r.status,
  bodySha256: r.body_sha256,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Audit entries, newest first. */
export function listAudit(db: Db, limit = 100): AuditEntry[] {
  return (db.prepare("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?").all(limit) as Row[]).map(
    toEntry,
  );
}

/** What verifying the chain found: `brokenAt` is the first row whose link or hash does not hold. */
export interface AuditVerification {
  ok: boolean;
  rows: number;
  brokenAt?: number;
  reason?: string;
}

/** Recomputes every row's hash from its fields and its predecessor's; any edit, insert or deletion shows. */
export function verifyAuditChain(db: Db): AuditVerification {
  let prev = GENESIS_HASH;
  let rows = 0;
  for (const r of db.prepare("SELECT * FROM audit_log ORDER BY id").iterate() as Iterable<Row>) {
    rows++;
    const e = toEntry(r);
    if (e.prevHash !== prev)
      return {
        ok: false,
        rows,
        brokenAt: e.id,
        reason: "its prev_hash is not the previous row's hash (a row was removed or inserted)",
      };
    if (chainHash(prev, e) !== e.hash)
      return {
        ok: false,
        rows,
        brokenAt: e.id,
        reason: "its hash does not match its fields (the row was edited)",
      };
    prev = e.hash;
  }
  return { ok: true, rows };
}

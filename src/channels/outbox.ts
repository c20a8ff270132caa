import type { Channel } from "../domain/channel.js";
import type { Db } from "../store/db.js";
import { channelMessageSchema } from "./message.js";
import type { ChannelMessage, DeliveryOp } from "./message.js";
import type { DeliveryReceipt } from "./types.js";

/**
 * The outbox table: one row per message per channel, written in the same transaction as the
 * decision that implies it and delivered later by `deliverPending`. Rows sharing a `batch` are
 * one multi-channel operation (a launch goes to all its channels or none).
 */

export type OutboxStatus = "pending" | "delivered" | "failed" | "rolled_back";

export interface OutboxRow {
  id: number;
  campaignId: string;
  campaignVersion: number;
  batch: string;
  channel: Channel;
  op: DeliveryOp;
  idempotencyKey: string;
  message: ChannelMessage;
  status: OutboxStatus;
  /** Launches decided by autopromo alone; the kill switch holds these. */
  autonomous: boolean;
  requestedBy: string;
  reason: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  receipt: DeliveryReceipt | null;
  createdAt: string;
  deliveredAt: string | null;
}

interface Raw {
  id: number;
  campaign_id: string;
  campaign_version: number;
  batch: string;
  channel: Channel;
  op: DeliveryOp;
  idempotency_key: string;
  payload: string;
  status: OutboxStatus;
  autonomous: number;
  requested_by: string;
  reason: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  receipt: string | null;
  created_at: string;
  delivered_at: string | null;
}

function fromRaw(r: Raw): OutboxRow {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignVersion: r.campaign_version,
    batch: r.batch,
    channel: r.channel,
    op: r.op,
    idempotencyKey: r.idempotency_key,
    message: channelMessageSchema.parse(JSON.parse(r.payload)),
    status: r.status,
    autonomous: r.autonomous === 1,
    requestedBy: r.requested_by,
    reason: r.reason,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    receipt: r.receipt ? (JSON.parse(r.receipt) as DeliveryReceipt) : null,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}

/** A new outbox row. */
export interface OutboxInsert {
  batch: string;
  message: ChannelMessage;
  autonomous: boolean;
  requestedBy: string;
  reason: string;
  at: string;
}

/** The deterministic key of one channel's message in a batch: same batch, same key, same effect. */
export function idempotencyKeyOf(batch: string, channel: Channel): string {
  return `${batch}:${channel}`;
}

/** Adds a row unless its idempotency key is already there; true when it was added. */
export function insertOutbox(db: Db, row: OutboxInsert): boolean {
  const m = row.message;
  const res = db
    .prepare(
      `INSERT INTO outbox (campaign_id, campaign_version, batch, channel, op, idempotency_key, payload, status, autonomous,
         requested_by, reason, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
    )
    .run(
      m.campaignId,
      m.version,
      row.batch,
      m.channel,
      m.op,
      idempotencyKeyOf(row.batch, m.channel),
      JSON.stringify(m),
      row.autonomous ? 1 : 0,
      row.requestedBy,
      row.reason,
      row.at,
      row.at,
    );
  return res.changes > 0;
}

/** One row by id. */
export function outboxRow(db: Db, id: number): OutboxRow | undefined {
  const r = db.prepare("SELECT * FROM outbox WHERE id = ?").get(id) as Raw | undefined;
  return r ? fromRaw(r) : undefined;
}

/** Pending rows due at `at`, oldest first. */
export function dueRows(db: Db, at: string, limit: number): OutboxRow[] {
  return (
    db
      .prepare(
        "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
      )
      .all(at, limit) as Raw[]
  ).map(fromRaw);
}

/** Every row of a batch. */
export function batchRows(db: Db, batch: string): OutboxRow[] {
  return (db.prepare("SELECT * FROM outbox WHERE batch = ? ORDER BY id").all(batch) as Raw[]).map(
    fromRaw,
  );
}

/** Every row of a campaign, oldest first (its delivery history). */
export function campaignOutbox(db: Db, campaignId: string): OutboxRow[] {
  return (
    db.prepare("SELECT * FROM outbox WHERE campaign_id = ? ORDER BY id").all(campaignId) as Raw[]
  ).map(fromRaw);
}

/** Pending launch rows of other campaigns (offers about to be carried), for consistency checks. */
export function pendingLaunches(db: Db, exceptCampaignId: string): OutboxRow[] {
  return (
    db
      .prepare(
        "SELECT * FROM outbox WHERE status = 'pending' AND op = 'launch' AND campaign_id <> ?",
      )
      .all(exceptCampaignId) as Raw[]
  ).map(fromRaw);
}

/**
 * Claims a due row for one attempt: counts the attempt and pushes `next_attempt_at` out by the
 * lease, so a second worker skips it and a crash mid-send is retried once the lease runs out.
 */
export function leaseRow(
  db: Db,
  id: number,
  now: string,
  leaseUntil: string,
): OutboxRow | undefined {
  const res = db
    .prepare(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?",
    )
    .run(leaseUntil, id, now);
  return res.changes > 0 ? outboxRow(db, id) : undefined;
}

/** Marks a pending row delivered; false when it is no longer pending (cancelled while in flight). */
export function markDelivered(db: Db, id: number, receipt: DeliveryReceipt, at: string): boolean {
  return (
    db
      .prepare(
        "UPDATE outbox SET status = 'delivered', receipt = ?, delivered_at = ?, last_error = NULL WHERE id = ? AND status = 'pending'",
      )
      .run(JSON.stringify(receipt), at, id).changes > 0
  );
}

/** Keeps a row pending with its error, to be tried again at `nextAt`. */
export function markRetry(db: Db, id: number, error: string, nextAt: string): void {
  db.prepare(
    "UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'pending'",
  ).run(error, nextAt, id);
}

/** Gives up on a row. */
export function markFailed(db: Db, id: number, error: string): void {
  db.prepare(
    "UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'pending'",
  ).run(error, id);
}

/** Marks a launch row as undone (retracted, or cancelled before it was sent). */
export function markRolledBack(db: Db, id: number, why: string): void {
  db.prepare(
    "UPDATE outbox SET status = 'rolled_back', last_error = coalesce(last_error, ?) WHERE id = ? AND status IN ('pending', 'delivered')",
  ).run(why, id);
}

/** What the dashboard shows as failing: given-up rows and rows still retrying after an error. */
export function failingDeliveries(db: Db): OutboxRow[] {
  return (
    db
      .prepare(
        "SELECT * FROM outbox WHERE status = 'failed' OR (status = 'pending' AND last_error IS NOT NULL) ORDER BY status, next_attempt_at, id",
      )
      .all() as Raw[]
  ).map(fromRaw);
}

import { AUTOPROMO_ACTOR } from "../domain/campaign.js";
import type { Clock } from "../domain/clock.js";
import type { Db } from "../store/db.js";
import { writeTx } from "../store/write-tx.js";
import { clearCarried, recordCarried } from "./carried.js";
import { commitmentLaunched } from "../policies/ledger/delivery-sync.js";
import { DeliveryError } from "./errors.js";
import { campaignState, recordTransition } from "./events.js";
import { killSwitchOn } from "../policies/kill-switch.js";
import {
  batchRows,
  dueRows,
  leaseRow,
  markDelivered,
  markFailed,
  markRetry,
  outboxRow,
} from "./outbox.js";
import type { OutboxRow } from "./outbox.js";
import { enqueueRetractions, takeDown, undoLaunchRows } from "./retractions.js";
import type { ChannelAdapters, DeliveryReceipt } from "./types.js";

export interface DeliveryOptions {
  /** Attempts before a retryable failure becomes permanent (default 6). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to `maxBackoffMs` (defaults 30 s and 1 h). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed row is hidden from other workers while it is being sent (default 5 min). */
  leaseMs?: number;
  limit?: number;
}

/** What one pass of the worker did. */
export interface DeliveryReport {
  delivered: number;
  /** Of the delivered, how many the receiver had already applied (a resend after a crash). */
  duplicates: number;
  retrying: number;
  failed: number;
  /** Launch batches undone because one of their channels failed for good. */
  rolledBack: string[];
  /** Autonomous launches held back by the kill switch. */
  held: number;
  /** Campaigns that went live in this pass. */
  wentLive: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Once every row of a launch batch is delivered, the campaign is live (from scheduled or paused). */
function goLiveIfComplete(db: Db, row: OutboxRow, clock: Clock): boolean {
  const rows = batchRows(db, row.batch);
  if (!rows.every((r) => r.status === "delivered")) return false;
  const state = campaignState(db, row.campaignId);
  if (!state || (state.status !== "scheduled" && state.status !== "paused")) return false;
  const channels = rows.map((r) => r.channel).join(", ");
  recordTransition(
    db,
    { id: row.campaignId, version: row.campaignVersion },
    "live",
    { by: row.requestedBy, reason: `${row.reason}; delivered to ${channels}` },
    clock,
  );
  return true;
}

function onDelivered(
  db: Db,
  row: OutboxRow,
  receipt: DeliveryReceipt,
  clock: Clock,
  report: DeliveryReport,
): void {
  const at = clock.now().toISOString();
  writeTx(db, () => {
    if (!markDelivered(db, row.id, receipt, at)) {
      // Cancelled (stop, rollback) while the send was in flight: the channel has it now, so take it down.
      if (row.op === "launch")
        enqueueRetractions(db, row.campaignId, `${row.batch}:late`, [row.channel], {
          by: AUTOPROMO_ACTOR,
          reason: "delivered after it was cancelled",
          at,
        });
      return;
    }
    report.delivered++;
    if (receipt.duplicate) report.duplicates++;
    if (row.op === "retract") return clearCarried(db, row.campaignId, row.channel);
    recordCarried(db, row.message, row.id, at);
    if (!goLiveIfComplete(db, row, clock)) return;
    report.wentLive.push(row.campaignId);
    commitmentLaunched(db, row.campaignId, clock);
  });
}

function onError(
  db: Db,
  row: OutboxRow,
  e: unknown,
  clock: Clock,
  o: Required<DeliveryOptions>,
  report: DeliveryReport,
): void {
  const now = clock.now().getTime();
  // Anything but an explicit rejection may have reached the receiver, so it is retried with the same key.
  const retryable = !(e instanceof DeliveryError) || e.retryable;
  const text = e instanceof Error ? e.message : String(e);
  writeTx(db, () => {
    if (retryable && row.attempts < o.maxAttempts) {
      const backoff = Math.min(o.maxBackoffMs, o.baseBackoffMs * 2 ** (row.attempts - 1));
      const wait = Math.max(backoff, e instanceof DeliveryError ? (e.retryAfterMs ?? 0) : 0);
      markRetry(db, row.id, `attempt ${row.attempts}: ${text}`, iso(now + wait));
      report.retrying++;
      return;
    }
    markFailed(db, row.id, `attempt ${row.attempts}: ${text}`);
    report.failed++;
    if (row.op !== "launch") return;
    // All or nothing: one channel failing for good takes the whole launch back off the others.
    const req = { by: AUTOPROMO_ACTOR, reason: `${row.channel} failed: ${text}`, at: iso(now) };
    const siblings = batchRows(db, row.batch).filter((r) => r.id !== row.id);
    undoLaunchRows(db, siblings, `${row.batch}:rollback`, req);
    // An exhausted retryable send may have landed; a retraction of something never applied is a no-op.
    if (retryable)
      enqueueRetractions(db, row.campaignId, `${row.batch}:rollback`, [row.channel], req);
    report.rolledBack.push(row.batch);
    // A live campaign's edit that failed: channels would carry two versions, so take it all down and pause it for people.
    if (campaignState(db, row.campaignId)?.status === "live") {
      takeDown(db, row.campaignId, `${row.batch}:rollback`, req);
      recordTransition(
        db,
        { id: row.campaignId },
        "paused",
        {
          by: AUTOPROMO_ACTOR,
          reason: `version ${row.campaignVersion} failed on ${row.channel}: ${text}; taken off every channel`,
        },
        clock,
      );
    }
  });
}

/** Sends one due row, unless it was undone meanwhile, is held by the kill switch, or another worker has it. */
async function deliverOne(
  db: Db,
  due: OutboxRow,
  adapters: ChannelAdapters,
  clock: Clock,
  o: Required<DeliveryOptions>,
  report: DeliveryReport,
): Promise<void> {
  if (outboxRow(db, due.id)?.status !== "pending") return; // undone by a rollback earlier in this pass
  if (due.op === "launch" && due.autonomous && killSwitchOn(db)) {
    report.held++;
    return;
  }
  const now = clock.now().getTime();
  const adapter = adapters[due.channel];
  if (!adapter) {
    markRetry(db, due.id, `no adapter configured for ${due.channel}`, iso(now + o.baseBackoffMs));
    report.retrying++;
    return;
  }
  const row = leaseRow(db, due.id, iso(now), iso(now + o.leaseMs));
  if (!row) return; // another worker claimed it
  try {
    const send = row.op === "launch" ? adapter.deliver : adapter.retract;
    const receipt = await send.call(adapter, row.message, { idempotencyKey: row.idempotencyKey });
    onDelivered(db, row, receipt, clock, report);
  } catch (e) {
    onError(db, row, e, clock, o, report);
  }
}

/**
 * One pass of the delivery worker: sends every due outbox row through its channel's adapter,
 * oldest first, with the row's idempotency key. Successes are recorded with what the channel now
 * carries; retryable failures back off exponentially; a launch that fails for good is rolled back
 * on its other channels. While the kill switch is on, autonomous launches are held (left pending).
 */
export async function deliverPending(
  db: Db,
  adapters: ChannelAdapters,
  clock: Clock,
  opts: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const o: Required<DeliveryOptions> = {
    maxAttempts: 6,
    baseBackoffMs: 30_000,
    maxBackoffMs: 3_600_000,
    leaseMs: 300_000,
    limit: 100,
    ...opts,
  };
  const report: DeliveryReport = {
    delivered: 0,
    duplicates: 0,
    retrying: 0,
    failed: 0,
    rolledBack: [],
    held: 0,
    wentLive: [],
  };
  // Rows enqueued during the pass (rollback retractions) go out in the same pass; each row at most once.
  const seen = new Set<number>();
  while (seen.size < o.limit) {
    const due = dueRows(db, clock.now().toISOString(), o.limit + seen.size).filter(
      (r) => !seen.has(r.id),
    );
    if (due.length === 0) break;
    for (const row of due.slice(0, o.limit - seen.size)) {
      seen.add(row.id);
      await deliverOne(db, row, adapters, clock, o, report);
    }
  }
  return report;
}

import type { Channel } from "../domain/channel.js";
import type { Db } from "../store/db.js";
import { channelsCarrying } from "./carried.js";
import { retractionOf } from "./message.js";
import type { ChannelMessage } from "./message.js";
import { campaignOutbox, insertOutbox, markRolledBack } from "./outbox.js";
import type { OutboxRow } from "./outbox.js";

/** Who asked for an outbox operation, why, and when. */
export interface Request {
  by: string;
  reason: string;
  at: string;
}

/** The latest launch message per channel of a campaign (what a retraction must take down). */
export function launchMessages(db: Db, campaignId: string): Map<Channel, ChannelMessage> {
  const out = new Map<Channel, ChannelMessage>();
  for (const r of campaignOutbox(db, campaignId))
    if (r.op === "launch") out.set(r.channel, r.message);
  return out;
}

/** Enqueues the retraction of `channels` as one batch; retractions are never held by the kill switch. */
export function enqueueRetractions(
  db: Db,
  campaignId: string,
  batch: string,
  channels: Iterable<Channel>,
  req: Request,
): number {
  const launched = launchMessages(db, campaignId);
  let n = 0;
  for (const channel of new Set(channels)) {
    const m = launched.get(channel);
    if (!m) continue;
    if (
      insertOutbox(db, {
        batch,
        message: retractionOf(m),
        autonomous: false,
        requestedBy: req.by,
        reason: req.reason,
        at: req.at,
      })
    )
      n++;
  }
  return n;
}

/**
 * Undoes launch rows: delivered ones are marked rolled back and retracted; pending ones are
 * cancelled, and retracted too if a send was already attempted (the receiver may have applied it
 * before the answer was lost). Returns the channels retracted.
 */
export function undoLaunchRows(db: Db, rows: OutboxRow[], batch: string, req: Request): Channel[] {
  const retract: Channel[] = [];
  for (const r of rows) {
    if (r.op !== "launch" || (r.status !== "delivered" && r.status !== "pending")) continue;
    markRolledBack(
      db,
      r.id,
      r.status === "pending" ? `cancelled: ${req.reason}` : `rolled back: ${req.reason}`,
    );
    if (r.status === "delivered" || r.attempts > 0) retract.push(r.channel);
  }
  const first = rows[0];
  if (first) enqueueRetractions(db, first.campaignId, batch, retract, req);
  return retract;
}

/**
 * Takes a campaign off every channel: cancels its pending launches and retracts what channels
 * carry. Used by pause and stop; `batch` names the operation so repeating it changes nothing.
 */
export function takeDown(db: Db, campaignId: string, batch: string, req: Request): Channel[] {
  const pending = campaignOutbox(db, campaignId).filter(
    (r) => r.op === "launch" && r.status === "pending",
  );
  const cancelled = undoLaunchRows(db, pending, batch, req);
  const carried = channelsCarrying(db, campaignId);
  enqueueRetractions(db, campaignId, batch, carried, req);
  return [...new Set([...cancelled, ...carried])];
}

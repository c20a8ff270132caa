import { AUTOPROMO_ACTOR, campaignSchema } from "../domain/campaign.js";
import type { Campaign, CampaignInput } from "../domain/campaign.js";
import type { Channel } from "../domain/channel.js";
import type { Clock } from "../domain/clock.js";
import type { Policy } from "../policies/schema.js";
import type { Db } from "../store/db.js";
import { writeTx } from "../store/write-tx.js";
import { checkChannelConsistency, disallowedChannels } from "./consistency.js";
import { ChannelConflictError, ChannelError } from "./errors.js";
import { campaignState, recordTransition } from "./events.js";
import type { ChannelMessage } from "./message.js";
import { launchMessage } from "./message.js";
import { batchRows, campaignOutbox, insertOutbox } from "./outbox.js";
import { undoLaunchRows } from "./retractions.js";

/** What an enqueue did: `enqueued` is 0 when the same batch was already in the outbox. */
export interface EnqueueResult {
  campaignId: string;
  version: number;
  batch: string;
  enqueued: number;
  channels: Channel[];
}

export interface LaunchOptions {
  /** Supplies the allowed channels per market and the cross-channel price tolerance. */
  policy: Pick<Policy, "channels">;
  clock: Clock;
  /** Who schedules it (default: the approvers, else autopromo). */
  by?: string;
  reason?: string;
}

/** The batch name of a campaign version's first launch. */
export function launchBatch(campaignId: string, version: number): string {
  return `${campaignId}:v${version}:launch`;
}

/**
 * Guards then writes one launch batch: channels allowed in every market, no price conflict with
 * what channels carry (ChannelConflictError), then one outbox row per message, all in the caller's
 * transaction.
 */
export function enqueueMessages(
  db: Db,
  messages: ChannelMessage[],
  batch: string,
  req: { by: string; reason: string; at: string; autonomous: boolean },
  policy: Pick<Policy, "channels">,
): number {
  const first = messages[0];
  if (!first) return 0;
  const target = {
    campaignId: first.campaignId,
    channels: messages.map((m) => m.channel),
    offer: first.offer,
  };
  const bad = disallowedChannels(target, policy);
  if (bad.length)
    throw new ChannelError(
      "CHANNEL_NOT_ALLOWED",
      `campaign ${first.campaignId}: channel not allowed: ${bad.join(", ")}`,
    );
  const conflicts = checkChannelConsistency(db, target, policy.channels.priceTolerancePct);
  if (conflicts.length) throw new ChannelConflictError(first.campaignId, conflicts);
  let n = 0;
  for (const message of messages) {
    if (
      insertOutbox(db, {
        batch,
        message,
        autonomous: req.autonomous,
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
 * Schedules an approved campaign and writes its launch to the outbox, one row per channel, in one
 * transaction. Idempotent: enqueueing the same campaign version again is a no-op. A new version
 * may replace a scheduled one that never went live (say after a failed, rolled-back launch).
 * @example enqueueLaunch(db, campaign, { policy: loaded.policy, clock: systemClock() })
 */
export function enqueueLaunch(
  db: Db,
  input: Campaign | CampaignInput,
  opts: LaunchOptions,
): EnqueueResult {
  const c = campaignSchema.parse(input);
  const batch = launchBatch(c.id, c.version);
  const result = { campaignId: c.id, version: c.version, batch, channels: [...c.channels] };
  return writeTx(db, (): EnqueueResult => {
    if (batchRows(db, batch).length > 0) return { ...result, enqueued: 0 };
    const state = campaignState(db, c.id);
    if (state && state.status !== "scheduled") {
      throw new ChannelError(
        "INVALID_STATE",
        `campaign ${c.id} is ${state.status}: a new version (${c.version}) cannot be launched over it; stop it and launch a new campaign`,
      );
    }
    const autonomous = c.approvedBy.length === 0;
    const by = opts.by ?? (autonomous ? AUTOPROMO_ACTOR : c.approvedBy.join(", "));
    const reason =
      opts.reason ?? `decision ${c.decisionId} ${autonomous ? "allowed by policy" : "approved"}`;
    const at = opts.clock.now().toISOString();
    // A scheduled campaign never went live, but an older version may still be queued or half out.
    const older = campaignOutbox(db, c.id).filter(
      (r) => r.op === "launch" && r.campaignVersion < c.version,
    );
    undoLaunchRows(db, older, `${c.id}:v${c.version}:supersede`, {
      by,
      reason: `superseded by version ${c.version}`,
      at,
    });
    const enqueued = enqueueMessages(
      db,
      c.channels.map((ch) => launchMessage(c, ch)),
      batch,
      { by, reason, at, autonomous },
      opts.policy,
    );
    if (!state) recordTransition(db, c, "scheduled", { by, reason }, opts.clock);
    return { ...result, enqueued };
  });
}

import { AUTOPROMO_ACTOR, CampaignTransitionError } from "../domain/campaign.js";
import type { CampaignStatus } from "../domain/campaign.js";
import type { Clock } from "../domain/clock.js";
import type { Policy } from "../policies/schema.js";
import type { Db } from "../store/db.js";
import { writeTx } from "../store/write-tx.js";
import { ChannelError } from "./errors.js";
import { campaignState, recordTransition } from "./events.js";
import type { CampaignState } from "./events.js";
import type { EnqueueResult } from "./launch.js";
import { enqueueMessages } from "./launch.js";
import { channelsCarrying } from "./carried.js";
import { commitmentCancelled } from "../policies/ledger/delivery-sync.js";
import { launchMessages, takeDown } from "./retractions.js";

/** Who changes a campaign and why (both recorded with the status change). */
export interface LifecycleChange {
  by: string;
  reason: string;
}

/** A status change and the channels whose retraction it enqueued. */
export interface LifecycleResult {
  state: CampaignState;
  retracting: string[];
}

function stateOf(db: Db, campaignId: string): CampaignState {
  const s = campaignState(db, campaignId);
  if (!s) throw new ChannelError("NOT_FOUND", `no campaign ${campaignId} has been scheduled`);
  return s;
}

/** Records the change and, in the same transaction, cancels queued launches and retracts live channels. */
function change(
  db: Db,
  campaignId: string,
  to: CampaignStatus,
  who: LifecycleChange,
  clock: Clock,
): LifecycleResult {
  return writeTx(db, (): LifecycleResult => {
    const before = stateOf(db, campaignId);
    const state = recordTransition(db, { id: campaignId, version: before.version }, to, who, clock);
    const batch = `${campaignId}:v${state.version}:${to}#${state.eventId}`;
    const req = { ...who, at: clock.now().toISOString() };
    // Stopped before any shopper saw it: its spend is freed for other campaigns.
    if (to === "stopped" && before.status === "scheduled")
      commitmentCancelled(db, campaignId, clock);
    return { state, retracting: takeDown(db, campaignId, batch, req) };
  });
}

/** Pauses a live campaign and enqueues its retraction from every channel that carries it. */
export function pauseCampaign(
  db: Db,
  campaignId: string,
  who: LifecycleChange,
  clock: Clock,
): LifecycleResult {
  return change(db, campaignId, "paused", who, clock);
}

/** Stops a campaign for good (from any open status), cancelling queued launches and retracting live channels. */
export function stopCampaign(
  db: Db,
  campaignId: string,
  who: LifecycleChange,
  clock: Clock,
): LifecycleResult {
  return change(db, campaignId, "stopped", who, clock);
}

/**
 * Ends a live or paused campaign at its planned end: a resume still queued is cancelled and the
 * channels carrying it get a retraction in the same transaction, so no channel keeps an offer
 * the store counts as over (the one-offer-per-channel guard reads the store).
 */
export function endCampaign(
  db: Db,
  campaignId: string,
  who: LifecycleChange,
  clock: Clock,
): LifecycleResult {
  return change(db, campaignId, "ended", who, clock);
}

/**
 * Re-enqueues a paused campaign's launch messages on the same channels, after the same channel
 * checks as a first launch. It becomes live (recorded with this `who`) once every channel took
 * it; if one fails for good the others are rolled back and it stays paused. Repeating it while
 * the resume is under way is a no-op.
 */
export function resumeCampaign(
  db: Db,
  campaignId: string,
  who: LifecycleChange,
  opts: { policy: Pick<Policy, "channels">; clock: Clock },
): EnqueueResult {
  return writeTx(db, (): EnqueueResult => {
    const state = stateOf(db, campaignId);
    if (state.status !== "paused")
      throw new CampaignTransitionError(campaignId, state.status, "live");
    if (channelsCarrying(db, campaignId).length > 0) {
      throw new ChannelError(
        "INVALID_STATE",
        `campaign ${campaignId}: its pause is still being retracted; resume after those deliveries`,
      );
    }
    const messages = [...launchMessages(db, campaignId).values()].filter(
      (m) => m.version === state.version,
    );
    const batch = `${campaignId}:v${state.version}:resume#${state.eventId}`;
    const at = opts.clock.now().toISOString();
    const req = { ...who, at, autonomous: who.by === AUTOPROMO_ACTOR };
    const enqueued = enqueueMessages(db, messages, batch, req, opts.policy);
    return {
      campaignId,
      version: state.version,
      batch,
      enqueued,
      channels: messages.map((m) => m.channel),
    };
  });
}

import {
  CampaignTransitionError,
  campaignEventSchema,
  transitionEvent,
} from "../domain/campaign.js";
import type { CampaignEvent, CampaignStatus } from "../domain/campaign.js";
import type { Clock } from "../domain/clock.js";
import type { Db } from "../store/db.js";

/** A campaign's latest recorded state; `eventId` orders it among all lifecycle events. */
export interface CampaignState {
  campaignId: string;
  status: CampaignStatus;
  version: number;
  eventId: number;
}

interface EventRow {
  id: number;
  campaign_id: string;
  version: number;
  from_status: CampaignStatus | null;
  to_status: CampaignStatus;
  at: string;
  by: string;
  reason: string;
}

/** The campaign's current status, or null when it was never scheduled. */
export function campaignState(db: Db, campaignId: string): CampaignState | null {
  const r = db
    .prepare("SELECT * FROM campaign_events WHERE campaign_id = ? ORDER BY id DESC LIMIT 1")
    .get(campaignId) as EventRow | undefined;
  return r ? { campaignId, status: r.to_status, version: r.version, eventId: r.id } : null;
}

/** Every status change of a campaign, oldest first. */
export function campaignHistory(db: Db, campaignId: string): CampaignEvent[] {
  const rows = db
    .prepare("SELECT * FROM campaign_events WHERE campaign_id = ? ORDER BY id")
    .all(campaignId) as EventRow[];
  return rows.map((r) =>
    campaignEventSchema.parse({
      campaignId: r.campaign_id,
      version: r.version,
      from: r.from_status,
      to: r.to_status,
      at: r.at,
      by: r.by,
      reason: r.reason,
    }),
  );
}

/**
 * Appends a legal status change (CampaignTransitionError otherwise) and returns the new state.
 * Callers run it inside their own transaction together with the outbox rows it implies.
 */
export function recordTransition(
  db: Db,
  campaign: { id: string; version?: number },
  to: CampaignStatus,
  change: { by: string; reason: string },
  clock: Clock,
): CampaignState {
  const current = campaignState(db, campaign.id);
  const version = campaign.version ?? current?.version ?? 1;
  const e = transitionEvent({ id: campaign.id, version }, current?.status ?? null, to, {
    at: clock.now(),
    ...change,
  });
  const res = db
    .prepare(
      "INSERT INTO campaign_events (campaign_id, version, from_status, to_status, at, by, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .run(e.campaignId, e.version, e.from, e.to, e.at, e.by, e.reason);
  return { campaignId: campaign.id, status: to, version, eventId: Number(res.lastInsertRowid) };
}

/**
 * Records that a new spec version is in force without a status change (an applied edit): the
 * status stays, the version moves on, and the log says who changed it and why.
 */
export function recordVersionChange(
  db: Db,
  campaignId: string,
  version: number,
  change: { by: string; reason: string },
  clock: Clock,
): CampaignState {
  const current = campaignState(db, campaignId);
  if (!current) throw new CampaignTransitionError(campaignId, null, "live");
  const e = campaignEventSchema.parse({
    campaignId,
    version,
    from: current.status,
    to: current.status,
    at: clock.now().toISOString(),
    ...change,
  });
  const res = db
    .prepare(
      "INSERT INTO campaign_events (campaign_id, version, from_status, to_status, at, by, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .run(e.campaignId, e.version, e.from, e.to, e.at, e.by, e.reason);
  return { campaignId, status: current.status, version, eventId: Number(res.lastInsertRowid) };
}

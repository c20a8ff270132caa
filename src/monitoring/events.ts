import { z } from "zod";
import type { Db } from "../store/db.js";

/** What the monitor saw or did for a campaign; one row per campaign, kind and weeks observed. */
export const monitoringEventKindSchema = z.enum(["check", "stop_loss", "ended", "settled"]);
export type MonitoringEventKind = z.infer<typeof monitoringEventKindSchema>;

export interface MonitoringEvent {
  id: number;
  campaignId: string;
  kind: MonitoringEventKind;
  weeksObserved: number;
  detail: Record<string, unknown>;
  at: string;
}

/** Records an event unless the same (campaign, kind, weeks observed) is there: a repeated pass adds nothing. */
export function recordMonitoringEvent(db: Db, e: Omit<MonitoringEvent, "id">): boolean {
  return (
    db
      .prepare(
        "INSERT INTO monitoring_events (campaign_id, kind, weeks_observed, detail, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      )
      .run(e.campaignId, e.kind, e.weeksObserved, JSON.stringify(e.detail), e.at).changes > 0
  );
}

/** A campaign's monitoring events (or every campaign's), oldest first. */
export function monitoringEvents(db: Db, campaignId?: string): MonitoringEvent[] {
  const rows = (
    campaignId
      ? db
          .prepare("SELECT * FROM monitoring_events WHERE campaign_id = ? ORDER BY id")
          .all(campaignId)
      : db.prepare("SELECT * FROM monitoring_events ORDER BY id").all()
  ) as {
    id: number;
    campaign_id: string;
    kind: string;
    weeks_observed: number;
    detail: string;
    at: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    kind: monitoringEventKindSchema.parse(r.kind),
    weeksObserved: r.weeks_observed,
    detail: z.record(z.string(), z.unknown()).parse(JSON.parse(r.detail)),
    at: r.at,
  }));
}

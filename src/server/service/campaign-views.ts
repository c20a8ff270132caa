import {
  campaignEdits,
  campaignHistory,
  campaignOutbox,
  campaignState,
} from "../../channels/index.js";
import { killSwitchState } from "../../policies/index.js";
import type { Db } from "../../store/index.js";

/** A campaign as the API lists it: lifecycle status (from the event log) plus the graph's row when there is one. */
export interface CampaignSummary {
  id: string;
  status: string | null;
  version: number | null;
  decisionId: string | null;
  category: string | null;
  markets: string[];
  startDate: string | null;
  endDate: string | null;
}

interface GraphRow {
  id: string;
  decision_id: string;
  category: string;
  markets: string;
  start_date: string;
  end_date: string;
}

function graphRow(db: Db, id: string): GraphRow | undefined {
  return db
    .prepare(
      "SELECT id, decision_id, category, markets, start_date, end_date FROM campaigns WHERE id = ?",
    )
    .get(id) as GraphRow | undefined;
}

function summary(db: Db, id: string): CampaignSummary {
  const state = campaignState(db, id);
  const row = graphRow(db, id);
  return {
    id,
    status: state?.status ?? null,
    version: state?.version ?? null,
    decisionId: row?.decision_id ?? null,
    category: row?.category ?? null,
    markets: row ? (JSON.parse(row.markets) as string[]) : [],
    startDate: row?.start_date ?? null,
    endDate: row?.end_date ?? null,
  };
}

/** Every campaign known to the lifecycle log or the graph's table, most recently changed first. */
export function listCampaignSummaries(db: Db): CampaignSummary[] {
  const ids = db
    .prepare(
      `SELECT id FROM (SELECT campaign_id AS id, max(id) AS k, NULL AS c FROM campaign_events GROUP BY campaign_id
        UNION ALL SELECT id, NULL, created_at FROM campaigns WHERE id NOT IN (SELECT campaign_id FROM campaign_events))
       ORDER BY k IS NULL, k DESC, c DESC`,
    )
    .all() as { id: string }[];
  return ids.map((r) => summary(db, r.id));
}

/** One campaign with its status history and its outbox rows, or null when nothing knows it. */
export function campaignDetail(db: Db, id: string) {
  const s = summary(db, id);
  if (s.status === null && s.decisionId === null) return null;
  const outbox = campaignOutbox(db, id).map((r) => ({
    id: r.id,
    channel: r.channel,
    op: r.op,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    batch: r.batch,
  }));
  return {
    ...s,
    history: campaignHistory(db, id),
    edits: campaignEdits(db, id),
    outbox,
    killSwitch: killSwitchState(db),
  };
}

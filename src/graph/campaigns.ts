import { proposalEndDate, type PromotionProposal } from "../domain/proposal.js";
import type { Db } from "../store/index.js";

/** A launched (scheduled) campaign. */
export interface CampaignRow {
  id: string;
  decisionId: string;
  status: string;
  startDate: string;
  endDate: string;
}

/**
 * Writes the approved campaign once per decision: a resumed or replayed run finds the existing
 * row and does not launch twice. Returns the campaign id.
 */
export function scheduleCampaign(db: Db, input: { decisionId: string; proposal: PromotionProposal; approvalRequestId: string | null; policyVersion: string; at: string }): string {
  const p = input.proposal;
  db.prepare(
    `INSERT INTO campaigns (id, decision_id, proposal, category, markets, start_date, end_date, status, approval_request_id, policy_version, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?) ON CONFLICT(decision_id) DO NOTHING`,
  ).run(p.id, input.decisionId, JSON.stringify(p), p.scope.category, JSON.stringify(p.scope.markets), p.startDate, proposalEndDate(p), input.approvalRequestId, input.policyVersion, input.at);
  return (db.prepare("SELECT id FROM campaigns WHERE decision_id = ?").get(input.decisionId) as { id: string }).id;
}

/** Campaigns, newest first. */
export function listCampaigns(db: Db): CampaignRow[] {
  return db.prepare("SELECT id, decision_id AS decisionId, status, start_date AS startDate, end_date AS endDate FROM campaigns ORDER BY created_at DESC").all() as CampaignRow[];
}

import { z } from "zod";
import { campaignStatusSchema } from "../domain/campaign.js";
import type { CampaignStatus } from "../domain/campaign.js";
import { proposalEndDate, promotionProposalSchema } from "../domain/proposal.js";
import type { PromotionProposal } from "../domain/proposal.js";
import type { Db } from "../store/db.js";
import { ChannelError } from "./errors.js";

/**
 * The `campaigns` table: the approved proposal behind a campaign, its decision and the spec
 * version in force. Status is not stored here: it is the latest lifecycle event
 * (`campaign_status` view), so there is one vocabulary and one record of every change.
 */

/** A campaign with the proposal it runs and its lifecycle status. */
export interface CampaignRecord {
  id: string;
  decisionId: string;
  proposal: PromotionProposal;
  category: string;
  markets: string[];
  startDate: string;
  endDate: string;
  version: number;
  approvalRequestId: string | null;
  policyVersion: string;
  /** null when nothing was enqueued for it yet (a row from before the outbox). */
  status: CampaignStatus | null;
  createdAt: string;
  updatedAt: string;
}

const rawSchema = z.object({
  id: z.string(),
  decision_id: z.string(),
  proposal: z.string(),
  category: z.string(),
  markets: z.string(),
  start_date: z.string(),
  end_date: z.string(),
  version: z.number().int(),
  approval_request_id: z.string().nullable(),
  policy_version: z.string(),
  status: campaignStatusSchema.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const SELECT = `SELECT c.*, s.status FROM campaigns c LEFT JOIN campaign_status s ON s.campaign_id = c.id`;

function fromRaw(raw: unknown): CampaignRecord {
  const r = rawSchema.parse(raw);
  return {
    id: r.id,
    decisionId: r.decision_id,
    proposal: promotionProposalSchema.parse(JSON.parse(r.proposal)),
    category: r.category,
    markets: z.array(z.string()).parse(JSON.parse(r.markets)),
    startDate: r.start_date,
    endDate: r.end_date,
    version: r.version,
    approvalRequestId: r.approval_request_id,
    policyVersion: r.policy_version,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Inserts the campaign row once per decision; true when it was new. */
export function insertCampaignRow(
  db: Db,
  input: {
    decisionId: string;
    proposal: PromotionProposal;
    approvalRequestId: string | null;
    policyVersion: string;
    at: string;
  },
): boolean {
  const p = input.proposal;
  const res = db
    .prepare(
      `INSERT INTO campaigns (id, decision_id, proposal, category, markets, start_date, end_date, version, approval_request_id, policy_version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) ON CONFLICT(decision_id) DO NOTHING`,
    )
    .run(
      p.id,
      input.decisionId,
      JSON.stringify(p),
      p.scope.category,
      JSON.stringify(p.scope.markets),
      p.startDate,
      proposalEndDate(p),
      input.approvalRequestId,
      input.policyVersion,
      input.at,
      input.at,
    );
  return res.changes > 0;
}

/** The campaign with `id`, or undefined. */
export function findCampaign(db: Db, id: string): CampaignRecord | undefined {
  const raw = db.prepare(`${SELECT} WHERE c.id = ?`).get(id);
  return raw ? fromRaw(raw) : undefined;
}

/** The campaign a decision launched, or undefined. */
export function campaignOfDecision(db: Db, decisionId: string): CampaignRecord | undefined {
  const raw = db.prepare(`${SELECT} WHERE c.decision_id = ?`).get(decisionId);
  return raw ? fromRaw(raw) : undefined;
}

/** The campaign with `id`, or NOT_FOUND. */
export function getCampaign(db: Db, id: string): CampaignRecord {
  const c = findCampaign(db, id);
  if (!c) throw new ChannelError("NOT_FOUND", `no campaign ${id}`);
  return c;
}

/** Campaigns, newest first, optionally only those in the given statuses. */
export function listCampaignRecords(
  db: Db,
  statuses?: readonly CampaignStatus[],
): CampaignRecord[] {
  const rows = statuses
    ? db
        .prepare(
          `${SELECT} WHERE s.status IN (SELECT value FROM json_each(?)) ORDER BY c.created_at DESC, c.id`,
        )
        .all(JSON.stringify(statuses))
    : db.prepare(`${SELECT} ORDER BY c.created_at DESC, c.id`).all();
  return rows.map(fromRaw);
}

/** Replaces the proposal and version in force (an applied edit). */
export function updateCampaignSpec(
  db: Db,
  id: string,
  proposal: PromotionProposal,
  version: number,
  at: string,
): void {
  db.prepare(
    "UPDATE campaigns SET proposal = ?, markets = ?, start_date = ?, end_date = ?, version = ?, updated_at = ? WHERE id = ?",
  ).run(
    JSON.stringify(proposal),
    JSON.stringify(proposal.scope.markets),
    proposal.startDate,
    proposalEndDate(proposal),
    version,
    at,
    id,
  );
}

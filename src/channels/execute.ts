import {
  campaignFromProposal,
  type CampaignAudience,
  type CampaignMessage,
} from "../domain/campaign.js";
import type { PromotionProposal } from "../domain/proposal.js";
import { commitSpend } from "../policies/ledger/ledger.js";
import type { Clock } from "../domain/clock.js";
import { lawfulReferencePrice } from "../policies/reference.js";
import type { Policy } from "../policies/schema.js";
import type { Db } from "../store/db.js";
import { writeTx } from "../store/write-tx.js";
import { campaignOfDecision, insertCampaignRow } from "./campaign-store.js";
import { ChannelError } from "./errors.js";
import { enqueueLaunch } from "./launch.js";
import type { EnqueueResult } from "./launch.js";

/** An approved (or policy-allowed) decision ready to launch. */
export interface ApprovedLaunch {
  decisionId: string;
  proposal: PromotionProposal;
  approvalRequestId: string | null;
  /** Approvers' names; empty when the policy allowed it alone (the kill switch then holds it). */
  approvedBy: string[];
  policyVersion: string;
  /** The targeting agent's segment and message, for e-mail, SMS and ad channels. */
  audience?: CampaignAudience;
  message?: CampaignMessage;
}

/** What executing a decision did; `enqueued` is 0 on a replay. */
export interface LaunchResult extends EnqueueResult {
  /** False when the decision had already been executed (a resumed or replayed run). */
  firstTime: boolean;
}

/**
 * Executes a decision through the transactional outbox: the campaign row, one launch row per
 * channel (idempotency key `<campaign>:v<version>:launch:<channel>`) and the spend commitment, in
 * one transaction. Running it again for the same decision changes nothing, so a resumed or
 * replayed graph never launches twice. Delivery is `deliverPending`'s job.
 */
export function launchApprovedCampaign(
  db: Db,
  input: ApprovedLaunch,
  opts: { policy: Pick<Policy, "channels"> & Partial<Pick<Policy, "currency">>; clock: Clock },
): LaunchResult {
  return writeTx(db, (): LaunchResult => {
    const at = opts.clock.now().toISOString();
    const firstTime = insertCampaignRow(db, {
      decisionId: input.decisionId,
      proposal: input.proposal,
      approvalRequestId: input.approvalRequestId,
      policyVersion: input.policyVersion,
      at,
    });
    const row = campaignOfDecision(db, input.decisionId)!;
    let campaign;
    try {
      const referencePrice = lawfulReferencePrice(db, row.proposal, at.slice(0, 10)) ?? undefined;
      campaign = campaignFromProposal(row.proposal, {
        decisionId: input.decisionId,
        version: row.version,
        approvedBy: input.approvedBy,
        ...(referencePrice ? { referencePrice } : {}),
        ...(input.audience ? { audience: input.audience } : {}),
        ...(input.message ? { message: input.message } : {}),
      });
    } catch (e) {
      throw new ChannelError(
        "INVALID_INPUT",
        `campaign ${row.id}: the proposal cannot be launched: ${(e as Error).message}`,
        { cause: e },
      );
    }
    const result = enqueueLaunch(db, campaign, { policy: opts.policy, clock: opts.clock });
    // Only the first execution commits: a replay must not move a launched commitment back to approved.
    if (firstTime) {
      commitSpend(db, row.proposal, opts.clock, {
        status: "approved",
        policyVersion: input.policyVersion,
        ...(opts.policy.currency ? { policyCurrency: opts.policy.currency } : {}),
        ...(input.approvalRequestId ? { approvalRequestId: input.approvalRequestId } : {}),
      });
    }
    return { ...result, firstTime };
  });
}

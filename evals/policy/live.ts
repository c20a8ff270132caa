import { deliverPending, launchApprovedCampaign } from "../../src/channels/index.js";
import { channelPolicy, scriptedAdapter, steppingClock } from "../../src/channels/testing.js";
import { promotionProposalSchema } from "../../src/domain/proposal.js";
import { insertDecision } from "../../src/monitoring/testing.js";
import type { Db } from "../../src/store/db.js";
import { baseProposal, deepMerge } from "./world.js";
import type { LiveSeed } from "./world.js";

/**
 * Live campaigns for the eval world, put there the way the service does it: a decision, the
 * approved launch through the outbox (campaign row, launch messages, spend commitment), then
 * delivery to sandbox adapters until the campaign is live. Nothing is written around the store's
 * own paths, so the policy reads them as it would in production.
 */

/** Launched the Sunday before it starts, delivered the Monday it starts (before the check's clock). */
export async function seedLive(db: Db, live: LiveSeed[]): Promise<void> {
  for (const l of live) {
    const proposal = promotionProposalSchema.parse(
      deepMerge({ ...baseProposal, id: l.id } as Record<string, unknown>, l.proposal),
    );
    const clock = steppingClock(`${proposal.startDate}T08:00:00Z`);
    clock.advance(-86_400_000);
    insertDecision(db, `d-${l.id}`, clock.now().toISOString());
    launchApprovedCampaign(
      db,
      {
        decisionId: `d-${l.id}`,
        proposal,
        approvalRequestId: null,
        approvedBy: ["eval-cm (category_manager)"],
        policyVersion: "eval",
      },
      { policy: channelPolicy(), clock },
    );
    clock.advance(86_400_000);
    await deliverPending(
      db,
      { store: scriptedAdapter("store"), ecommerce: scriptedAdapter("ecommerce") },
      clock,
    );
  }
}

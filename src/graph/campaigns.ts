import { launchApprovedCampaign, listCampaignRecords } from "../channels/index.js";
import type { ApprovedLaunch, LaunchResult } from "../channels/index.js";
import type { CampaignStatus } from "../domain/campaign.js";
import type { Clock, Policy } from "../policies/index.js";
import type { Db } from "../store/index.js";

/** A campaign as the graph lists it; `status` is the lifecycle's (null before anything was enqueued). */
export interface CampaignRow {
  id: string;
  decisionId: string;
  status: CampaignStatus | null;
  version: number;
  startDate: string;
  endDate: string;
}

/**
 * Executes an approved decision: campaign row, outbox launch rows and spend commitment in one
 * transaction, once per decision (a resumed or replayed run adds nothing). Returns what was queued.
 */
export function executeCampaign(db: Db, input: ApprovedLaunch, opts: { policy: Pick<Policy, "channels">; clock: Clock }): LaunchResult {
  return launchApprovedCampaign(db, input, opts);
}

/** Campaigns, newest first. */
export function listCampaigns(db: Db): CampaignRow[] {
  return listCampaignRecords(db).map((c) => ({ id: c.id, decisionId: c.decisionId, status: c.status, version: c.version, startDate: c.startDate, endDate: c.endDate }));
}

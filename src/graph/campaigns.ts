import { listCampaignRecords } from "../channels/index.js";
import type { CampaignStatus } from "../domain/campaign.js";
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

/** Campaigns, newest first. */
export function listCampaigns(db: Db): CampaignRow[] {
  return listCampaignRecords(db).map((c) => ({
    id: c.id,
    decisionId: c.decisionId,
    status: c.status,
    version: c.version,
    startDate: c.startDate,
    endDate: c.endDate,
  }));
}

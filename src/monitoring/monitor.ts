import { campaignHistory } from "../channels/events.js";
import { getCampaign, listCampaignRecords } from "../channels/campaign-store.js";
import type { CampaignRecord } from "../channels/campaign-store.js";
import { endCampaign, pauseCampaign, stopCampaign } from "../channels/lifecycle.js";
import { AUTOPROMO_ACTOR } from "../domain/campaign.js";
import type { CampaignStatus } from "../domain/campaign.js";
import type { Clock } from "../domain/clock.js";
import type { LoadedPolicy } from "../policies/load.js";
import type { Db } from "../store/db.js";
import { writeTx } from "../store/write-tx.js";
import { recordMonitoringEvent } from "./events.js";
import { campaignPerformance } from "./performance.js";
import { settleCampaign } from "./settle.js";
import { stopLossTest } from "./stop-loss.js";
import type { StopLossTest } from "./stop-loss.js";

/** What one monitoring pass found and did for one campaign. */
export interface CampaignCheck {
  campaignId: string;
  /** Status after the pass. */
  status: CampaignStatus;
  mechanic: string;
  market: string;
  weeksObserved: number;
  weeksPlanned: number;
  actualUnits: number;
  forecastUnits: number;
  realisedIncrementalMargin: number;
  forecastIncrementalMargin: number;
  stopLoss: StopLossTest | null;
  actions: ("paused" | "ended" | "stopped" | "settled")[];
}

/** A campaign the stop-loss paused, and who must now decide whether to resume or stop it. */
export interface Escalation {
  campaignId: string;
  roles: string[];
  reason: string;
}

/** The result of `monitorCampaigns`. */
export interface MonitorReport {
  checkedAt: string;
  checks: CampaignCheck[];
  paused: string[];
  ended: string[];
  stopped: string[];
  settled: string[];
  escalations: Escalation[];
  /** Campaigns not compared (no forecast on record, or not scheduled through the outbox). */
  skipped: { campaignId: string; reason: string }[];
}

const OPEN: readonly CampaignStatus[] = ["scheduled", "live", "paused"];
const r2 = (x: number) => Math.round(x * 100) / 100;

/** True when the campaign ever reached the shoppers (so it has results to settle). */
const wentLive = (db: Db, id: string) => campaignHistory(db, id).some((e) => e.to === "live");

function checkOne(
  db: Db,
  c: CampaignRecord,
  clock: Clock,
  policy: LoadedPolicy,
  report: MonitorReport,
): void {
  const now = clock.now().toISOString();
  const today = now.slice(0, 10);
  let status = c.status!;
  if (status === "scheduled") {
    if (c.endDate < today) {
      stopCampaign(
        db,
        c.id,
        { by: AUTOPROMO_ACTOR, reason: `end date ${c.endDate} passed before it went live` },
        clock,
      );
      report.stopped.push(c.id);
    }
    return;
  }
  const perf = campaignPerformance(db, c);
  if (!perf) {
    report.skipped.push({
      campaignId: c.id,
      reason: `decision ${c.decisionId} holds no forecast to compare with`,
    });
    return;
  }
  const k = perf.weeks.length;
  const actions: CampaignCheck["actions"] = [];
  let test: StopLossTest | null = null;
  if ((status === "live" || status === "paused") && c.endDate < today) {
    endCampaign(db, c.id, { by: AUTOPROMO_ACTOR, reason: `end date ${c.endDate} reached` }, clock);
    recordMonitoringEvent(db, {
      campaignId: c.id,
      kind: "ended",
      weeksObserved: k,
      detail: { endDate: c.endDate },
      at: now,
    });
    report.ended.push(c.id);
    actions.push("ended");
    status = "ended";
  } else if (status === "live") {
    const s = policy.policy.monitoring.stopLoss;
    test = stopLossTest(
      perf.weeks.map((w) => w.realisedIncrementalMargin),
      perf.forecastSdPerWeek,
      s,
    );
    recordMonitoringEvent(db, {
      campaignId: c.id,
      kind: "check",
      weeksObserved: k,
      detail: {
        ...perf.totals,
        stopLoss: {
          ...test,
          upperBound: Number.isFinite(test.upperBound) ? test.upperBound : null,
        },
      },
      at: now,
    });
    if (test.fires) {
      const reason = `stop-loss: ${test.reason} (policy ${policy.version.slice(0, 12)}); ${s.escalateTo.join(", ")} to resume or stop it`;
      pauseCampaign(db, c.id, { by: AUTOPROMO_ACTOR, reason }, clock);
      recordMonitoringEvent(db, {
        campaignId: c.id,
        kind: "stop_loss",
        weeksObserved: k,
        detail: { reason, escalateTo: s.escalateTo },
        at: now,
      });
      report.paused.push(c.id);
      report.escalations.push({ campaignId: c.id, roles: [...s.escalateTo], reason });
      actions.push("paused");
      status = "paused";
    }
  }
  // Closed campaigns settle once per number of weeks observed: late actuals re-settle, repeats do not.
  if ((status === "ended" || status === "stopped") && k > 0 && wentLive(db, c.id)) {
    if (
      recordMonitoringEvent(db, {
        campaignId: c.id,
        kind: "settled",
        weeksObserved: k,
        detail: { method: "baseline" },
        at: now,
      })
    ) {
      settleCampaign(db, c, perf, now);
      report.settled.push(c.id);
      actions.push("settled");
    }
  }
  report.checks.push({
    campaignId: c.id,
    status,
    mechanic: c.proposal.mechanic,
    market: perf.forecast.market,
    weeksObserved: k,
    weeksPlanned: perf.weeksPlanned,
    actualUnits: r2(perf.totals.actualUnits),
    forecastUnits: r2(perf.totals.forecastUnits),
    realisedIncrementalMargin: r2(perf.totals.realisedIncrementalMargin),
    forecastIncrementalMargin: r2(perf.totals.forecastIncrementalMargin),
    stopLoss: test,
    actions,
  });
}

/**
 * One monitoring pass, run as actuals arrive (after ingestion): for every campaign, realised
 * units and margin against the forecast its decision stored; the stop-loss pauses a live one
 * losing money with confidence and names who must decide; campaigns past their end date are
 * ended (or stopped, if they never went live); closed campaigns are settled into the accuracy
 * record. Each campaign's changes are one transaction; every step is recorded.
 * @example const report = monitorCampaigns(db, systemClock(), loadPolicy());
 */
export function monitorCampaigns(db: Db, clock: Clock, policy: LoadedPolicy): MonitorReport {
  const report: MonitorReport = {
    checkedAt: clock.now().toISOString(),
    checks: [],
    paused: [],
    ended: [],
    stopped: [],
    settled: [],
    escalations: [],
    skipped: [],
  };
  for (const c of listCampaignRecords(db, [...OPEN, "ended", "stopped"])) {
    writeTx(db, () => checkOne(db, getCampaign(db, c.id), clock, policy, report));
  }
  return report;
}

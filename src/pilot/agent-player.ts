import { createPromotionGraph, getDecision, runCycle, type RunContext } from "../graph/index.js";
import type { PromotionProposal } from "../domain/proposal.js";
import type { LoadedPolicy } from "../policies/index.js";
import type { Clock } from "../domain/index.js";
import { ingestDataset, type Db } from "../store/index.js";
import {
  referenceData,
  weekFeeds,
  type MarketWorld,
  type WeekOutcome,
  type WorldCampaign,
} from "../sim/market/index.js";
import { answerEscalation } from "./approver.js";
import { ingestFeeds } from "./feeds-ingest.js";
import { LiftRecalibration, type PromotionAgentDeps } from "../agents/promotion/index.js";
import { settledOutcomes } from "../monitoring/accuracy.js";
import {
  assignHoldout,
  DEFAULT_HOLDOUT_SCHEDULE,
  holdoutKey,
  rotatingHoldout,
  type CellMeasurement,
  type HoldoutSchedule,
} from "./holdout.js";
import { inScope } from "./tally.js";

/** A campaign the graph launched, as the world runs it, with what the agent predicted. */
export interface AgentCampaign extends WorldCampaign {
  decisionId: string;
  proposal: PromotionProposal;
  decidedWeek: number;
  /** The chosen scenario's 80 % interval of incremental margin (whole market). */
  forecastInterval: [number, number] | null;
}

/** How the pilot plays the agent: the approver, the policy's holdout and how it falls with evidence. */
export interface AgentPlayerOptions {
  approveUpTo: number;
  holdoutPct: number;
  minHoldout: number;
  seed: number;
  /** Default `DEFAULT_HOLDOUT_SCHEDULE`; `null` keeps the policy's share for every campaign. */
  holdoutSchedule?: HoldoutSchedule | null;
  /** Called with every plan the graph's promotion agent makes (diagnostics). */
  onPlan?: PromotionAgentDeps["onPlan"];
  /** The promotion agent's stock screen (default `"market"`). */
  stockScreen?: PromotionAgentDeps["stockScreen"];
}

/** Counts of one week's cycle. */
export interface CycleCounts {
  scopes: number;
  /** Runs for a category × market outside the pilot scope, and how many of them launched anything (must be 0). */
  outsideScope: number;
  outsideScopeLaunched: number;
  executed: number;
  escalated: number;
  approved: number;
  rejected: number;
  blocked: number;
  blockedOutsideScope: number;
  noAction: number;
  latenciesMs: number[];
}

/** Counts of a cycle where nothing has happened yet. */
export const emptyCounts = (): CycleCounts => ({
  scopes: 0,
  outsideScope: 0,
  outsideScopeLaunched: 0,
  executed: 0,
  escalated: 0,
  approved: 0,
  rejected: 0,
  blocked: 0,
  blockedOutsideScope: 0,
  noAction: 0,
  latenciesMs: [],
});

/** A clock the pilot moves: the evening of the simulated week's last day. */
export class SimClock implements Clock {
  private at = new Date(0);
  set(iso: string): void {
    this.at = new Date(iso);
  }
  now(): Date {
    return new Date(this.at);
  }
}

/**
 * The complete promotion graph playing the simulated world: observed feeds in, one cycle over every
 * scope, escalations answered by the approver policy, launched campaigns read back from the store.
 */
export class AgentPlayer {
  readonly clock = new SimClock();
  readonly ctx: RunContext;
  readonly campaigns: AgentCampaign[] = [];

  constructor(
    readonly db: Db,
    private readonly world: MarketWorld,
    private readonly policy: LoadedPolicy,
    private readonly opts: AgentPlayerOptions,
  ) {
    this.ctx = {
      db,
      clock: this.clock,
      graph: createPromotionGraph({
        db,
        clock: this.clock,
        policy,
        lightRunContext: true,
        ...(opts.onPlan ? { onPlan: opts.onPlan } : {}),
        ...(opts.stockScreen ? { stockScreen: opts.stockScreen } : {}),
      }),
    };
  }

  private evening(weekEnd: string): string {
    return `${weekEnd}T20:00:00Z`;
  }

  /** Loads reference data and the history's feeds. */
  async loadHistory(history: readonly WeekOutcome[]): Promise<void> {
    this.clock.set(this.evening(history[0]?.weekEnd ?? this.world.weekEnd(0)));
    await ingestDataset(
      this.db,
      { ...referenceData(this.world), feeds: {} },
      { origin: "pilot-reference", now: () => this.clock.now() },
    );
    for (const o of history) await this.observe(o);
  }

  /** Ingests week `o`'s feeds on the evening of its last day, without planning. */
  async observe(o: WeekOutcome): Promise<void> {
    this.clock.set(this.evening(o.weekEnd));
    await ingestFeeds(this.db, weekFeeds(o), `pilot-w${o.week}`, this.clock);
  }

  /** Ingests week `o` and runs one cycle; returns what happened (new campaigns are appended to `campaigns`). */
  async week(o: WeekOutcome): Promise<CycleCounts> {
    await this.observe(o);
    const counts = emptyCounts();
    let last = performance.now();
    const results = await runCycle(this.ctx, {}, (done) => {
      const t = performance.now();
      if (done > 0) counts.latenciesMs.push(t - last);
      last = t;
    });
    counts.scopes = results.length;
    for (let r of results) {
      if (r.interrupted) {
        counts.escalated++;
        const a = await answerEscalation(this.ctx, r.decisionId, this.opts.approveUpTo);
        if (a.decision === "approve") counts.approved++;
        else counts.rejected++;
        r = a.final;
      }
      if (r.status === "blocked") {
        counts.blocked++;
        const rules = this.blockingRules(r.decisionId);
        if (rules.some((id) => id.startsWith("pilot."))) counts.blockedOutsideScope++;
      } else if (r.status === "no_action") counts.noAction++;
      const d = getDecision(this.db, r.decisionId);
      if (!inScope(this.policy.policy.pilot, d.scope.market ?? "", d.scope.category ?? "")) {
        counts.outsideScope++;
        if (r.status === "executed") counts.outsideScopeLaunched++;
      }
    }
    counts.executed = this.readNewCampaigns(o.week);
    return counts;
  }

  private blockingRules(decisionId: string): string[] {
    return (getDecision(this.db, decisionId).policy?.rules ?? [])
      .filter((x) => x.outcome === "block")
      .map((x) => x.id);
  }

  /** Campaigns written since the last look, turned into world campaigns with a random holdout. */
  private readNewCampaigns(week: number): number {
    const known = new Set(this.campaigns.map((c) => c.id));
    const rows = this.db
      .prepare(
        "SELECT id, decision_id AS decisionId, proposal FROM campaigns ORDER BY created_at, id",
      )
      .all() as { id: string; decisionId: string; proposal: string }[];
    let n = 0;
    const cells = this.cellMeasurements();
    for (const row of rows) {
      if (known.has(row.id)) continue;
      const p = JSON.parse(row.proposal) as PromotionProposal;
      const sku = p.scope.skus[0]!;
      const market = p.scope.markets[0]!;
      const chosen = this.chosenInterval(row.decisionId);
      const predicted = p.predicted;
      const cellKey = `${p.scope.category}|${p.mechanic}`;
      const cell = cells.get(cellKey) ?? { measured: 0, sinceMeasured: 0 };
      const holdout = assignHoldout(
        this.world.stores(market),
        holdoutKey({ market, sku, startDate: p.startDate }),
        { ...this.holdoutOf(cell), seed: this.opts.seed },
      );
      // The next campaign of the cell (the other market's, this same week) sees this one.
      cells.set(
        cellKey,
        holdout.length > 0
          ? { measured: cell.measured + 1, sinceMeasured: 0 }
          : { measured: cell.measured, sinceMeasured: cell.sinceMeasured + 1 },
      );
      this.campaigns.push({
        id: row.id,
        decisionId: row.decisionId,
        proposal: p,
        decidedWeek: week,
        market,
        sku,
        category: p.scope.category,
        mechanic: p.mechanic,
        depth: (p.discountPct ?? 0) / 100,
        startWeek: this.world.weekStartingOn(p.startDate),
        weeks: p.weeks,
        holdout,
        plannedLift:
          predicted && predicted.baselineUnits > 0
            ? predicted.totalUnits / predicted.baselineUnits
            : 1,
        forecastInterval: chosen,
      });
      n++;
    }
    return n;
  }

  /**
   * Per category and mechanic: campaigns measured against control stores since the latest break
   * recalibration found (settled in the agent's own accuracy record, or launched with control
   * stores and still running: after a change the market must be measured afresh), and the
   * campaigns launched without control stores since the last measured one.
   */
  private cellMeasurements(): Map<string, CellMeasurement> {
    const out = new Map<string, CellMeasurement>();
    const cell = (k: string) => {
      let c = out.get(k);
      if (!c) out.set(k, (c = { measured: 0, sinceMeasured: 0 }));
      return c;
    };
    const record = settledOutcomes(this.db);
    const since = new LiftRecalibration(record).breakAt ?? -Infinity;
    const settled = new Set<string>();
    for (const o of record) {
      if (o.method !== "holdout") continue;
      settled.add(o.campaignId);
      if (Date.parse(o.settledAt) >= since) cell(`${o.category}|${o.promotionType}`).measured++;
    }
    for (const c of this.campaigns) {
      const x = cell(`${c.category}|${c.mechanic}`);
      if (c.holdout.length === 0) x.sinceMeasured++;
      else {
        x.sinceMeasured = 0;
        if (!settled.has(c.id)) x.measured++;
      }
    }
    return out;
  }

  private holdoutOf(cell: CellMeasurement): { holdoutPct: number; minHoldout: number } {
    const policy = { holdoutPct: this.opts.holdoutPct, minHoldout: this.opts.minHoldout };
    const s =
      this.opts.holdoutSchedule === undefined
        ? DEFAULT_HOLDOUT_SCHEDULE
        : this.opts.holdoutSchedule;
    return s ? rotatingHoldout(cell, policy, s) : policy;
  }

  private chosenInterval(decisionId: string): [number, number] | null {
    return getDecision(this.db, decisionId).chosen?.prediction.interval80.incrementalMargin ?? null;
  }
}

import { getDecision } from "../graph/index.js";
import type { DecisionRecord } from "../domain/decision.js";
import type { WorldCampaign } from "../sim/market/index.js";
import { ETO_FORECASTS } from "./baselines/estimate-optimise.js";
import { addDays } from "../domain/dates.js";
import type { AgentVerdict, PlanLog } from "./gap-screens.js";
import type { SeedInspection } from "./run.js";

/** One campaign as the gap report shows it: what ran, what it was forecast, what it truly made. */
export interface GapLaunch {
  sku: string;
  mechanic: string;
  depthPct: number;
  weeks: number;
  startWeek: number;
  /** Whole-market forecast incremental margin. */
  forecast: number;
  /** True incremental margin in the stores that ran it (the world's accruals). */
  truth: number;
  /** Share of the market's stores held out. */
  holdoutShare: number;
}

/** One scope (market × category) and decision week: what the agent and the baseline each did. */
export interface GapRow {
  week: number;
  market: string;
  category: string;
  agent: GapLaunch | null;
  baseline: GapLaunch | null;
  /** Why the agent launched nothing, or `launched`. */
  agentWhy: string;
  /** baseline truth − agent truth (the agent's holdout cost counted apart, see `holdoutCost`). */
  gap: number;
  /** What the agent's control stores gave up: truth × held-out ÷ treated stores. */
  holdoutCost: number;
  /** For a baseline pick the agent did not make: what the agent's plan made of the same scenario. */
  agentVerdict?: AgentVerdict;
}

/** The gap of one seed: rows and the margin per cause. */
export interface GapReport {
  rows: GapRow[];
  /** Cause → scope-weeks and Σ gap; `holdout stores` is the agent's control stores' share. */
  causes: Record<string, { n: number; margin: number }>;
  /** Baseline picks the agent did not make, by the agent's screen of the same scenario: Σ their truth. */
  screens: Record<string, { n: number; margin: number }>;
  agentTruth: number;
  baselineTruth: number;
}

const launchOf = (
  c: WorldCampaign,
  stores: number,
  forecast: number,
  truth: number,
): GapLaunch => ({
  sku: c.sku,
  mechanic: c.mechanic,
  depthPct: Math.round(c.depth * 100),
  weeks: c.weeks,
  startWeek: c.startWeek,
  forecast,
  truth,
  holdoutShare: c.holdout.length / stores,
});

/** Why a decision launched nothing, in a few words a cause can be grouped by. */
export function whyNoLaunch(d: DecisionRecord | undefined): string {
  if (!d) return "no decision";
  if (d.status === "executed") return "launched";
  if (d.status === "rejected") return `escalation rejected: ${ruleIds(d, "escalate")}`;
  if (d.status === "blocked") return `blocked: ${ruleIds(d, "block")}`;
  const promos = d.scenarios
    .filter((x) => x.scenario.mechanic !== "none" && x.prediction.incrementalMargin > 0)
    .sort((a, b) => b.prediction.incrementalMargin - a.prediction.incrementalMargin);
  if (promos.length === 0) return "forecast ≤ 0";
  // A candidate stopped only by the P(margin > 0) floor is the floor's, whatever ranks above it.
  const floor = (c: string) => c.startsWith("P(incremental margin");
  if (promos.some((x) => x.constraints.length > 0 && x.constraints.every(floor))) return "P floor";
  const c = promos[0]!.constraints[0] ?? "chosen none";
  return c.replace(/[\d.,]+/g, "#").slice(0, 60);
}

function ruleIds(d: DecisionRecord, outcome: string): string {
  const ids = (d.policy?.rules ?? []).filter((r) => r.outcome === outcome).map((r) => r.id);
  return [...new Set(ids)].sort().join(", ") || "?";
}

/**
 * Lines up, per scope and decision week, the agent's launches against baseline `name`'s; with
 * the pilot's `plans`, each baseline pick the agent did not make gets its verdict in the agent's plan.
 */
export function seedGap(view: SeedInspection, name: string, plans?: PlanLog): GapReport {
  const b = view.baselines.find((x) => x.name === name);
  if (!b) throw new Error(`baseline ${name} was not played`);
  const { world } = view;
  const weekOf = new Map<string, number>();
  for (let w = 0; w < view.pilotStart + 200; w++) weekOf.set(world.weekEnd(w), w);
  const decisions = new Map<string, DecisionRecord>();
  const rows = view.db
    .prepare("SELECT id, market, category, created_at AS at FROM decisions")
    .all() as { id: string; market: string; category: string; at: string }[];
  for (const r of rows) {
    const w = weekOf.get(r.at.slice(0, 10));
    if (w !== undefined)
      decisions.set(`${r.market}|${r.category}|${w}`, getDecision(view.db, r.id));
  }
  const stores = (m: string) => world.stores(m).length;
  const cells = new Map<string, GapRow>();
  const row = (market: string, category: string, week: number): GapRow => {
    const k = `${market}|${category}|${week}`;
    let r = cells.get(k);
    if (!r) {
      const why = whyNoLaunch(decisions.get(k));
      r = {
        week,
        market,
        category,
        agent: null,
        baseline: null,
        agentWhy: why,
        gap: 0,
        holdoutCost: 0,
      };
      cells.set(k, r);
    }
    return r;
  };
  for (const c of view.agent.campaigns) {
    const truth = view.agent.tally.truthOf(c.id).incrementalMargin;
    const forecast = c.proposal.predicted?.incrementalMargin ?? 0;
    const r = row(c.market, c.category, c.decidedWeek);
    r.agent = launchOf(c, stores(c.market), forecast, truth);
    r.agentWhy = "launched";
    const treated = stores(c.market) - c.holdout.length;
    r.holdoutCost = treated > 0 ? (truth * c.holdout.length) / treated : 0;
  }
  const etoForecast = (b.memo.get(ETO_FORECASTS) as Map<string, number> | undefined) ?? new Map();
  for (const c of b.campaigns) {
    if (c.startWeek < view.pilotStart) continue;
    const truth = b.tally.truthOf(c.id).incrementalMargin;
    const r = row(c.market, c.category, c.startWeek - 1);
    r.baseline = launchOf(c, stores(c.market), etoForecast.get(c.id) ?? NaN, truth);
  }
  const screens: GapReport["screens"] = {};
  for (const r of cells.values()) {
    const b = r.baseline;
    if (!b || !plans || (r.agent && samePick(r.agent, b) && r.agent.weeks === b.weeks)) continue;
    const v = plans.verdict(r.category, world.weekEnd(r.week), {
      market: r.market,
      sku: b.sku,
      mechanic: b.mechanic,
      depthPct: b.depthPct,
      weeks: b.weeks,
      startDate: addDays(world.weekEnd(b.startWeek - 1), 1),
    });
    if (!v) continue;
    r.agentVerdict = v;
    const x = (screens[v.screen] ??= { n: 0, margin: 0 });
    x.n++;
    x.margin += b.truth;
  }
  const causes: GapReport["causes"] = {};
  const add = (k: string, m: number) => {
    const x = (causes[k] ??= { n: 0, margin: 0 });
    x.n++;
    x.margin += m;
  };
  let agentTruth = 0;
  let baselineTruth = 0;
  const out = [...cells.values()].sort(
    (a, b) =>
      a.week - b.week || a.market.localeCompare(b.market) || a.category.localeCompare(b.category),
  );
  for (const r of out) {
    const a = r.agent?.truth ?? 0;
    const e = r.baseline?.truth ?? 0;
    agentTruth += a;
    baselineTruth += e;
    // The agent's would-be margin in every store: its control stores' loss is a cause of its own.
    r.gap = e - a - r.holdoutCost;
    if (r.holdoutCost !== 0) add("holdout stores", r.holdoutCost);
    add(causeOf(r), r.gap);
  }
  return { rows: out, causes, screens, agentTruth, baselineTruth };
}

/** The cause a scope-week's gap is booked to. */
function causeOf(r: GapRow): string {
  if (r.agent && r.baseline) {
    const same = samePick(r.agent, r.baseline);
    return same ? "both: same SKU+mechanic+depth" : "both: different pick";
  }
  if (r.agent) return r.agent.truth < 0 ? "agent only: lost" : "agent only: made money";
  if (r.baseline) return `baseline only, agent: ${r.agentWhy}`;
  return "neither";
}

const samePick = (a: GapLaunch, b: GapLaunch) =>
  a.sku === b.sku && a.mechanic === b.mechanic && a.depthPct === b.depthPct;

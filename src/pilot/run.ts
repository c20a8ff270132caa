import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicy, validatePolicy, type LoadedPolicy } from "../policies/index.js";
import { openDb, type Db } from "../store/index.js";
import { DEFAULT_WORLD_SPEC, drawTruth, historicalCalendar, MarketWorld, repeatLastYear, shippedCalibration, type WeekOutcome, type WorldCampaign } from "../sim/market/index.js";
import { AgentPlayer, type CycleCounts } from "./agent-player.js";
import { PilotError } from "./errors.js";
import { oracleDecide } from "./oracle.js";
import { DEFAULT_PILOT_SCOPE, pilotOptionsSchema, type PilotOptions, type PilotScope } from "./options.js";
import { settleDue, type SettledCampaign } from "./settle.js";
import { inScope, Tally, type StrategyResult } from "./tally.js";

export const STRATEGIES = ["agent", "none", "calendar", "oracle"] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** One seed of the pilot: every strategy on the same world, and the agent's governance and causal record. */
export interface SeedResult {
  seed: number;
  strategies: Record<Strategy, StrategyResult>;
  governance: Omit<CycleCounts, "latenciesMs"> & { approvalsNeeded: number; policyViolations: number; guardrailStockOuts: number; supplyShortStockOuts: number; campaignStockOuts: number };
  latencyMs: { p50: number; p95: number; max: number };
  settled: SettledCampaign[];
  /** Per pilot week: mean |forecast − actual| / actual of promoted units of campaigns settled that week. */
  learning: { week: number; ape: number }[];
  seconds: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
};

/** The pilot's policy: the given (or shipped) file with its pilot section replaced by `scope` when one is given. */
export function pilotPolicy(path: string | undefined, scope: PilotScope | undefined): LoadedPolicy {
  const base = loadPolicy(path);
  return scope ? validatePolicy({ ...base.policy, pilot: { ...base.policy.pilot, ...scope } }, `${base.source} + pilot scope`) : base;
}

/**
 * Runs the pilot for one seed: history under the old calendar, then `weeks` of the complete graph
 * against no promotions, last year's calendar and an oracle, each on its own copy of the same world.
 */
export async function runPilotSeed(seed: number, input: PilotOptions & { onWeek?: (seed: number, week: number, of: number) => void } = {}): Promise<SeedResult> {
  const { onWeek, ...options } = input;
  const o = pilotOptionsSchema.parse({ ...options, seeds: [seed] });
  const t0 = performance.now();
  const loaded = pilotPolicy(o.policyPath, o.scope ?? (o.policyPath ? undefined : DEFAULT_PILOT_SCOPE));
  const scope: PilotScope = loaded.policy.pilot;
  const spec = DEFAULT_WORLD_SPEC;
  const base = new MarketWorld(spec, drawTruth(seed, spec, shippedCalibration()));
  const H = spec.historyWeeks;
  const calendar = historicalCalendar(base, seed, 0, H);
  const history: WeekOutcome[] = [];
  for (let w = 0; w < H; w++) history.push(base.step(w, calendar));
  // A planted situation: one in-scope SKU per market starts the pilot with weeks of excess stock.
  for (const m of spec.markets) {
    const cats = spec.categories.filter((c) => inScope(scope, m.id, c.name));
    const cat = cats[seed % Math.max(1, cats.length)];
    if (cat) base.plantExcess(m.id, cat.skus[(seed + m.id.length) % cat.skus.length]!.sku, 8);
  }
  const excess0 = base.excessUnits();

  const dir = o.workDir ?? mkdtempSync(join(tmpdir(), "autopromo-pilot-"));
  mkdirSync(dir, { recursive: true });
  const db = openDb(join(dir, `pilot-seed-${seed}.db`));
  try {
    const { measurement } = loaded.policy;
    const agent = new AgentPlayer(db, base, loaded, { approveUpTo: o.approveUpTo, holdoutPct: measurement.holdoutStoresPct, minHoldout: measurement.minHoldoutStores, seed });
    await agent.loadHistory(history);
    const worlds = Object.fromEntries(STRATEGIES.map((s) => [s, base.clone()])) as Record<Strategy, MarketWorld>;
    const own: Record<Strategy, WorldCampaign[]> = { agent: [], none: [], calendar: repeatLastYear(calendar, H, H + o.weeks), oracle: [] };
    const tallies = Object.fromEntries(STRATEGIES.map((s) => [s, new Tally(scope, (sku) => base.categoryOf(sku), (sku) => base.truth.skus[sku]!.unitCost)])) as Record<Strategy, Tally>;
    const counts: CycleCounts = { scopes: 0, outsideScope: 0, outsideScopeLaunched: 0, executed: 0, escalated: 0, approved: 0, rejected: 0, blocked: 0, blockedOutsideScope: 0, noAction: 0, latenciesMs: [] };
    const settled: SettledCampaign[] = [];
    for (let p = 0; p < o.weeks; p++) {
      const w = H + p;
      for (const s of STRATEGIES) {
        const campaigns = [...calendar, ...(s === "agent" ? agent.campaigns : own[s])];
        const out = worlds[s].step(w, campaigns);
        tallies[s].add(out, campaigns);
        if (s === "agent") {
          settled.push(...settleDue(db, worlds.agent, w, agent.campaigns, campaigns, tallies.agent, agent.clock.now().toISOString(), loaded.policy.supply.safetyMarginPct));
          // The last week's decisions could never run inside the pilot: no cycle after it.
          if (p < o.weeks - 1) {
            const c = await agent.week(out);
            for (const k of Object.keys(counts) as (keyof CycleCounts)[]) {
              if (k === "latenciesMs") counts.latenciesMs.push(...c.latenciesMs);
              else counts[k] += c[k];
            }
          }
        }
        if (s === "oracle" && p < o.weeks - 1) own.oracle.push(...oracleDecide(worlds.oracle, w, [...calendar, ...own.oracle], scope, loaded.policy));
      }
      onWeek?.(seed, p + 1, o.weeks);
    }
    const cleared = (s: Strategy) => {
      const e1 = worlds[s].excessUnits();
      return Object.entries(excess0).reduce((n, [k, v]) => {
        const [market, sku] = k.split("|") as [string, string];
        return inScope(scope, market, base.categoryOf(sku)) ? n + v - (e1[k] ?? 0) : n;
      }, 0);
    };
    const ids = (s: Strategy) => new Set((s === "agent" ? agent.campaigns : s === "calendar" ? own.calendar : own[s]).map((c) => c.id));
    const strategies = Object.fromEntries(STRATEGIES.map((s) => [s, tallies[s].result(ids(s), cleared(s))])) as Record<Strategy, StrategyResult>;
    const violations = agent.campaigns.filter((c) => !inScope(scope, c.market, c.category) || (scope.mechanics && !scope.mechanics.includes(c.mechanic))).length + countUnapproved(db);
    const byWeek = new Map<number, number[]>();
    for (const s of settled) if (s.actualUnits > 0) byWeek.set(s.startWeek - H, [...(byWeek.get(s.startWeek - H) ?? []), Math.abs(s.forecastUnits - s.actualUnits) / s.actualUnits]);
    const { latenciesMs, ...rest } = counts;
    return {
      seed, strategies,
      governance: { ...rest, approvalsNeeded: counts.escalated, policyViolations: violations, guardrailStockOuts: settled.filter((s) => s.guardrailStockOut).length, supplyShortStockOuts: settled.filter((s) => s.supplyShort).length, campaignStockOuts: settled.filter((s) => s.stockOut).length },
      latencyMs: { p50: quantile(latenciesMs, 0.5), p95: quantile(latenciesMs, 0.95), max: Math.max(0, ...latenciesMs) },
      settled,
      learning: [...byWeek.entries()].sort((a, b) => a[0] - b[0]).map(([week, xs]) => ({ week, ape: xs.reduce((a, b) => a + b, 0) / xs.length })),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    db.close();
    if (!o.workDir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Executed campaigns whose decision was not allowed, or escalated without every approval: must be 0. */
function countUnapproved(db: Db): number {
  const rows = db.prepare("SELECT c.id, d.verdict, c.approval_request_id AS req FROM campaigns c JOIN decisions d ON d.id = c.decision_id").all() as { id: string; verdict: string | null; req: string | null }[];
  let bad = 0;
  for (const r of rows) {
    if (r.verdict === "allow") continue;
    if (r.verdict === "escalate" && r.req) {
      const st = db.prepare("SELECT status FROM approval_requests WHERE id = ?").get(r.req) as { status: string } | undefined;
      if (st?.status === "approved") continue;
    }
    bad++;
  }
  return bad;
}

export { PilotError };

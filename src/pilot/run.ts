import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicy, validatePolicy, type LoadedPolicy } from "../policies/index.js";
import { openDb, type Db } from "../store/index.js";
import {
  baseWorld,
  DEFAULT_WORLD_SPEC,
  drawWorld,
  historicalCalendar,
  MarketWorld,
  shippedCalibration,
  type WeekOutcome,
  type WorldCampaign,
  type WorldDefinition,
} from "../sim/market/index.js";
import {
  AgentPlayer,
  emptyCounts,
  type AgentCampaign,
  type AgentPlayerOptions,
  type CycleCounts,
} from "./agent-player.js";
import { BaselinePlayer } from "./baseline-player.js";
import { baselinesByName } from "./baselines/index.js";
import { PilotError } from "./errors.js";
import {
  DEFAULT_PILOT_SCOPE,
  pilotOptionsSchema,
  type PilotOptions,
  type PilotScope,
} from "./options.js";
import { settleDue, type SettledCampaign } from "./settle.js";
import { inScope, Tally, type StrategyResult } from "./tally.js";

/** The strategies of the classic report (the agent and the default baselines). */
export const STRATEGIES = ["agent", "none", "calendar", "oracle"] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** One seed of the pilot: every strategy on the same world, and the agent's governance and causal record. */
export interface SeedResult {
  seed: number;
  /** The world played (registry name or the module's name). */
  world: string;
  /** Every strategy played, by report key: `agent` (unless switched off) and each baseline. */
  strategies: Record<string, StrategyResult>;
  governance: Omit<CycleCounts, "latenciesMs"> & {
    approvalsNeeded: number;
    policyViolations: number;
    guardrailStockOuts: number;
    supplyShortStockOuts: number;
    campaignStockOuts: number;
  };
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
  return scope
    ? validatePolicy(
        { ...base.policy, pilot: { ...base.policy.pilot, ...scope } },
        `${base.source} + pilot scope`,
      )
    : base;
}

/** What `runPilotSeed` takes besides the options: progress and the world to play. */
export interface SeedInput {
  onWeek?: (seed: number, week: number, of: number) => void;
  /** The world (default `base`); any `defineWorld` module. */
  world?: WorldDefinition;
  /** Called once before the seed's database closes: what each strategy launched (diagnostics). */
  inspect?: (view: SeedInspection) => void;
  /** Called with every plan of the agent's promotion node (diagnostics: see gap.ts). */
  onPlan?: AgentPlayerOptions["onPlan"];
  /** The agent's stock screen (default `"market"`; docs/pilot.md, round 7). */
  stockScreen?: AgentPlayerOptions["stockScreen"];
}

/** Every strategy's campaigns and tally of one seed, and the agent's store, for diagnostics. */
export interface SeedInspection {
  db: Db;
  world: MarketWorld;
  pilotStart: number;
  agent: { campaigns: readonly AgentCampaign[]; tally: Tally };
  baselines: {
    name: string;
    campaigns: readonly WorldCampaign[];
    tally: Tally;
    memo: ReadonlyMap<string, unknown>;
  }[];
}

/**
 * Runs the pilot for one seed: history under the BTF calendar, then `weeks` of the complete graph
 * against each baseline, each on its own copy of the same world (same truth, same luck).
 */
export async function runPilotSeed(
  seed: number,
  input: PilotOptions & SeedInput = {},
): Promise<SeedResult> {
  const { onWeek, inspect, onPlan, stockScreen, world: def = baseWorld, ...options } = input;
  const o = pilotOptionsSchema.parse({ ...options, seeds: [seed] });
  const t0 = performance.now();
  const loaded = pilotPolicy(
    o.policyPath,
    o.scope ?? (o.policyPath ? undefined : DEFAULT_PILOT_SCOPE),
  );
  const scope: PilotScope = loaded.policy.pilot;
  const spec = DEFAULT_WORLD_SPEC;
  const { truth, model } = drawWorld(def, seed, spec, shippedCalibration());
  const base = new MarketWorld(spec, truth, model);
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
  const setting = {
    seed,
    pilotStart: H,
    pilotEnd: H + o.weeks,
    history: calendar,
    historyOutcomes: history,
    scope,
    policy: loaded.policy,
    approveUpTo: o.approveUpTo,
  };
  const players = baselinesByName(o.baselines).map(
    (b) => new BaselinePlayer(b, base.clone(), setting),
  );
  for (const p of players) await p.start();
  const tally = () =>
    new Tally(
      scope,
      (sku) => base.categoryOf(sku),
      (sku) => base.truth.skus[sku]!.unitCost,
    );
  const tallies = new Map(players.map((p) => [p.baseline.name, tally()]));
  const agentTally = tally();
  const agentWorld = base.clone();

  const dir = o.workDir ?? mkdtempSync(join(tmpdir(), "autopromo-pilot-"));
  mkdirSync(dir, { recursive: true });
  // One file per world × seed: several worlds (or worker processes) may share a --keep folder.
  const file = def === baseWorld ? `pilot-seed-${seed}.db` : `pilot-${def.name}-seed-${seed}.db`;
  const db = openDb(join(dir, file));
  try {
    const { measurement } = loaded.policy;
    const agent = new AgentPlayer(db, agentWorld, loaded, {
      approveUpTo: o.approveUpTo,
      holdoutPct: measurement.holdoutStoresPct,
      minHoldout: measurement.minHoldoutStores,
      seed,
      ...(onPlan ? { onPlan } : {}),
      ...(stockScreen ? { stockScreen } : {}),
    });
    if (o.agent) await agent.loadHistory(history);
    const counts = emptyCounts();
    const settled: SettledCampaign[] = [];
    for (let p = 0; p < o.weeks; p++) {
      const w = H + p;
      const last = p === o.weeks - 1;
      if (o.agent) {
        const campaigns = [...calendar, ...agent.campaigns];
        const out = agentWorld.step(w, campaigns);
        agentTally.add(out, campaigns);
        settled.push(
          ...settleDue(
            db,
            agentWorld,
            w,
            agent.campaigns,
            campaigns,
            agentTally,
            agent.clock.now().toISOString(),
            loaded.policy.supply.safetyMarginPct,
          ),
        );
        // The last week's decisions could never run inside the pilot: no cycle after it.
        if (!last) addCounts(counts, await agent.week(out));
      }
      for (const pl of players) {
        const r = pl.play(w, last);
        tallies.get(pl.baseline.name)!.add(r.outcome, r.campaigns);
      }
      onWeek?.(seed, p + 1, o.weeks);
    }
    const cleared = (world: MarketWorld) => {
      const e1 = world.excessUnits();
      return Object.entries(excess0).reduce((n, [k, v]) => {
        const [market, sku] = k.split("|") as [string, string];
        return inScope(scope, market, base.categoryOf(sku)) ? n + v - (e1[k] ?? 0) : n;
      }, 0);
    };
    const strategies: Record<string, StrategyResult> = {};
    if (o.agent)
      strategies.agent = agentTally.result(
        new Set(agent.campaigns.map((c) => c.id)),
        cleared(agentWorld),
      );
    for (const pl of players)
      strategies[pl.baseline.name] = tallies
        .get(pl.baseline.name)!
        .result(new Set(pl.campaigns.map((c) => c.id)), cleared(pl.world));
    const violations =
      agent.campaigns.filter(
        (c) =>
          !inScope(scope, c.market, c.category) ||
          (scope.mechanics && !scope.mechanics.includes(c.mechanic)),
      ).length + countUnapproved(db);
    const byWeek = new Map<number, number[]>();
    for (const s of settled)
      if (s.actualUnits > 0)
        byWeek.set(s.startWeek - H, [
          ...(byWeek.get(s.startWeek - H) ?? []),
          Math.abs(s.forecastUnits - s.actualUnits) / s.actualUnits,
        ]);
    inspect?.({
      db,
      world: agentWorld,
      pilotStart: H,
      agent: { campaigns: agent.campaigns, tally: agentTally },
      baselines: players.map((pl) => ({
        name: pl.baseline.name,
        campaigns: pl.campaigns,
        tally: tallies.get(pl.baseline.name)!,
        memo: pl.memo,
      })),
    });
    const { latenciesMs, ...rest } = counts;
    return {
      seed,
      world: def.name,
      strategies,
      governance: {
        ...rest,
        approvalsNeeded: counts.escalated,
        policyViolations: violations,
        guardrailStockOuts: settled.filter((s) => s.guardrailStockOut).length,
        supplyShortStockOuts: settled.filter((s) => s.supplyShort).length,
        campaignStockOuts: settled.filter((s) => s.stockOut).length,
      },
      latencyMs: {
        p50: quantile(latenciesMs, 0.5),
        p95: quantile(latenciesMs, 0.95),
        max: Math.max(0, ...latenciesMs),
      },
      settled,
      learning: [...byWeek.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([week, xs]) => ({ week, ape: xs.reduce((a, b) => a + b, 0) / xs.length })),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    db.close();
    if (!o.workDir) rmSync(dir, { recursive: true, force: true });
  }
}

function addCounts(into: CycleCounts, c: CycleCounts): void {
  for (const k of Object.keys(into) as (keyof CycleCounts)[]) {
    if (k === "latenciesMs") into.latenciesMs.push(...c.latenciesMs);
    else into[k] += c[k];
  }
}

/** Executed campaigns whose decision was not allowed, or escalated without every approval: must be 0. */
function countUnapproved(db: Db): number {
  const rows = db
    .prepare(
      "SELECT c.id, d.verdict, c.approval_request_id AS req FROM campaigns c JOIN decisions d ON d.id = c.decision_id",
    )
    .all() as { id: string; verdict: string | null; req: string | null }[];
  let bad = 0;
  for (const r of rows) {
    if (r.verdict === "allow") continue;
    if (r.verdict === "escalate" && r.req) {
      const st = db.prepare("SELECT status FROM approval_requests WHERE id = ?").get(r.req) as
        { status: string } | undefined;
      if (st?.status === "approved") continue;
    }
    bad++;
  }
  return bad;
}

export { PilotError };

import { PilotError } from "./errors.js";
import type { SeedResult, Strategy } from "./run.js";
import type { StrategyResult } from "./tally.js";
import { STRATEGIES } from "./run.js";

/** The pilot over every seed: headline figures against the targets, and every seed's detail. */
export interface PilotReport {
  weeks: number;
  seeds: number[];
  /** Mean over seeds of (agent − fixed calendar) ÷ fixed calendar contribution margin in the pilot scope, %. */
  marginVsCalendarPct: number;
  /** Σ(agent − no promotion) ÷ Σ(oracle − no promotion), in the pilot scope. */
  oracleGainShare: number;
  /** Agent minus each baseline, in-scope contribution margin summed over seeds. */
  incrementalMargin: Record<Exclude<Strategy, "agent">, number>;
  totals: Record<
    Strategy,
    {
      marginInScope: number;
      marginAll: number;
      campaigns: number;
      liftPct: number;
      roi: number;
      promoIncrementalMargin: number;
      cannibalisedUnits: number;
      pulledForwardUnits: number;
      stockOuts: number;
      stockOutsPromoted: number;
      cells: number;
      promotedCells: number;
      excessCleared: number;
    }
  >;
  governance: {
    escalations: number;
    approved: number;
    rejected: number;
    blocks: number;
    outsideScopeRuns: number;
    outsideScopeLaunched: number;
    policyViolations: number;
    guardrailStockOuts: number;
    supplyShortStockOuts: number;
    campaignStockOuts: number;
  };
  /** Agreement is over the measured settlements (a counterfactual could be built); `unmeasured` counts the rest. */
  holdout: { settled: number; unmeasured: number; truthInside: number; agreement: number };
  learningCurve: { week: number; ape: number; n: number }[];
  latencyMs: { p50: number; p95: number };
  perSeed: SeedResult[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A strategy's result in one seed; the classic report needs the agent and the default baselines. */
export function strategyOf(seed: SeedResult, s: string): StrategyResult {
  const r = seed.strategies[s];
  if (!r)
    throw new PilotError(
      "INVALID_INPUT",
      `seed ${seed.seed}: no results for strategy "${s}" (played: ${Object.keys(seed.strategies).join(", ")})`,
    );
  return r;
}

/** Aggregates the seeds' results. */
export function buildReport(weeks: number, seeds: SeedResult[]): PilotReport {
  const totals = Object.fromEntries(
    STRATEGIES.map((s) => {
      const r = seeds.map((x) => strategyOf(x, s));
      const base = sum(r.map((x) => x.baselineUnits));
      const spend = sum(r.map((x) => x.spend));
      const pim = sum(r.map((x) => x.promoIncrementalMargin));
      return [
        s,
        {
          marginInScope: sum(r.map((x) => x.marginInScope)),
          marginAll: sum(r.map((x) => x.marginAll)),
          campaigns: sum(r.map((x) => x.campaigns)),
          liftPct: base > 0 ? (100 * sum(r.map((x) => x.incrementalUnits))) / base : 0,
          roi: spend > 0 ? pim / spend : 0,
          promoIncrementalMargin: pim,
          cannibalisedUnits: sum(r.map((x) => x.cannibalisedUnits)),
          pulledForwardUnits: sum(r.map((x) => x.pulledForwardUnits)),
          stockOuts: sum(r.map((x) => x.stockOuts)),
          stockOutsPromoted: sum(r.map((x) => x.stockOutsPromoted)),
          cells: sum(r.map((x) => x.cells)),
          promotedCells: sum(r.map((x) => x.promotedCells)),
          excessCleared: sum(r.map((x) => x.excessCleared)),
        },
      ];
    }),
  ) as PilotReport["totals"];
  const settled = seeds.flatMap((x) => x.settled);
  const measured = settled.filter((x) => x.measured);
  const inside = measured.filter((x) => x.truthInsideInterval).length;
  const curve = new Map<number, number[]>();
  for (const s of seeds)
    for (const p of s.learning) curve.set(p.week, [...(curve.get(p.week) ?? []), p.ape]);
  const lat = seeds.map((s) => s.latencyMs);
  const g = seeds.map((s) => s.governance);
  return {
    weeks,
    seeds: seeds.map((s) => s.seed),
    marginVsCalendarPct:
      sum(
        seeds.map(
          (s) =>
            (100 *
              (strategyOf(s, "agent").marginInScope - strategyOf(s, "calendar").marginInScope)) /
            Math.abs(strategyOf(s, "calendar").marginInScope || 1),
        ),
      ) / Math.max(1, seeds.length),
    oracleGainShare:
      (totals.agent.marginInScope - totals.none.marginInScope) /
      (totals.oracle.marginInScope - totals.none.marginInScope || 1),
    incrementalMargin: {
      none: totals.agent.marginInScope - totals.none.marginInScope,
      calendar: totals.agent.marginInScope - totals.calendar.marginInScope,
      oracle: totals.agent.marginInScope - totals.oracle.marginInScope,
    },
    totals,
    governance: {
      escalations: sum(g.map((x) => x.escalated)),
      approved: sum(g.map((x) => x.approved)),
      rejected: sum(g.map((x) => x.rejected)),
      blocks: sum(g.map((x) => x.blocked)),
      outsideScopeRuns: sum(g.map((x) => x.outsideScope)),
      outsideScopeLaunched: sum(g.map((x) => x.outsideScopeLaunched)),
      policyViolations: sum(g.map((x) => x.policyViolations)),
      guardrailStockOuts: sum(g.map((x) => x.guardrailStockOuts)),
      supplyShortStockOuts: sum(g.map((x) => x.supplyShortStockOuts)),
      campaignStockOuts: sum(g.map((x) => x.campaignStockOuts)),
    },
    holdout: {
      settled: settled.length,
      unmeasured: settled.length - measured.length,
      truthInside: inside,
      agreement: measured.length ? inside / measured.length : 0,
    },
    learningCurve: [...curve.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([week, xs]) => ({ week, ape: sum(xs) / xs.length, n: xs.length })),
    latencyMs: {
      p50: sum(lat.map((l) => l.p50)) / Math.max(1, lat.length),
      p95: Math.max(0, ...lat.map((l) => l.p95)),
    },
    perSeed: seeds,
  };
}

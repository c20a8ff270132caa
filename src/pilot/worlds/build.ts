import type { SeedResult } from "../run.js";
import type { SettledCampaign } from "../settle.js";
import { worldsReportSchema, type Coverage, type WorldSeed, type WorldsReport } from "./schema.js";
import { meanInterval } from "./stats.js";

/** One world's seeds as the pilot played them, with the names of the baselines that read the truth. */
export interface PlayedWorld {
  world: string;
  seeds: SeedResult[];
  truthKnowing: readonly string[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function coverage(rows: readonly { truth: number; low: number | null; high: number | null }[]): Coverage {
  const usable = rows.filter((r) => r.low !== null && r.high !== null);
  const below = usable.filter((r) => r.truth < r.low!).length;
  const above = usable.filter((r) => r.truth > r.high!).length;
  return { n: usable.length, below, above, inside: usable.length ? Math.round((1e4 * (usable.length - below - above)) / usable.length) / 1e4 : null };
}

const forecastRows = (s: readonly SettledCampaign[]) => s.map((x) => ({ truth: x.trueIncrementalMargin, low: x.forecastLow, high: x.forecastHigh }));
const settlementRows = (s: readonly SettledCampaign[]) => s.filter((x) => x.measured).map((x) => ({ truth: x.trueIncrementalMargin, low: x.measuredLow, high: x.measuredHigh }));

function regretOf(m: Record<string, number>): number | null {
  const { agent, none, upperBound } = m;
  if (agent === undefined || none === undefined || upperBound === undefined || upperBound - none <= 0) return null;
  return (upperBound - agent) / (upperBound - none);
}

function seedRow(s: SeedResult): WorldSeed {
  const margin = Object.fromEntries(Object.entries(s.strategies).map(([k, v]) => [k, r2(v.marginInScope)]));
  const sum = (f: (x: SettledCampaign) => number) => r2(s.settled.reduce((n, x) => n + f(x), 0));
  return {
    seed: s.seed, margin,
    incremental: { forecast: sum((x) => x.forecastIncrementalMargin), settled: sum((x) => (x.measured ? x.measuredIncrementalMargin : 0)), true: sum((x) => x.trueIncrementalMargin) },
    regret: regretOf(margin),
    coverage: { forecast: coverage(forecastRows(s.settled)), settlement: coverage(settlementRows(s.settled)) },
    campaigns: Object.fromEntries(Object.entries(s.strategies).map(([k, v]) => [k, v.campaigns])),
  };
}

/**
 * The per-world report: every seed's margins, the agent's forecast / settled / true incremental
 * margin and interval coverage (both tails), and across seeds each strategy's mean with a 90 %
 * interval, its gain over no promotion and the agent's regret against the upper bound.
 */
export function buildWorldsReport(played: readonly PlayedWorld[], weeks: number, approveUpTo: number): WorldsReport {
  const worlds = played.map((pw) => {
    const seeds = pw.seeds.map(seedRow);
    const names = Object.keys(seeds[0]?.margin ?? {});
    const col = (k: string) => seeds.map((s) => s.margin[k] ?? 0);
    const none = col("none");
    const pct = (k: string) => col(k).map((v, i) => (100 * (v - none[i]!)) / Math.abs(none[i]! || 1));
    const vsNonePct = Object.fromEntries((names.includes("none") ? names : []).map((k) => {
      const ci = meanInterval(pct(k));
      return [k, { ...ci, seedsAtLeastNone: col(k).filter((v, i) => v >= none[i]!).length, seeds: seeds.length }];
    }));
    const regrets = seeds.map((s) => s.regret).filter((x): x is number => x !== null);
    const gainUb = col("upperBound").reduce((n, v, i) => n + v - (none[i] ?? 0), 0);
    const lost = col("upperBound").reduce((n, v, i) => n + v - (col("agent")[i] ?? 0), 0);
    const settled = pw.seeds.flatMap((s) => s.settled);
    const fair = names.filter((k) => k !== "agent" && !pw.truthKnowing.includes(k));
    const mean = (k: string) => col(k).reduce((a, b) => a + b, 0) / Math.max(1, seeds.length);
    const bestBaseline = fair.length ? fair.reduce((a, b) => (mean(b) > mean(a) ? b : a)) : null;
    return {
      world: pw.world, seeds,
      summary: {
        weeks, approveUpTo,
        margin: Object.fromEntries(names.map((k) => [k, meanInterval(col(k))])),
        vsNonePct,
        regret: { pooled: names.includes("agent") && names.includes("upperBound") && gainUb > 0 ? lost / gainUb : null, perSeed: regrets.length ? meanInterval(regrets) : null },
        incremental: {
          forecast: r2(seeds.reduce((n, s) => n + s.incremental.forecast, 0)),
          settled: r2(seeds.reduce((n, s) => n + s.incremental.settled, 0)),
          true: r2(seeds.reduce((n, s) => n + s.incremental.true, 0)),
        },
        coverage: { forecast: coverage(forecastRows(settled)), settlement: coverage(settlementRows(settled)) },
        bestBaseline,
      },
    };
  });
  return worldsReportSchema.parse({ worlds });
}

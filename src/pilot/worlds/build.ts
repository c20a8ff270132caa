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

function coverage(
  rows: readonly { truth: number; low: number | null; high: number | null }[],
): Coverage {
  const usable = rows.filter((r) => r.low !== null && r.high !== null);
  const below = usable.filter((r) => r.truth < r.low!).length;
  const above = usable.filter((r) => r.truth > r.high!).length;
  return {
    n: usable.length,
    below,
    above,
    inside: usable.length
      ? Math.round((1e4 * (usable.length - below - above)) / usable.length) / 1e4
      : null,
  };
}

const forecastRows = (s: readonly SettledCampaign[]) =>
  s.map((x) => ({ truth: x.trueIncrementalMargin, low: x.forecastLow, high: x.forecastHigh }));
const settlementRows = (s: readonly SettledCampaign[]) =>
  s
    .filter((x) => x.measured)
    .map((x) => ({ truth: x.trueIncrementalMargin, low: x.measuredLow, high: x.measuredHigh }));

/** The truth-knowing bounds regret is taken against: neither is always the higher (#24). */
export const BOUND_NAMES: readonly string[] = ["upperBound", "horizonMip"];

/** The better of the truth-knowing bounds a seed played (null when it played none). */
export function bestBound(m: Record<string, number>): { name: string; margin: number } | null {
  let best: { name: string; margin: number } | null = null;
  for (const name of BOUND_NAMES) {
    const v = m[name];
    if (v !== undefined && (!best || v > best.margin)) best = { name, margin: v };
  }
  return best;
}

/** (bound − agent) ÷ (bound − none); null without the agent or when the bound gains nothing. */
function regretOf(m: Record<string, number>, bound: number | undefined): number | null {
  const { agent, none } = m;
  if (agent === undefined || none === undefined || bound === undefined || bound - none <= 0)
    return null;
  return (bound - agent) / (bound - none);
}

function seedRow(s: SeedResult): WorldSeed {
  const margin = Object.fromEntries(
    Object.entries(s.strategies).map(([k, v]) => [k, r2(v.marginInScope)]),
  );
  const sum = (f: (x: SettledCampaign) => number) => r2(s.settled.reduce((n, x) => n + f(x), 0));
  const bound = bestBound(margin);
  return {
    seed: s.seed,
    margin,
    bound,
    incremental: {
      forecast: sum((x) => x.forecastIncrementalMargin),
      settled: sum((x) => (x.measured ? x.measuredIncrementalMargin : 0)),
      true: sum((x) => x.trueIncrementalMargin),
    },
    regret: regretOf(margin, bound?.margin),
    regretWeeklyBound: regretOf(margin, margin.upperBound),
    coverage: {
      forecast: coverage(forecastRows(s.settled)),
      settlement: coverage(settlementRows(s.settled)),
    },
    campaigns: Object.fromEntries(Object.entries(s.strategies).map(([k, v]) => [k, v.campaigns])),
  };
}

/**
 * The per-world report: every seed's margins, the agent's forecast / settled / true incremental
 * margin and interval coverage (both tails), and across seeds each strategy's mean with a 90 %
 * interval, its gain over no promotion and the agent's regret against the better of the
 * truth-knowing bounds (weekly `upperBound`, season `horizonMip`) seed by seed.
 */
export function buildWorldsReport(
  played: readonly PlayedWorld[],
  weeks: number,
  approveUpTo: number,
): WorldsReport {
  const worlds = played.map((pw) => {
    const seeds = pw.seeds.map(seedRow);
    const names = Object.keys(seeds[0]?.margin ?? {});
    const col = (k: string) => seeds.map((s) => s.margin[k] ?? 0);
    const none = col("none");
    const pct = (k: string) =>
      col(k).map((v, i) => (100 * (v - none[i]!)) / Math.abs(none[i]! || 1));
    const vsNonePct = Object.fromEntries(
      (names.includes("none") ? names : []).map((k) => {
        const ci = meanInterval(pct(k));
        return [
          k,
          {
            ...ci,
            seedsAtLeastNone: col(k).filter((v, i) => v >= none[i]!).length,
            seeds: seeds.length,
          },
        ];
      }),
    );
    const regrets = seeds.map((s) => s.regret).filter((x): x is number => x !== null);
    // Pooled against each seed's better bound: Σ(bound − agent) ÷ Σ(bound − none).
    const bounds = seeds.map((s) => s.bound?.margin);
    const hasBound = bounds.every((b) => b !== undefined);
    const gainUb = bounds.reduce<number>((n, v, i) => n + (v ?? 0) - (none[i] ?? 0), 0);
    const lost = bounds.reduce<number>((n, v, i) => n + (v ?? 0) - (col("agent")[i] ?? 0), 0);
    const settled = pw.seeds.flatMap((s) => s.settled);
    const fair = names.filter((k) => k !== "agent" && !pw.truthKnowing.includes(k));
    const mean = (k: string) => col(k).reduce((a, b) => a + b, 0) / Math.max(1, seeds.length);
    const bestBaseline = fair.length ? fair.reduce((a, b) => (mean(b) > mean(a) ? b : a)) : null;
    return {
      world: pw.world,
      seeds,
      summary: {
        weeks,
        approveUpTo,
        margin: Object.fromEntries(names.map((k) => [k, meanInterval(col(k))])),
        vsNonePct,
        regret: {
          pooled:
            names.includes("agent") && hasBound && seeds.length > 0 && gainUb > 0
              ? lost / gainUb
              : null,
          perSeed: regrets.length ? meanInterval(regrets) : null,
          against: BOUND_NAMES.filter((b) => names.includes(b)),
        },
        incremental: {
          forecast: r2(seeds.reduce((n, s) => n + s.incremental.forecast, 0)),
          settled: r2(seeds.reduce((n, s) => n + s.incremental.settled, 0)),
          true: r2(seeds.reduce((n, s) => n + s.incremental.true, 0)),
        },
        coverage: {
          forecast: coverage(forecastRows(settled)),
          settlement: coverage(settlementRows(settled)),
        },
        bestBaseline,
      },
    };
  });
  return worldsReportSchema.parse({ worlds });
}

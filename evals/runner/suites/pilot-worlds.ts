import { runWorlds, type WorldsReport } from "../../../src/pilot/index.js";
import { meanInterval } from "../../../src/pilot/worlds/index.js";
import { worldNames } from "../../../src/sim/market/index.js";
import { metric } from "../metric.js";
import type { ChartData, Metric } from "../schema.js";
import type { Suite } from "../types.js";

/** Chart ids of the per-world figures: the HTML report draws every chart with this prefix. */
export const WORLD_CHART_PREFIX = "pilot-world-";

const COLORS: Record<string, string> = {
  agent: "#1f5fa8",
  upperBound: "#b03a48",
  horizonMip: "#d9737f",
  oracle: "#888888",
};

/** One chart per world: each strategy's margin over no promotion, mean with its 90 % interval across seeds. */
export function worldCharts(r: WorldsReport): ChartData[] {
  return r.worlds.map((w) => {
    const keys = Object.keys(w.summary.margin).filter((k) => k !== "none");
    const s = w.summary;
    return {
      id: `${WORLD_CHART_PREFIX}${w.world}`,
      title: `${w.world}: margin over no promotion (agent, baselines, bounds)`,
      kind: "bar" as const,
      x: { title: "strategy", type: "nominal" as const },
      y: { title: "margin − no promotion (EUR, mean over seeds)" },
      points: keys.map((k) => {
        // Paired seeds: the interval is of the per-seed differences, not of two separate means.
        const d = meanInterval(w.seeds.map((x) => (x.margin[k] ?? 0) - (x.margin.none ?? 0)));
        return {
          x: k,
          y: Math.round(d.mean),
          series: k,
          lo: Math.round(d.lo90),
          hi: Math.round(d.hi90),
        };
      }),
      colors: COLORS,
      caption: `${w.seeds.length} seeds × ${s.weeks} weeks, approver passes spend ≤ ${s.approveUpTo}; whiskers: 90 % interval across seeds. upperBound, horizonMip and oracle read the world's truth.`,
    };
  });
}

/** The done-when figures per world, as metrics. */
function worldMetrics(r: WorldsReport): Metric[] {
  return r.worlds.flatMap((w) => {
    const a = w.summary.vsNonePct.agent;
    const regret = w.summary.regret.pooled;
    return [
      ...(a
        ? [
            metric(`${w.world}: agent vs no promotion, 90 % low end`, a.lo90 / 100, {
              threshold: -0.005,
              direction: "min",
              unit: "%",
            }),
          ]
        : []),
      ...(a
        ? [
            metric(`${w.world}: seeds agent ≥ no promotion`, a.seedsAtLeastNone / a.seeds, {
              threshold: 0.9,
              direction: "min",
              unit: "%",
            }),
          ]
        : []),
      ...(regret === null
        ? []
        : [
            metric(`${w.world}: regret vs upper bound`, regret, {
              threshold: w.world === "base" ? 0.35 : 0.5,
              direction: "max",
              unit: "%",
            }),
          ]),
    ];
  });
}

/** The pilot across every shipped world (issue #24): agent, baselines and bounds, every escalation rejected. */
export function pilotWorldsSuite(
  options: { weeks?: number; seeds?: number[]; worlds?: string[]; approveUpTo?: number } = {},
): Suite {
  return {
    name: "pilot-worlds",
    description:
      "the agent against every baseline and the upper bound in every shipped world (approver rejects every escalation)",
    fast: false,
    async run(ctx) {
      const weeks = options.weeks ?? (ctx.fast ? 6 : 52);
      const seeds = options.seeds ?? (ctx.fast ? [1] : Array.from({ length: 10 }, (_, i) => i + 1));
      const report = await runWorlds(
        { weeks, seeds, approveUpTo: options.approveUpTo ?? 0, workDir: ctx.tmpDir },
        options.worlds ?? worldNames(),
      );
      return { metrics: worldMetrics(report), charts: worldCharts(report), details: report };
    },
  };
}

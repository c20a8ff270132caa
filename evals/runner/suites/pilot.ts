import { runPilot, strategyOf, type PilotReport } from "../../../src/pilot/index.js";
import { metric } from "../metric.js";
import type { ChartData } from "../schema.js";
import type { Suite } from "../types.js";

/** The Done-when thresholds, as metrics. */
function metrics(r: PilotReport) {
  return [
    metric("margin vs fixed calendar", r.marginVsCalendarPct / 100, {
      threshold: 0.05,
      direction: "min",
      unit: "%",
    }),
    metric("share of oracle gain over no promotion", r.oracleGainShare, {
      threshold: 0.8,
      direction: "min",
      unit: "%",
    }),
    metric("policy violations", r.governance.policyViolations, { threshold: 0, direction: "max" }),
    metric("launches outside the pilot scope", r.governance.outsideScopeLaunched, {
      threshold: 0,
      direction: "max",
    }),
    metric("guardrail-preventable stock-outs", r.governance.guardrailStockOuts, {
      threshold: 0,
      direction: "max",
    }),
    metric(
      "supply-short stock-outs (DC drained, any forecast)",
      r.governance.supplyShortStockOuts,
      { direction: "max" },
    ),
    metric("campaigns with a treated-store stock-out", r.governance.campaignStockOuts, {
      direction: "max",
    }),
    metric("holdout agreement with truth (80 % intervals)", r.holdout.agreement, {
      threshold: 0.8,
      direction: "min",
      unit: "%",
    }),
    metric("promotions settled", r.holdout.settled),
    metric("escalations", r.governance.escalations),
    metric("decision latency p95 (ms)", r.latencyMs.p95),
  ];
}

function charts(r: PilotReport): ChartData[] {
  const seeds = r.perSeed.map((s) => String(s.seed));
  return [
    {
      id: "pilot-margin-vs-baselines",
      title: "Contribution margin in the pilot scope, against no promotion (per seed)",
      kind: "bar",
      x: { title: "seed", type: "ordinal" },
      y: { title: "margin − no promotion (EUR)" },
      points: r.perSeed.flatMap((s, i) =>
        (["agent", "calendar", "oracle"] as const).map((k) => ({
          x: seeds[i]!,
          y: Math.round(strategyOf(s, k).marginInScope - strategyOf(s, "none").marginInScope),
          series: k,
        })),
      ),
    },
    {
      id: "pilot-learning-curve",
      title: "Forecast error of promoted units by pilot week (mean over seeds)",
      kind: "line",
      x: { title: "pilot week the promotion started", type: "quantitative" },
      y: { title: "|forecast − actual| / actual", format: ".0%" },
      points: r.learningCurve.map((p) => ({ x: p.week, y: p.ape, series: "agent" })),
    },
  ];
}

/** The closed-loop pilot in the simulated market: the graph against no promotions, the fixed calendar and an oracle. */
export function pilotSuite(options: { weeks?: number; seeds?: number[] } = {}): Suite {
  return {
    name: "pilot",
    description:
      "complete graph week by week in the simulated market vs no promotion, last year's calendar and an oracle; causal holdouts",
    fast: false,
    async run(ctx) {
      const weeks = options.weeks ?? (ctx.fast ? 6 : 52);
      const seeds = options.seeds ?? (ctx.fast ? [1] : Array.from({ length: 10 }, (_, i) => i + 1));
      const report = await runPilot({ weeks, seeds, workDir: ctx.tmpDir });
      return {
        metrics: metrics(report),
        charts: charts(report),
        details: {
          ...report,
          perSeed: report.perSeed.map((s) => ({
            seed: s.seed,
            seconds: s.seconds,
            governance: s.governance,
          })),
        },
      };
    },
  };
}

import { loadFratDataset, runLiftBacktest } from "../../../src/models/index.js";
import { requireData } from "../data.js";
import { metric } from "../metric.js";
import type { ChartPoint } from "../schema.js";
import type { Suite } from "../types.js";

const TRAIN_END = "2010-12-29";

/** The lift model on dunnhumby Breakfast at the Frat: fit through 2010, predict 2011 week by week. */
export function liftBacktestSuite(): Suite {
  return {
    name: "lift-backtest",
    description: `lift model backtest on Breakfast at the Frat (train ≤ ${TRAIN_END}, 1-week horizon) against two baselines`,
    fast: true,
    async run(ctx) {
      const dir = requireData(ctx.dataDir, "breakfast-at-the-frat");
      requireData(dir, "transactions.csv");
      // The backtest's prediction callback carries no promotion flag, so read it from the plan.
      const promotedKeys = new Set(
        (await loadFratDataset(dir)).transactions
          .filter((t) => t.feature || t.display || t.tprOnly)
          .map((t) => `${t.weekEndDate}|${t.store}|${t.upc}`),
      );
      const byWeek = new Map<string, { predicted: number; actual: number }>();
      const r = await runLiftBacktest({ dataDir: dir, trainEnd: TRAIN_END }, (p) => {
        if (!promotedKeys.has(`${p.weekEndDate}|${p.store}|${p.upc}`)) return;
        const w = byWeek.get(p.weekEndDate) ?? { predicted: 0, actual: 0 };
        w.predicted += p.predicted;
        w.actual += p.actual;
        byWeek.set(p.weekEndDate, w);
      });
      const m = r.model.promoted;
      const points: ChartPoint[] = [...byWeek.entries()].flatMap(([week, w]) => [
        { x: week, y: w.actual, series: "actual units" },
        { x: week, y: w.predicted, series: "lift model forecast" },
      ]);
      return {
        metrics: [
          metric("promoted WAPE", m.wape, { threshold: 0.33, direction: "max" }),
          metric("promoted WAPE gain vs last value", r.baselines.lastValue.promoted.wape - m.wape, {
            threshold: 0,
            direction: "min",
            strict: true,
          }),
          metric(
            "promoted WAPE gain vs store mean × promo mult.",
            r.baselines.storeMeanTimesMultiplier.promoted.wape - m.wape,
            { threshold: 0, direction: "min", strict: true },
          ),
          metric("80% interval coverage (floor)", r.model.all.coverage80 ?? Number.NaN, {
            threshold: 0.75,
            direction: "min",
            unit: "%",
          }),
          metric("80% interval coverage (ceiling)", r.model.all.coverage80 ?? Number.NaN, {
            threshold: 0.85,
            direction: "max",
            unit: "%",
          }),
          metric("WAPE all rows", r.model.all.wape),
          metric("bias promoted", m.bias, { unit: "%" }),
        ],
        charts: [
          {
            id: "lift-forecast-vs-actual",
            title: "Lift backtest: forecast against actual units, promoted rows, by week",
            kind: "line",
            x: { title: "week ending", type: "temporal" },
            y: { title: "units (promoted store × product rows)" },
            points,
            colors: { "actual units": "#333333", "lift model forecast": "#1f5fa8" },
            dashed: ["actual units"],
            caption: `${r.testWeeks.count} test weeks ${r.testWeeks.first} … ${r.testWeeks.last}, ${m.rows.toLocaleString("en-US")} promoted rows; one-week-ahead forecasts from a model fitted through ${TRAIN_END}.`,
          },
        ],
        details: {
          testWeeks: r.testWeeks,
          model: r.model,
          baselines: r.baselines,
          timings: r.timings,
          data: r.data,
          driftWeeks: r.driftWeeks,
        },
      };
    },
  };
}

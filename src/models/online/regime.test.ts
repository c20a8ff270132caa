import { describe, expect, it } from "vitest";
import { buildPanel } from "../panel.js";
import { fitLiftModel } from "../lift/fit.js";
import { simulateMarket } from "../testing/simulated-panel.js";
import type { LiftModel } from "../lift/model.js";

/** Promoted-row WAPE per week over [from, to], learning online or not. */
function weeklyPromoWape(model: LiftModel, from: number, to: number, online: boolean): number[] {
  const p = model.panel;
  const out: number[] = [];
  for (let t = from; t <= to; t++) {
    const pred = model.predictWeek(t);
    let err = 0;
    let act = 0;
    for (let i = 0; i < pred.series.length; i++) {
      if (!pred.promoted[i]) continue;
      const y = p.units[pred.series[i]! * p.nWeeks + t]!;
      err += Math.abs(Math.exp(pred.predLog[i]!) - y);
      act += y;
    }
    out.push(err / act);
    if (online) model.learnWeek(pred);
  }
  return out;
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

describe("online learning after a regime change", () => {
  it("recovers within a few weeks when the elasticity doubles; a frozen model does not", () => {
    const change = 100;
    const data = simulateMarket({
      seed: 7,
      weeks: 150,
      elasticity: -2,
      elasticityAfter: -4,
      changeWeek: change,
    });
    const panel = buildPanel(data);
    const trainEnd = 89;
    const frozen = fitLiftModel(panel, trainEnd, {}, { calibrationWeeks: 0 });
    const online = fitLiftModel(panel, trainEnd, {}, { calibrationWeeks: 0 });
    const f = weeklyPromoWape(frozen, trainEnd + 1, 149, false);
    const o = weeklyPromoWape(online, trainEnd + 1, 149, true);
    const idx = (w: number): number => w - (trainEnd + 1);
    const before = mean(o.slice(idx(90), idx(change)));
    const frozenAfter = mean(f.slice(idx(change + 5), idx(150)));
    const onlineAfter = mean(o.slice(idx(change + 5), idx(150)));
    // Error in the first week after the change jumps for both…
    expect(o[idx(change)]!).toBeGreaterThan(1.5 * before);
    // …the online model is back near its old accuracy after ≤ 5 weeks, the frozen one is not.
    expect(onlineAfter).toBeLessThan(1.25 * before);
    expect(frozenAfter).toBeGreaterThan(1.6 * before);
    expect(online.drift.some((d) => d.drifting && d.week >= change && d.week <= change + 2)).toBe(
      true,
    );
  });
});

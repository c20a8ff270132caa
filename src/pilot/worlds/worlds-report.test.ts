import { describe, expect, it } from "vitest";
import type { SettledCampaign } from "../settle.js";
import { seedResult as seed } from "../testing.js";
import { buildWorldsReport } from "./build.js";
import { resolveWorlds } from "./run.js";
import { worldsReportSchema } from "./schema.js";
import { meanInterval } from "./stats.js";

const settled = (
  truth: number,
  f: [number, number] | null,
  m: [number, number],
  measured = true,
): SettledCampaign => ({
  campaignId: "c",
  mechanic: "tpr",
  market: "FR",
  category: "C",
  startWeek: 1,
  treatedShare: 0.75,
  forecastIncrementalMargin: 100,
  forecastLow: f?.[0] ?? null,
  forecastHigh: f?.[1] ?? null,
  measuredIncrementalMargin: 90,
  measuredLow: m[0],
  measuredHigh: m[1],
  trueIncrementalMargin: truth,
  measured,
  truthInsideInterval: truth >= m[0] && truth <= m[1],
  forecastUnits: 0,
  actualUnits: 0,
  forecastBaselineUnits: 0,
  trueBaselineUnits: 0,
  sku: "A",
  depth: 0.2,
  weeks: 1,
  stockOut: false,
  supplyShort: false,
  guardrailStockOut: false,
});

describe("worlds report", () => {
  const played = [
    seed(1, { agent: 1100, none: 1000, calendar: 950, bandit: 1050, upperBound: 1200 }, [
      settled(50, [60, 140], [40, 120]),
      settled(200, [60, 140], [40, 120]),
      settled(10, null, [0, 5], false),
    ]),
    seed(2, { agent: 980, none: 1000, calendar: 1020, bandit: 990, upperBound: 1100 }, [
      settled(30, [60, 140], [0, 100]),
    ]),
  ];
  const r = buildWorldsReport(
    [{ world: "fatigue", seeds: played, truthKnowing: ["upperBound"] }],
    52,
    0,
  );

  it("has the issue's shape and validates against the schema", () => {
    expect(worldsReportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
    const w = r.worlds[0]!;
    expect(w.world).toBe("fatigue");
    expect(w.seeds[0]!.margin).toEqual({
      agent: 1100,
      none: 1000,
      calendar: 950,
      bandit: 1050,
      upperBound: 1200,
    });
    expect(Object.keys(w.seeds[0]!.incremental)).toEqual(["forecast", "settled", "true"]);
  });

  it("computes regret against the bound's gain over none, per seed and pooled", () => {
    const w = r.worlds[0]!;
    expect(w.seeds[0]!.regret).toBeCloseTo(0.5, 9);
    expect(w.seeds[1]!.regret).toBeCloseTo(1.2, 9);
    expect(w.summary.regret.pooled).toBeCloseTo((100 + 120) / (200 + 100), 9);
  });

  it("takes regret against the better truth-knowing bound of each seed", () => {
    const two = [
      seed(1, { agent: 1100, none: 1000, upperBound: 1200, horizonMip: 1300 }),
      seed(2, { agent: 1050, none: 1000, upperBound: 1100, horizonMip: 1080 }),
    ];
    const w = buildWorldsReport(
      [{ world: "competitive", seeds: two, truthKnowing: ["upperBound", "horizonMip"] }],
      14,
      0,
    ).worlds[0]!;
    expect(w.seeds[0]!.bound).toEqual({ name: "horizonMip", margin: 1300 });
    expect(w.seeds[0]!.regret).toBeCloseTo(200 / 300, 9);
    expect(w.seeds[0]!.regretWeeklyBound).toBeCloseTo(0.5, 9);
    expect(w.seeds[1]!.bound).toEqual({ name: "upperBound", margin: 1100 });
    expect(w.summary.regret.pooled).toBeCloseTo((200 + 50) / (300 + 100), 9);
    expect(w.summary.regret.against).toEqual(["upperBound", "horizonMip"]);
  });

  it("has no regret without a bound", () => {
    const w = buildWorldsReport(
      [{ world: "w", seeds: [seed(1, { agent: 1, none: 1 })], truthKnowing: [] }],
      1,
      0,
    ).worlds[0]!;
    expect(w.seeds[0]!.bound).toBeNull();
    expect(w.seeds[0]!.regret).toBeNull();
    expect(w.summary.regret.pooled).toBeNull();
  });

  it("counts both tails of forecast and settlement coverage, only where an interval exists", () => {
    const c = r.worlds[0]!.summary.coverage;
    expect(c.forecast).toEqual({ n: 3, below: 2, above: 1, inside: 0 });
    expect(c.settlement).toEqual({ n: 3, below: 0, above: 1, inside: 0.6667 });
  });

  it("reports each strategy against none with a 90 % interval, and the best baseline that does not know the truth", () => {
    const s = r.worlds[0]!.summary;
    expect(s.vsNonePct.agent!.mean).toBeCloseTo(4, 9);
    expect(s.vsNonePct.agent!.seedsAtLeastNone).toBe(1);
    expect(s.vsNonePct.agent!.lo90).toBeLessThan(s.vsNonePct.agent!.mean);
    expect(s.bestBaseline).toBe("bandit");
  });

  it("90 % interval: Student t on the seeds", () => {
    const ci = meanInterval([1, 2, 3]);
    expect(ci.mean).toBe(2);
    expect(ci.hi90 - ci.mean).toBeCloseTo((2.92 * 1) / Math.sqrt(3), 6);
    expect(meanInterval([5])).toEqual({ mean: 5, lo90: 5, hi90: 5 });
  });

  it("resolves --worlds all to every shipped world, --world first, and base by default", async () => {
    expect((await resolveWorlds(undefined, undefined)).map((w) => w.name)).toEqual(["base"]);
    const all = await resolveWorlds("regime", "all");
    expect(all[0]!.name).toBe("regime");
    expect(all).toHaveLength(9);
    await expect(resolveWorlds("nope", undefined)).rejects.toThrow(
      /valid worlds are base, fatigue/,
    );
  });
});

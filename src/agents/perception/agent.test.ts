import { beforeAll, describe, expect, it } from "vitest";
import {
  PLANT,
  smallWorld,
  SMALL_WORLD_NOW,
  type WorldSpec,
} from "../../../evals/perception/world.js";
import { findingSchema } from "../../domain/findings.js";
import { ingestDataset, openDb, type Db } from "../../store/index.js";
import { createPerceptionAgent, PerceptionError } from "./index.js";

describe("perception agent", () => {
  let db: Db;
  const clock = { now: () => new Date(SMALL_WORLD_NOW) };
  beforeAll(async () => {
    db = openDb(":memory:");
    await ingestDataset(
      db,
      smallWorld({
        seed: 3,
        demandLast: { "P-02": [3] },
        competitor: { "D-02": { ratio: 0.7 } },
        storeCover: { "D-03": 0.3 },
        dcCover: { "D-03": 0.2 },
      }),
      { origin: "t" },
    );
  });

  it("finds the planted spike, price drop and stock-out risk with their evidence", async () => {
    const findings = await createPerceptionAgent({ db, clock }).perceive();
    for (const f of findings) expect(() => findingSchema.parse(f)).not.toThrow();
    const spike = findings.find((f) => f.kind === "demand_spike" && f.scope.sku === "P-02");
    expect(spike?.evidence.test?.pValue).toBeLessThan(spike?.evidence.test?.alpha ?? 0);
    expect(findings.find((f) => f.kind === "competitor_price_drop")?.scope.sku).toBe("D-02");
    expect(findings.find((f) => f.kind === "stockout_risk")?.scope.sku).toBe("D-03");
  });

  it("filters by category and market, and validates thresholds", async () => {
    const dairy = await createPerceptionAgent({ db, clock }).perceive({ category: "dairy" });
    expect(dairy.every((f) => f.scope.category === "dairy")).toBe(true);
    expect(await createPerceptionAgent({ db, clock }).perceive({ market: "NOWHERE" })).toEqual([]);
    expect(() => createPerceptionAgent({ db, clock, thresholds: { competitorGap: 2 } })).toThrow(
      PerceptionError,
    );
  });
});

describe("perception: breaks after a price cut and supply gaps ahead", () => {
  const clock = { now: () => new Date(SMALL_WORLD_NOW) };
  const perceive = async (spec: Omit<WorldSpec, "seed">) => {
    const db = openDb(":memory:");
    await ingestDataset(db, smallWorld({ seed: 11, ...spec }), { origin: "t" });
    return createPerceptionAgent({ db, clock }).perceive();
  };

  it("finds a collapse in the week after a cut, measured against the expected dip", async () => {
    // The week after the cut sells 0.85 × 0.4 = 34 % of normal; the usual dip is to 85 %.
    const findings = await perceive({
      promoteBack: { "P-03": [1] },
      demandLast: { "P-03": [1, 0.4] },
    });
    const dip = findings.find((f) => f.kind === "demand_dip" && f.scope.sku === "P-03");
    expect(dip?.evidence.notes?.expectation).toBe("post_promotion_dip");
    expect(dip?.evidence.figures.expectedDipShare).toBeGreaterThan(0.05);
    expect(dip?.evidence.figures.forecastUnits).toBeLessThan(
      dip?.evidence.figures.baselineUnits ?? 0,
    );
    expect(dip?.summary).toMatch(/week after a 25 % price cut/);
  });

  it("stays quiet on the usual post-promotion dip", async () => {
    const findings = await perceive({ promoteBack: { "P-03": [1] } });
    expect(findings.filter((f) => f.scope.sku === "P-03" && f.kind.startsWith("demand"))).toEqual(
      [],
    );
  });

  it("finds a plan far below demand while stock still covers the horizon, with the week and size", async () => {
    const findings = await perceive({
      planAhead: { "D-01": 0.3 },
      storeCover: { "D-01": 4 },
      dcCover: { "D-01": 3 },
    });
    const gap = findings.find((f) => f.kind === "supply_shortfall" && f.scope.sku === "D-01");
    expect(gap?.scope.location).toBe(PLANT);
    expect(gap?.evidence.notes?.reasons).toBe("plan_below_demand");
    expect(gap?.evidence.figures.gapWeek).toBe(1);
    expect(gap?.evidence.figures.gapUnits).toBeGreaterThan(0);
    expect(gap?.evidence.figures.lowestProjectedStock).toBeGreaterThan(0);
  });

  it("dates a six-week stop by the week stock crosses its safety line; a two-week dip is covered", async () => {
    const stop = [1, 0, 0, 0, 0, 0, 0, 1];
    const findings = await perceive({
      planAhead: { "P-01": stop, "P-02": [1, 1, 0, 0, 1, 1, 1, 1] },
    });
    const gap = findings.find((f) => f.kind === "supply_shortfall" && f.scope.sku === "P-01");
    expect(gap?.evidence.notes?.reasons).toContain("below_safety_stock");
    expect(gap?.evidence.figures.gapWeek).toBeGreaterThan(2);
    expect(findings.some((f) => f.kind === "supply_shortfall" && f.scope.sku === "P-02")).toBe(
      false,
    );
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { smallWorld, SMALL_WORLD_NOW } from "../../../evals/perception/world.js";
import { findingSchema } from "../../domain/findings.js";
import { ingestDataset, openDb, type Db } from "../../store/index.js";
import { createPerceptionAgent, PerceptionError } from "./index.js";

describe("perception agent", () => {
  let db: Db;
  const clock = { now: () => new Date(SMALL_WORLD_NOW) };
  beforeAll(async () => {
    db = openDb(":memory:");
    await ingestDataset(db, smallWorld({ seed: 3, demandLast: { "P-02": [3] }, competitor: { "D-02": { ratio: 0.7 } }, storeCover: { "D-03": 0.3 }, dcCover: { "D-03": 0.2 } }), { origin: "t" });
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
    expect(() => createPerceptionAgent({ db, clock, thresholds: { competitorGap: 2 } })).toThrow(PerceptionError);
  });
});

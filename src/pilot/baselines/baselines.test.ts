import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../policies/index.js";
import {
  DEFAULT_WORLD_SPEC,
  drawWorld,
  MarketWorld,
  shippedCalibration,
  worldByName,
  worldNames,
  type WorldCampaign,
} from "../../sim/market/index.js";
import { DEFAULT_PILOT_SCOPE } from "../options.js";
import { runPilotSeed } from "../run.js";
import { runWorlds } from "../worlds/run.js";
import { inScope } from "../tally.js";
import { banditArms, Governor, shippedBaselines } from "./index.js";

const ALL = shippedBaselines().map((b) => b.name);
/**
 * Noise allowance of the bound: 0.5 % of no promotion's in-scope margin. Every strategy meets the
 * same noise, so what is left is stock-outs and rounding the bound's noise-free sums ignore.
 */
const TOLERANCE = 0.005;

/** The bound a policy is held to: the better of the weekly bound and the season MIP (both read the truth). */
const boundOf = (m: Record<string, number>) => Math.max(m.upperBound!, m.horizonMip!);

describe("the upper bound", () => {
  it(`neither the agent nor any baseline beats it by more than ${TOLERANCE * 100} % of no promotion's margin, in every world`, async () => {
    // Every shipped world, the agent included, every escalation rejected (the done-when setting).
    const r = await runWorlds(
      { weeks: 4, seeds: [2], baselines: ALL, approveUpTo: 0 },
      worldNames(),
    );
    expect(r.worlds.map((w) => w.world)).toEqual(worldNames());
    for (const w of r.worlds) {
      const m = w.seeds[0]!.margin;
      expect(Object.keys(m).sort(), w.world).toEqual(["agent", ...ALL].sort());
      const bound = boundOf(m);
      expect(bound, w.world).toBeGreaterThan(m.none!);
      for (const [name, v] of Object.entries(m))
        expect(v, `${w.world}: ${name}`).toBeLessThanOrEqual(bound + TOLERANCE * Math.abs(m.none!));
    }
  }, 400_000);

  for (const world of ["base", "ad-slots"]) {
    it(`no baseline beats it when the approver passes small spend (${world})`, async () => {
      const r = await runPilotSeed(2, {
        weeks: 6,
        agent: false,
        baselines: ALL,
        world: worldByName(world),
        approveUpTo: 5000,
      });
      const m = Object.fromEntries(
        Object.entries(r.strategies).map(([k, v]) => [k, v.marginInScope]),
      );
      const bound = boundOf(m);
      expect(bound).toBeGreaterThan(m.none!);
      for (const [name, v] of Object.entries(m))
        expect(v, name).toBeLessThanOrEqual(bound + TOLERANCE * Math.abs(m.none!));
      expect(r.strategies.none!.campaigns).toBe(0);
    }, 120_000);
  }
});

describe("governance of baselines", () => {
  const spec = DEFAULT_WORLD_SPEC;
  const world = new MarketWorld(
    spec,
    drawWorld(worldByName("base"), 1, spec, shippedCalibration()).truth,
  );
  const policy = loadPolicy().policy;
  const c = (sku: string, start: number, extra: Partial<WorldCampaign> = {}): WorldCampaign => ({
    id: `${sku}-${start}`,
    market: "FR",
    category: "COLD CEREAL",
    sku,
    mechanic: "tpr",
    depth: 0.2,
    startWeek: start,
    weeks: 2,
    holdout: [],
    plannedLift: 1.4,
    ...extra,
  });

  it("blocks out of scope, escalates what the policy escalates, and approves only up to the approver's limit", () => {
    const strict = new Governor(world, policy, DEFAULT_PILOT_SCOPE, 0);
    const lenient = new Governor(world, policy, DEFAULT_PILOT_SCOPE, 5000);
    expect(strict.check(c("BS-01", 10, { category: "BAG SNACKS" }), [], 100).outcome).toBe(
      "blocked",
    );
    expect(strict.check(c("CC-01", 10), [], 100).outcome).toBe("allow");
    // A second SKU of four on promotion is 50 % of the category (cap 40 %); the gap is 2 weeks.
    const second = c("CC-02", 10);
    expect(strict.check(second, [c("CC-01", 10)], 100)).toMatchObject({
      outcome: "rejected",
      reasons: ["brand.category_share"],
    });
    expect(lenient.check(second, [c("CC-01", 10)], 100).outcome).toBe("approved");
    expect(strict.check(c("CC-01", 13), [c("CC-01", 10)], 100).reasons).toContain("brand.gap");
    expect(strict.check(c("CC-01", 20, { depth: 0.35 }), [], 100).reasons).toContain(
      "autonomy.discount_depth",
    );
  });

  it("bandit arms stay inside the depth cap", () => {
    const arms = banditArms(30);
    expect(arms.every((a) => a.depth <= 0.3)).toBe(true);
    expect(arms.some((a) => a.mechanic === "feature" && a.depth === 0)).toBe(true);
    expect(arms.some((a) => a.mechanic === "tpr" && a.depth === 0)).toBe(false);
  });

  it("no baseline launches outside the pilot scope, and none escalates past an approver who rejects all", async () => {
    const r = await runPilotSeed(3, {
      weeks: 5,
      agent: false,
      baselines: ["featureRule", "bandit", "calendar"],
      approveUpTo: 0,
    });
    expect(Object.keys(r.strategies).sort()).toEqual(["bandit", "calendar", "featureRule"]);
    expect(inScope(DEFAULT_PILOT_SCOPE, "FR", "BAG SNACKS")).toBe(false);
    // Four SKUs of a category featured at once would need approval: rejected, so one a category.
    expect(r.strategies.featureRule!.campaigns).toBeLessThanOrEqual(2 * 2);
  }, 60_000);
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicy } from "../policies/index.js";
import { ingestDataset, openDb, type Db } from "../store/index.js";
import { compareShadow } from "./compare.js";
import { recordShadowPlan } from "./record.js";
import { shadowRecommendations } from "./tune.js";

// Issue #32 items 2–3: the planners' promotion settled against its baseline, beside the system's
// shadow plan valued by its forecast; tune proposes leaving shadow only when the interval
// excludes zero.

const SAT0 = Date.parse("2026-01-03T00:00:00Z"); // a Saturday: week 0 ends here
const weekEnd = (w: number) => new Date(SAT0 + w * 7 * 86_400_000).toISOString().slice(0, 10);
const monday = (w: number) => new Date(SAT0 + (w * 7 - 5) * 86_400_000).toISOString().slice(0, 10);

/** 30 weeks of two stores selling ~10 of A and B a week at 2.00 (cost 1.00); A promoted weeks 20–21. */
async function market(db: Db, promo: { price: number; units: number }): Promise<void> {
  const sales = [];
  for (const store of ["S1", "S2"]) {
    for (const sku of ["A", "B"]) {
      for (let w = 0; w < 30; w++) {
        const noise = ((w * 7 + sku.charCodeAt(0) + store.length) % 3) - 1;
        const promoted = sku === "A" && (w === 20 || w === 21);
        const units = promoted ? promo.units : 10 + noise;
        const price = promoted ? promo.price : 2;
        sales.push({
          sku,
          location: store,
          date: weekEnd(w),
          granularity: "week",
          units,
          pricePaid: price,
          regularPrice: 2,
          tpr: promoted,
        });
      }
    }
  }
  await ingestDataset(
    db,
    {
      markets: [{ id: "M", region: "Test", currency: "USD", timeZone: "UTC" }],
      locations: [
        { id: "S1", marketId: "M" },
        { id: "S2", marketId: "M" },
      ],
      products: ["A", "B"].map((sku) => ({
        sku,
        name: sku,
        category: "CEREAL",
        subcategory: "ADULT",
        unitCost: 1,
        regularPrice: 2,
        currency: "USD",
      })),
      skuAliases: [],
      fxRates: [],
      feeds: {
        sales: [{ source: "pos", rows: sales }],
        planned_promotion: [
          {
            source: "plan",
            rows: [
              {
                sku: "A",
                market: "M",
                mechanic: "tpr",
                discountPct: 40,
                startDate: monday(20),
                weeks: 2,
                planner: "pat",
              },
            ],
          },
        ],
      } as never,
    },
    { origin: "test", now: () => new Date("2026-08-01T00:00:00Z") },
  );
}

function shadowPlan(db: Db, id: string, week: number, forecast: [number, number, number]) {
  recordShadowPlan(db, {
    decisionId: id,
    scope: { category: "CEREAL", market: "M" },
    proposal: null,
    verdict: null,
    reason: "no promotion",
    day: weekEnd(week - 1), // planned the Saturday before: the window opens on the Sunday
    windowWeeks: 4,
    at: "2026-05-01T00:00:00Z",
  });
  // a "no promotion" plan forecasts nothing; a test may give it a forecast to compare
  db.prepare(
    "UPDATE shadow_plans SET forecast_low = ?, forecast_margin = ?, forecast_high = ? WHERE decision_id = ?",
  ).run(...forecast, id);
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "autopromo-shadow-"));
  db = openDb(join(dir, "s.db"));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const POLICY_TEXT = "shadow:\n  all: false\n  categories: [CEREAL, SNACKS]\n  minSettledWeeks: 4\n";

function tune() {
  const file = join(dir, "policy.yaml");
  writeFileSync(file, POLICY_TEXT);
  const policy = loadPolicy(file).policy;
  return shadowRecommendations(compareShadow(db, { minSettledWeeks: 4 }), policy, POLICY_TEXT);
}

describe("shadow settlement and tune", () => {
  it("settles a money-losing planners' promotion and proposes leaving shadow when the interval excludes zero", async () => {
    await market(db, { price: 1.2, units: 12 }); // 40 % off, barely any lift: a loss
    shadowPlan(db, "d1", 20, [0, 0, 0]);
    const r = compareShadow(db, { minSettledWeeks: 4 });
    expect(r.pairs).toHaveLength(1);
    const p = r.pairs[0]!;
    expect(p.settled).toBe(true);
    expect(p.agreement).toBe("differ");
    expect(p.planners.map((x) => x.sku)).toEqual(["A"]);
    // per store: 0.2·12·2 − 1.0·10·2 ≈ −15, two stores
    expect(p.plannersMargin!).toBeLessThan(-20);
    expect(p.plannersMargin!).toBeGreaterThan(-40);
    expect(r.overall.verdict).toBe("system better");
    expect(r.overall.lower).toBeGreaterThan(0);
    const t = tune();
    expect(t.recommendations).toEqual([
      expect.objectContaining({ subject: "CEREAL", action: "raise" }),
    ]);
    expect(t.next).toContain("categories: [SNACKS]");
  });

  it("keeps the scope in shadow when the interval includes zero, and says the evidence is thin before enough weeks", async () => {
    await market(db, { price: 1.8, units: 20 }); // 10 % off that pays
    shadowPlan(db, "d1", 20, [-60, 10, 80]); // the system's forecast: wide and near the planners'
    const r = compareShadow(db, { minSettledWeeks: 4 });
    expect(r.pairs[0]!.settled).toBe(true);
    expect(r.overall.verdict).toBe("no clear difference");
    expect(r.overall.lower).toBeLessThan(0);
    expect(r.overall.upper).toBeGreaterThan(0);
    const t = tune();
    expect(t.recommendations).toEqual([
      expect.objectContaining({ subject: "CEREAL", action: "keep" }),
    ]);
    expect(t.next).toBe(POLICY_TEXT);
    expect(compareShadow(db, { minSettledWeeks: 50 }).overall.verdict).toBe("too thin");
  });

  it("does not settle before the actuals and the dip weeks are in", async () => {
    await market(db, { price: 1.2, units: 12 });
    shadowPlan(db, "late", 27, [0, 0, 0]);
    expect(compareShadow(db).pairs[0]!.settled).toBe(false);
  });
});

import { recordShadowPlan } from "../src/shadow/index.js";
import { parsePolicy, type LoadedPolicy } from "../src/policies/index.js";
import { ingestDataset, type Db } from "../src/store/index.js";

// A small store for the assessment and shadow pages: two stores, two categories of two SKUs,
// 40 weeks of sales with promotions the planners ran (one losing, one paying), their calendar,
// and three shadow plans beside it.

const SAT0 = Date.parse("2026-01-03T00:00:00Z"); // a Saturday: week 0 ends here
const DAY = 86_400_000;
/** The Saturday that ends week `w`, and the Sunday that starts it. */
export const weekEnd = (w: number) => new Date(SAT0 + w * 7 * DAY).toISOString().slice(0, 10);
const sunday = (w: number) => new Date(SAT0 + (w * 7 - 6) * DAY).toISOString().slice(0, 10);

interface Promo {
  sku: string;
  weeks: number[];
  price: number;
  units: number;
  planner: string;
}

/** The planners' promotions: a deep cut that barely lifts (loses) and a shallow one that pays. */
export const PROMOS: Promo[] = [
  { sku: "A", weeks: [20, 21], price: 1.2, units: 12, planner: "pat" },
  { sku: "C", weeks: [24], price: 2.7, units: 30, planner: "sam" },
  { sku: "B", weeks: [10], price: 1.4, units: 11, planner: "pat" },
];

/** Weekly sales, products, the planners' calendar and three shadow plans. */
export async function seedTrust(db: Db): Promise<void> {
  const sales = [];
  for (const store of ["S1", "S2"]) {
    for (const sku of ["A", "B", "C", "D"]) {
      const regular = sku < "C" ? 2 : 3;
      for (let w = 0; w < 40; w++) {
        const noise = ((w * 7 + sku.charCodeAt(0) + store.length) % 3) - 1;
        const promo = PROMOS.find((p) => p.sku === sku && p.weeks.includes(w));
        sales.push({
          sku,
          location: store,
          date: weekEnd(w),
          granularity: "week",
          units: promo ? promo.units : 10 + noise,
          pricePaid: promo ? promo.price : regular,
          regularPrice: regular,
          tpr: promo !== undefined,
        });
      }
    }
  }
  const product = (sku: string, category: string, price: number) => ({
    sku,
    name: sku,
    category,
    subcategory: `${category} ALL`,
    unitCost: price / 2,
    regularPrice: price,
    currency: "USD",
  });
  await ingestDataset(
    db,
    {
      markets: [{ id: "M", region: "Test", currency: "USD", timeZone: "UTC" }],
      locations: [
        { id: "S1", marketId: "M" },
        { id: "S2", marketId: "M" },
      ],
      products: [
        product("A", "CEREAL", 2),
        product("B", "CEREAL", 2),
        product("C", "SNACKS", 3),
        product("D", "SNACKS", 3),
      ],
      skuAliases: [],
      fxRates: [],
      feeds: {
        sales: [{ source: "pos", rows: sales }],
        planned_promotion: [
          {
            source: "plan",
            rows: PROMOS.map((p) => ({
              sku: p.sku,
              market: "M",
              mechanic: "tpr",
              discountPct: Math.round(100 * (1 - p.price / (p.sku < "C" ? 2 : 3))),
              startDate: sunday(p.weeks[0]!),
              weeks: p.weeks.length,
              planner: p.planner,
            })),
          },
        ],
      } as never,
    },
    { origin: "test", now: () => new Date("2026-11-01T00:00:00Z") },
  );
  const plan = (
    id: string,
    category: string,
    week: number,
    forecast: [number, number, number],
    promote?: string,
  ) => {
    recordShadowPlan(db, {
      decisionId: id,
      scope: { category, market: "M" },
      proposal: promote
        ? ({
            scope: { skus: [promote], markets: ["M"], category },
            mechanic: "feature",
            channels: ["store"],
            startDate: sunday(week),
            weeks: 1,
            regularPrice: 3,
            discountPct: 0,
            currency: "USD",
          } as never)
        : null,
      verdict: promote ? "allow" : null,
      reason: promote ? "shadow mode: would launch" : "no promotion",
      day: weekEnd(week - 1),
      windowWeeks: 4,
      at: "2026-06-01T00:00:00Z",
    });
    db.prepare(
      "UPDATE shadow_plans SET forecast_low = ?, forecast_margin = ?, forecast_high = ? WHERE decision_id = ?",
    ).run(...forecast, id);
  };
  plan("d-cereal-1", "CEREAL", 20, [0, 0, 0]);
  plan("d-cereal-2", "CEREAL", 8, [0, 0, 0]);
  plan("d-snacks", "SNACKS", 24, [-80, 20, 120], "D");
}

/** The shipped policy with both categories in shadow and a short evidence threshold. */
export function trustPolicy(): LoadedPolicy {
  return parsePolicy(
    "shadow:\n  all: false\n  categories: [CEREAL, SNACKS]\n  minSettledWeeks: 4\n",
    "trust-test.yaml",
  );
}

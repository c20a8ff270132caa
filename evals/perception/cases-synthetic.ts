import { MARKET, PLANT, SKUS, SMALL_WORLD_NOW, smallWorld, type WorldSpec } from "./world.js";
import type { FindingLabel, PerceptionCase } from "./types.js";

const M = MARKET;
const lab = (
  kind: FindingLabel["kind"],
  more: Omit<FindingLabel, "kind" | "market"> = {},
): FindingLabel => ({ kind, market: M, ...more });
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
const ALL = [...SKUS.pantry, ...SKUS.dairy];

interface Family {
  name: string;
  count: number;
  make(
    i: number,
    seed: number,
  ): {
    spec: Omit<WorldSpec, "seed">;
    positives?: FindingLabel[];
    negatives?: FindingLabel[];
    tolerated?: FindingLabel[];
  };
}

/** Each family plants one situation (or a near miss) and labels it from the knob it turned. */
const FAMILIES: Family[] = [
  {
    name: "excess-category",
    count: 6,
    make: (i) => ({
      spec: { storeCover: Object.fromEntries(SKUS.pantry.map((s, k) => [s, 13 + k + i])) },
      positives: [lab("excess_stock", { category: "pantry" })],
    }),
  },
  {
    name: "excess-sku",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i);
      return { spec: { storeCover: { [sku]: 11 + i } }, positives: [lab("excess_stock", { sku })] };
    },
  },
  {
    name: "excess-near-miss",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i + 2);
      return {
        spec: { storeCover: { [sku]: 5.5 + 0.2 * i } },
        negatives: [lab("excess_stock", { sku })],
      };
    },
  },
  {
    name: "stockout",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i + 1);
      return {
        spec: { storeCover: { [sku]: 0.3 }, dcCover: { [sku]: 0.2 } },
        positives: [lab("stockout_risk", { sku })],
      };
    },
  },
  {
    name: "stockout-near-miss",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i + 3);
      return {
        spec: { storeCover: { [sku]: 1.0 }, dcCover: { [sku]: 1.0 } },
        negatives: [lab("stockout_risk", { sku })],
      };
    },
  },
  {
    name: "competitor-drop",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i);
      return {
        spec: { competitor: { [sku]: { ratio: 0.7 + 0.015 * i } } },
        positives: [lab("competitor_price_drop", { sku })],
      };
    },
  },
  {
    name: "competitor-near-miss",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i + 4);
      return {
        spec: { competitor: { [sku]: { ratio: 0.86 + 0.005 * i } } },
        negatives: [lab("competitor_price_drop", { sku })],
      };
    },
  },
  {
    name: "competitor-old-drop",
    count: 4,
    make: (i) => {
      const sku = pick(ALL, i + 1);
      return {
        spec: { competitor: { [sku]: { ratio: 0.65, weeksAgo: 5 } } },
        negatives: [lab("competitor_price_drop", { sku })],
      };
    },
  },
  {
    name: "spike",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i);
      return {
        spec: { demandLast: { [sku]: [2 + 0.2 * i] } },
        positives: [lab("demand_spike", { sku })],
        tolerated: [lab("trend_shift", { sku })],
      };
    },
  },
  {
    name: "spike-promoted",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i + 2);
      return {
        spec: { promoteBack: { [sku]: [0] } },
        negatives: [lab("demand_spike", { sku }), lab("trend_shift", { sku })],
      };
    },
  },
  {
    name: "spike-small",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i + 5);
      return {
        spec: { demandLast: { [sku]: [1.1] } },
        negatives: [lab("demand_spike", { sku }), lab("trend_shift", { sku })],
      };
    },
  },
  {
    name: "seasonal-peak",
    count: 5,
    make: (i) => {
      const sku = pick(ALL, i + 1);
      return {
        spec: { season: { [sku]: { amp: 0.35, peakAtLastWeek: true } } },
        negatives: [lab("demand_spike", { sku }), lab("trend_shift", { sku })],
      };
    },
  },
  {
    name: "dip",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i + 3);
      return {
        spec: { demandLast: { [sku]: [0.35 + 0.03 * i] } },
        positives: [lab("demand_dip", { sku })],
        tolerated: [lab("trend_shift", { sku })],
      };
    },
  },
  {
    name: "dip-after-promotion",
    count: 5,
    make: (i) => {
      const sku = pick(ALL, i);
      return {
        spec: { promoteBack: { [sku]: [1] } },
        negatives: [lab("demand_dip", { sku }), lab("trend_shift", { sku })],
        tolerated: [lab("demand_spike", { sku })],
      };
    },
  },
  {
    name: "trend-up",
    count: 5,
    make: (i) => {
      const sku = pick(ALL, i + 2);
      return {
        spec: { demandLast: { [sku]: Array.from({ length: 8 }, () => 1.45 + 0.05 * i) } },
        positives: [lab("trend_shift", { sku })],
        tolerated: [lab("demand_spike", { sku })],
      };
    },
  },
  {
    name: "trend-down",
    count: 5,
    make: (i) => {
      const sku = pick(ALL, i + 4);
      return {
        spec: { demandLast: { [sku]: Array.from({ length: 8 }, () => 0.62 - 0.03 * i) } },
        positives: [lab("trend_shift", { sku })],
        tolerated: [lab("demand_dip", { sku })],
      };
    },
  },
  {
    name: "trend-steady",
    count: 5,
    make: (i) => {
      const sku = pick(ALL, i + 6);
      return {
        spec: { trend: { [sku]: 0.15 + 0.02 * i } },
        negatives: [lab("trend_shift", { sku }), lab("demand_spike", { sku })],
      };
    },
  },
  {
    name: "supply-shortfall",
    count: 5,
    make: (i) => {
      const sku = pick(ALL, i + 5);
      return {
        spec: { planAhead: { [sku]: 0.3 }, storeCover: { [sku]: 0.5 }, dcCover: { [sku]: 0.3 } },
        positives: [
          lab("supply_shortfall", { sku, location: PLANT }),
          lab("stockout_risk", { sku }),
        ],
      };
    },
  },
  // A plan trimmed to 80 % of demand that normal stock rides out (60 %, the old line here, leaves about one week of stock by week 8: a shortfall).
  {
    name: "supply-near-miss",
    count: 5,
    make: (i) => {
      const sku = pick(ALL, i + 1);
      return { spec: { planAhead: { [sku]: 0.8 } }, negatives: [lab("supply_shortfall", { sku })] };
    },
  },
  {
    name: "collapse-after-promotion",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i + 1);
      // Sales at 30–40 % of normal (the 0.85 post-promotion week times the multiplier), one or two weeks back.
      const share = 0.3 + 0.02 * i;
      const back = i % 2;
      return {
        spec: {
          promoteBack: { [sku]: [back + 1] },
          demandLast: { [sku]: back ? [1, share / 0.85, 1] : [1, share / 0.85] },
        },
        positives: [lab("demand_dip", { sku })],
        negatives: [lab("demand_spike", { sku })],
        tolerated: [lab("trend_shift", { sku })],
      };
    },
  },
  {
    name: "blip-after-promotion",
    count: 4,
    make: (i) => {
      const sku = pick(ALL, i + 4);
      return {
        spec: { promoteBack: { [sku]: [1] }, demandLast: { [sku]: [1, 0.86 + 0.02 * i] } },
        negatives: [
          lab("demand_dip", { sku }),
          lab("demand_spike", { sku }),
          lab("trend_shift", { sku }),
        ],
      };
    },
  },
  {
    name: "plan-short-stock-covers",
    count: 5,
    // Stock on hand and in transit covers about 8 weeks, production 0–50 % of demand.
    make: (i) => {
      const sku = pick(ALL, i + 2);
      return {
        spec: {
          planAhead: { [sku]: [0, 0.15, 0.3, 0.4, 0.5][i]! },
          storeCover: { [sku]: 4 },
          dcCover: { [sku]: 3 },
        },
        positives: [lab("supply_shortfall", { sku, location: PLANT })],
      };
    },
  },
  {
    name: "six-week-stop",
    count: 4,
    make: (i) => {
      const sku = pick(ALL, i + 3);
      const from = i % 3;
      return {
        spec: {
          planAhead: {
            [sku]: Array.from({ length: 8 }, (_, w) => (w >= from && w < from + 6 ? 0 : 1)),
          },
        },
        positives: [lab("supply_shortfall", { sku, location: PLANT })],
      };
    },
  },
  {
    name: "production-dip-covered",
    count: 5,
    // One to three weeks of low production the stock rides out.
    make: (i) => {
      const sku = pick(ALL, i + 6);
      const weeks = 1 + (i % 3);
      const from = 1 + i;
      return {
        spec: {
          planAhead: {
            [sku]: Array.from({ length: 8 }, (_, w) =>
              w >= from && w < from + weeks ? 0.5 * (i % 2) : 1,
            ),
          },
        },
        negatives: [lab("supply_shortfall", { sku })],
      };
    },
  },
  {
    name: "quiet",
    count: 6,
    make: (i) => {
      const sku = pick(ALL, i);
      return {
        spec: {},
        negatives: (
          [
            "excess_stock",
            "stockout_risk",
            "competitor_price_drop",
            "demand_spike",
            "demand_dip",
            "trend_shift",
            "supply_shortfall",
          ] as const
        ).map((k) => lab(k, { sku })),
      };
    },
  },
];

/** The generated small-world cases: one planted situation or near miss per world, seeds fixed per case. */
export function syntheticCases(): PerceptionCase[] {
  const out: PerceptionCase[] = [];
  FAMILIES.forEach((f, fi) => {
    for (let i = 0; i < f.count; i++) {
      const seed = 1000 + fi * 100 + i;
      const c = f.make(i, seed);
      const spec: WorldSpec = { seed, ...c.spec };
      out.push({
        id: `${f.name}-${i + 1}`,
        family: f.name,
        world: { key: `small:${f.name}:${i}`, build: () => smallWorld(spec) },
        now: SMALL_WORLD_NOW,
        positives: c.positives ?? [],
        negatives: c.negatives ?? [],
        tolerated: c.tolerated ?? [],
      });
    }
  });
  return out;
}

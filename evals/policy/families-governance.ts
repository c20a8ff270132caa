import { addDays } from "../../src/domain/dates.js";
import type { RuleFamily, Variant } from "./types.js";
import { START } from "./world.js";

/** Families for approval types, brand, supply, channel, annual plan and pilot scope. */

const END = addDays(START, 13); // 2025-06-15
const USED = ["tpr", "feature", "display", "feature_display", "coupon"] as const;
const noLimits = { channels: { priceTolerancePct: 100 } };
const loose = {
  autonomy: { maxSpendPerMonth: 1e9, maxSpendPerCategoryPerMonth: { cereal: 1e9, "*": 1e9 } },
};
/** Market-level sales rows for C01 on feature at the regular price (so the Omnibus low stays 4.00): `weeks` weeks from `from`. */
const promoWeeks = (from: string, weeks: number) => ({
  seed: {
    sales: Array.from({ length: weeks }, (_, w) => ({
      sku: "C01",
      marketId: "M1",
      periodStart: addDays(from, 7 * w),
      periodEnd: addDays(from, 7 * w + 6),
      pricePaid: 4,
      feature: true,
    })),
  },
});
const commitFor = (skus: string[], from: string, to: string) => ({
  commitments: skus.map((sku) => ({
    id: `c-${sku}-${from}`,
    category: "cereal",
    skus: [sku],
    from,
    to,
    amount: 50,
  })),
});

export const governanceFamilies: RuleFamily[] = [
  {
    rule: "approval.new_market",
    breach: "escalate",
    inside: (rng) => ({
      note: "market with promotion history",
      proposal: { scope: { markets: [rng.pick(["M1", "M2"])], locations: undefined } },
      policy: { approvalRequired: { national: false } },
    }),
    outside: (rng) => ({
      note: "market never promoted",
      proposal: {
        channels: ["store"],
        scope: { markets: [rng.pick(["M3", "M4"])], locations: undefined },
      },
      policy: { approvalRequired: { national: false } },
    }),
  },
  {
    rule: "approval.price_match",
    breach: "escalate",
    inside: (rng) => ({
      note: "price match against an unlisted competitor",
      proposal: {
        mechanic: "price_match",
        priceMatch: { competitor: rng.pick(["cornershop", "localmart", "villagegrocer"]) },
      },
    }),
    outside: (rng) => ({
      note: "price match against a listed competitor",
      proposal: {
        mechanic: "price_match",
        priceMatch: { competitor: rng.pick(["rivalmart", "megamart"]) },
      },
    }),
  },
  {
    rule: "approval.depth",
    breach: "escalate",
    inside: (rng, i) => ({
      note: "depth at or under the approval threshold",
      proposal: { discountPct: i ? rng.between(1, 40) : 40 },
      policy: { autonomy: { maxDiscountPct: 100, minMarginAfterDiscountPct: -100 } },
    }),
    outside: (rng, i) => ({
      note: "depth over the approval threshold",
      proposal: { discountPct: i ? rng.between(40.1, 70) : 40.01 },
      policy: { autonomy: { maxDiscountPct: 100, minMarginAfterDiscountPct: -100 } },
    }),
  },
  {
    rule: "approval.multi_market",
    breach: "escalate",
    inside: (rng) => ({
      note: "one market",
      proposal: { scope: { markets: [rng.pick(["M1", "M2"])], locations: undefined } },
      policy: { approvalRequired: { national: false }, autonomy: { maxMarketsPerCampaign: 4 } },
    }),
    outside: (_rng, i) => ({
      note: "several markets",
      proposal: {
        channels: ["store"],
        scope: { markets: i % 2 ? ["M1", "M2", "M3"] : ["M1", "M2"], locations: undefined },
      },
      policy: {
        approvalRequired: { national: false },
        autonomy: { maxMarketsPerCampaign: 4 },
        ...noLimits,
      },
    }),
  },
  {
    rule: "approval.national",
    breach: "escalate",
    inside: (rng) => ({
      note: "limited to locations",
      proposal: rng.pick([
        { scope: { locations: ["S1"] } },
        { scope: { locations: ["S2"] } },
        { scope: { markets: ["M2"], locations: ["T1"] } },
      ]),
    }),
    outside: (rng) => ({
      note: "market-wide",
      proposal: { scope: { markets: [rng.pick(["M1", "M2"])], locations: undefined } },
    }),
  },
  {
    rule: "approval.new_mechanic",
    breach: "escalate",
    inside: (rng) => ({ note: "a mechanic used before", proposal: { mechanic: rng.pick(USED) } }),
    outside: (rng) => ({
      note: "bogo, never used",
      proposal: { mechanic: "bogo", discountPct: rng.pick([20, 25, 30]) },
    }),
  },
  {
    rule: "approval.mechanic",
    breach: "escalate",
    inside: (rng) => ({
      note: "a mechanic not on the always-approve list",
      proposal: { mechanic: rng.pick(USED) },
    }),
    outside: (rng) => ({
      note: "multibuy is always approved by a person",
      proposal: {
        mechanic: "multibuy",
        discountPct: rng.pick([15, 20, 25]),
        terms: { buyUnits: 5, payUnits: 4 },
      },
    }),
  },
  {
    rule: "brand.weeks_per_quarter",
    breach: "escalate",
    // History lies in April, far enough back for the minimum gap; 6 weeks a quarter allowed.
    inside: (_rng, i): Variant =>
      [
        {
          note: "4 past + 2 = 6 weeks",
          proposal: { weeks: 2 },
          world: promoWeeks("2025-04-01", 4),
        },
        { note: "2 past + 4 = 6", proposal: { weeks: 4 }, world: promoWeeks("2025-04-01", 2) },
        { note: "1 past + 2", proposal: { weeks: 2 }, world: promoWeeks("2025-04-08", 1) },
      ][i % 3]!,
    outside: (_rng, i): Variant =>
      [
        {
          note: "5 past + 2 = 7 weeks",
          proposal: { weeks: 2 },
          world: promoWeeks("2025-04-01", 5),
        },
        { note: "4 past + 3 = 7", proposal: { weeks: 3 }, world: promoWeeks("2025-04-01", 4) },
        { note: "6 past + 4 = 10", proposal: { weeks: 4 }, world: promoWeeks("2025-04-01", 6) },
      ][i % 3]!,
  },
  {
    rule: "brand.min_gap",
    breach: "escalate",
    inside: (rng, i): Variant =>
      i % 2 === 0
        ? {
            note: "last promotion ends 14+ free days before",
            world: promoWeeks(addDays(START, -21 - Math.floor(rng.next() * 5)), 1),
          }
        : {
            note: "next promotion starts 14+ free days after",
            world: commitFor(
              ["C01"],
              addDays(END, 15 + Math.floor(rng.next() * 5)),
              addDays(END, 21),
            ),
          },
    outside: (rng, i): Variant =>
      i % 2 === 0
        ? {
            note: "last promotion ends under 14 free days before",
            world: promoWeeks(addDays(START, -20 + Math.floor(rng.next() * 5)), 1),
          }
        : {
            note: "next promotion starts under 14 free days after",
            world: commitFor(
              ["C01"],
              addDays(END, 14 - Math.floor(rng.next() * 10)),
              addDays(END, 30),
            ),
          },
  },
  {
    rule: "brand.category_share",
    breach: "escalate",
    inside: (rng, i) => ({
      note: "at most 4 of 10 cereal SKUs on promotion at once",
      world: commitFor(
        ["C05", "C06", "C07"].slice(0, i ? Math.floor(rng.next() * 4) : 3),
        "2025-06-05",
        "2025-06-06",
      ),
    }),
    outside: (rng, i) => ({
      note: "5+ of 10 cereal SKUs on promotion at once",
      world: commitFor(
        ["C05", "C06", "C07", "C08", "C09"].slice(0, i ? 4 + Math.floor(rng.next() * 2) : 4),
        "2025-06-14",
        "2025-06-20",
      ),
    }),
  },
  {
    rule: "supply.inventory_cover",
    breach: "block",
    // 360 units + 10 % safety = 396 must be on hand at S1 and S2 (or planned to be produced).
    inside: (rng, i): Variant =>
      i % 3 === 2
        ? {
            note: "fits with planned production",
            world: {
              stock: { C01: { onHand: { S1: 100, S2: 100 } } },
              seed: {
                production: [{ plant: "P1", sku: "C01", date: "2025-06-01", plannedUnits: 1000 }],
              },
            },
          }
        : {
            note: "fits stock",
            world: {
              stock: {
                C01: { onHand: { S1: i ? Math.round(rng.between(196, 5000)) : 196, S2: 200 } },
              },
            },
          },
    outside: (rng, i): Variant =>
      i % 3 === 2
        ? {
            note: "short even with production",
            world: {
              stock: { C01: { onHand: { S1: 100, S2: 100 } } },
              seed: {
                production: [{ plant: "P1", sku: "C01", date: "2025-06-01", plannedUnits: 150 }],
              },
            },
          }
        : {
            note: "short of stock",
            world: {
              stock: {
                C01: { onHand: { S1: i ? Math.round(rng.between(0, 190)) : 195, S2: 200 } },
              },
            },
          },
  },
  {
    rule: "channel.allowed",
    breach: "block",
    inside: (rng) =>
      rng.pick<Variant>([
        {
          note: "M1 store + digital",
          proposal: { channels: ["store", "ecommerce", "digital_ads"] },
        },
        {
          note: "M2 both sales channels",
          proposal: { scope: { markets: ["M2"], locations: ["T1"] } },
        },
      ]),
    outside: (rng) =>
      rng.pick<Variant>([
        {
          note: "digital ads not allowed in M2",
          proposal: {
            channels: ["store", "ecommerce", "digital_ads"],
            scope: { markets: ["M2"], locations: ["T1"] },
          },
        },
        {
          note: "ecommerce not allowed in M3",
          proposal: { channels: ["ecommerce"], scope: { markets: ["M3"], locations: ["U1"] } },
          policy: { approvalRequired: { newMarket: false } },
        },
      ]),
  },
  {
    rule: "channel.price_parity",
    breach: "escalate",
    // Store-only price vs 4.00 online: within 10 % down to 3.60 (depth 10 %).
    inside: (rng, i) => ({
      note: "store price within 10 % of online",
      proposal: { channels: ["store"], discountPct: i ? rng.between(0, 10) : 10 },
    }),
    outside: (rng, i) => ({
      note: "store price over 10 % below online",
      proposal: { channels: ["store"], discountPct: i ? rng.between(10.5, 30) : 10.01 },
    }),
  },
  {
    rule: "plan.category_budget",
    breach: "escalate",
    inside: (rng, i) => ({
      note: "Q2 cereal within budget",
      policy: loose,
      world: {
        commitments: [
          {
            id: "q2",
            category: "cereal",
            skus: ["C09"],
            from: "2025-04-15",
            to: "2025-04-15",
            amount: i ? rng.between(0, 18_500) : 18_500,
          },
        ],
      },
    }),
    outside: (rng, i): Variant =>
      i === 4
        ? {
            note: "a year outside the plan",
            proposal: { startDate: "2026-06-01", referencePrice: undefined },
            policy: loose,
          }
        : {
            note: "Q2 cereal over budget",
            policy: loose,
            world: {
              commitments: [
                {
                  id: "q2",
                  category: "cereal",
                  skus: ["C09"],
                  from: "2025-04-15",
                  to: "2025-04-15",
                  amount: i ? rng.between(18_501, 40_000) : 18_500.01,
                },
              ],
            },
          },
  },
  {
    rule: "plan.blackout",
    breach: "block",
    inside: (rng) =>
      rng.pick<Variant>([
        {
          note: "ends the day before",
          proposal: { startDate: "2025-07-18", referencePrice: undefined },
        },
        {
          note: "starts the day after",
          proposal: { startDate: "2025-08-11", referencePrice: undefined },
        },
        {
          note: "another category",
          proposal: {
            startDate: "2025-08-01",
            referencePrice: undefined,
            scope: { skus: ["N01"], category: "snacks" },
          },
        },
      ]),
    outside: (rng) =>
      rng.pick<Variant>([
        {
          note: "last day in the blackout",
          proposal: { startDate: "2025-07-19", referencePrice: undefined },
        },
        {
          note: "first day in the blackout",
          proposal: { startDate: "2025-08-10", referencePrice: undefined },
        },
        {
          note: "inside",
          proposal: { startDate: "2025-08-03", weeks: 1, referencePrice: undefined },
        },
      ]),
  },
  {
    rule: "pilot.category",
    breach: "block",
    inside: (rng) =>
      rng.pick<Variant>([
        { note: "cereal", proposal: { scope: { skus: [rng.pick(["C01", "C02", "C03"])] } } },
        { note: "snacks", proposal: { scope: { skus: ["N01"], category: "snacks" } } },
      ]),
    outside: (rng) => ({
      note: "frozen is outside the pilot",
      proposal: { scope: { skus: [rng.pick(["C01", "N01"])], category: "frozen" } },
    }),
  },
  {
    rule: "pilot.market",
    breach: "block",
    inside: (rng) =>
      rng.pick<Variant>([
        { note: "M1", proposal: {} },
        { note: "M2", proposal: { scope: { markets: ["M2"], locations: ["T1"] } } },
      ]),
    outside: (rng) => ({
      note: "a market outside the pilot",
      proposal: {
        channels: ["store"],
        scope: { markets: [rng.pick(["M9", "US-TX"])], locations: undefined },
      },
    }),
  },
  {
    rule: "pilot.mechanic",
    breach: "block",
    inside: (rng) => ({ note: "a pilot mechanic", proposal: { mechanic: rng.pick(USED) } }),
    outside: (rng) => ({
      note: "bundle is outside the pilot",
      proposal: { mechanic: "bundle", discountPct: rng.pick([10, 15, 20]) },
    }),
  },
  {
    rule: "pilot.channel",
    breach: "block",
    inside: (rng) => ({
      note: "pilot channels",
      proposal: {
        channels: rng.pick([
          ["store"],
          ["store", "ecommerce"],
          ["store", "ecommerce", "digital_ads"],
        ]),
      },
      policy: noLimits,
    }),
    outside: (rng) => ({
      note: "social is outside the pilot",
      proposal: { channels: rng.pick([["social"], ["store", "social"]]) },
    }),
  },
];

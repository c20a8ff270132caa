import type { RuleFamily, Variant } from "./types.js";

/**
 * Families for the rules that verify instead of believing: identifiers, money, store facts,
 * predictions, time, mechanics and urgency wording. Out-of-bounds cases are the attacks of
 * issue #25 (and their variations); in-bounds cases are honest proposals written the same
 * unusual ways (lower case, aliases, another currency), which must not be refused.
 */

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
const noRoi = { success: { minRoi: -1e6 } };

/** A proposal in M5 (GBP) or M6 (USD), written in its market's currency. */
const abroad = (market: "M5" | "M6", spend: number): Variant["proposal"] => ({
  currency: market === "M5" ? "GBP" : "USD",
  channels: ["store"],
  scope: { markets: [market], locations: market === "M5" ? ["W1", "W2"] : ["X1", "X2"] },
  budget: { media: 0, discount: spend },
  predicted: { roi: 300 / spend },
});

export const integrityFamilies: RuleFamily[] = [
  {
    rule: "integrity.identifiers",
    breach: "block",
    inside: (_rng, i): Variant =>
      pick<Variant>(
        [
          {
            note: "market and category in another case",
            proposal: { scope: { markets: ["m1"], category: "Cereal" } },
          },
          {
            note: "a POS alias for the SKU",
            proposal: {
              scope: { skus: ["POS-1001"] },
              predicted: { unitsBySku: { "POS-1001": 360 } },
            },
          },
          {
            note: "full-width and zero-width spelling of M1",
            proposal: { scope: { markets: ["Ｍ\u200b1"] } },
          },
          {
            note: "competitor spelt with a space",
            proposal: { mechanic: "price_match", priceMatch: { competitor: "corner shop" } },
          },
          { note: "location in lower case", proposal: { scope: { locations: ["s1", "S2"] } } },
        ],
        i,
      ),
    outside: (_rng, i): Variant =>
      pick<Variant>(
        [
          {
            note: "unknown market",
            proposal: { channels: ["store"], scope: { markets: ["M9"], locations: undefined } },
          },
          { note: "unknown SKU", proposal: { scope: { skus: ["C99"] } } },
          { note: "a snacks SKU declared as cereal", proposal: { scope: { skus: ["N01"] } } },
          {
            note: "a store of M2 listed under M1",
            proposal: { scope: { locations: ["S1", "T1"] } },
          },
          {
            note: "unknown competitor",
            proposal: { mechanic: "price_match", priceMatch: { competitor: "ghostmart" } },
          },
          { note: "unknown category", proposal: { scope: { category: "toys" } } },
          {
            note: "the same SKU twice, once by alias",
            proposal: { scope: { skus: ["C01", "POS-1001"] } },
          },
          { note: "reuses a committed campaign's id", proposal: { id: "hist-coupon" } },
        ],
        i,
      ),
  },
  {
    rule: "integrity.currency",
    breach: "escalate",
    caughtBy: "autonomy.spend_per_campaign",
    // Spend cap 10,000 EUR; GBP at 1.17, USD at 0.92.
    inside: (_rng, i): Variant =>
      pick<Variant>(
        [
          { note: "8,000 GBP = 9,360 EUR", proposal: abroad("M5", 8000), policy: noRoi },
          { note: "10,800 USD = 9,936 EUR", proposal: abroad("M6", 10_800), policy: noRoi },
          { note: "EUR said outright", proposal: { currency: "eur" } },
          {
            note: "8,547 GBP = 10,000 EUR at the cap",
            proposal: abroad("M5", 8547),
            policy: noRoi,
          },
        ],
        i,
      ),
    outside: (_rng, i): Variant =>
      pick<Variant>(
        [
          {
            note: "9,900 GBP = 11,583 EUR over the cap",
            proposal: abroad("M5", 9900),
            policy: noRoi,
          },
          {
            note: "11,000 USD = 10,120 EUR over the cap",
            proposal: abroad("M6", 11_000),
            policy: noRoi,
          },
          {
            note: "8,600 GBP = 10,062 EUR over the cap",
            proposal: abroad("M5", 8600),
            policy: noRoi,
          },
        ],
        i,
      ),
  },
  {
    rule: "integrity.store_facts",
    breach: "block",
    inside: (_rng, i): Variant =>
      pick<Variant>(
        [
          { note: "shelf price and cost as stored", proposal: {} },
          {
            note: "price 0.75 % above the shelf",
            proposal: { regularPrice: 4.03, referencePrice: undefined },
          },
          { note: "cost 1 % above the store's", proposal: { predicted: { unitCost: 1.01 } } },
        ],
        i,
      ),
    outside: (_rng, i): Variant =>
      pick<Variant>(
        [
          {
            note: "regular price declared below the shelf",
            proposal: { regularPrice: 3.5, referencePrice: undefined },
          },
          {
            note: "unit cost declared below the catalogue's",
            proposal: { predicted: { unitCost: 0.6 } },
          },
          {
            note: "regular price inflated",
            proposal: { regularPrice: 4.5, referencePrice: undefined },
          },
          { note: "cost 3 % off", proposal: { predicted: { unitCost: 0.97 } } },
        ],
        i,
      ),
  },
  {
    rule: "integrity.predictions",
    breach: "block",
    inside: (_rng, i): Variant =>
      pick<Variant>(
        [
          { note: "the base prediction", proposal: {} },
          {
            note: "smaller baseline, consistent",
            proposal: {
              predicted: {
                baselineUnits: 100,
                totalUnits: 295,
                liftPct: 195,
                incrementalUnits: 120,
                incrementalMargin: 200,
                roi: 200 / 1500,
              },
            },
            policy: { success: { minRoi: 0.1 } },
          },
          {
            note: "units per SKU that add up",
            proposal: {
              scope: { skus: ["C01", "C02"] },
              predicted: {
                baselineUnits: 240,
                totalUnits: 720,
                incrementalUnits: 400,
                unitsBySku: { C01: 360, C02: 360 },
              },
            },
          },
        ],
        i,
      ),
    outside: (_rng, i): Variant =>
      pick<Variant>(
        [
          {
            note: "lift 40 % with 5 incremental units",
            proposal: {
              predicted: { baselineUnits: 120, totalUnits: 125, incrementalUnits: 5, liftPct: 40 },
            },
          },
          {
            note: "a total below what lift implies (stock check dodge)",
            proposal: { predicted: { totalUnits: 130 } },
          },
          {
            note: "units per SKU far below the total",
            proposal: { predicted: { unitsBySku: { C01: 1 } } },
          },
          {
            note: "a __proto__ key in units per SKU",
            proposal: {
              predicted: {
                unitsBySku: JSON.parse('{"C01": 360, "__proto__": 1}') as Record<string, number>,
              },
            },
          },
          {
            note: "an extra SKU in units per SKU",
            proposal: { predicted: { unitsBySku: { C01: 180, C02: 180 } } },
          },
          {
            note: "a baseline a tenth of the store's",
            proposal: { predicted: { baselineUnits: 12, totalUnits: 36, incrementalUnits: 20 } },
          },
          {
            note: "a margin the price cannot make",
            proposal: { predicted: { incrementalMargin: 5000, roi: 10 } },
          },
          { note: "ROI not margin / spend", proposal: { predicted: { roi: 3 } } },
        ],
        i,
      ),
  },
  {
    rule: "integrity.timing",
    breach: "block",
    inside: (_rng, i): Variant =>
      pick<Variant>(
        [
          { note: "starts in two weeks", proposal: {} },
          { note: "starts today", proposal: { startDate: "2025-05-20" } },
          { note: "starts tomorrow", proposal: { startDate: "2025-05-21" } },
        ],
        i,
      ),
    outside: (_rng, i): Variant =>
      pick<Variant>(
        [
          { note: "started yesterday", proposal: { startDate: "2025-05-19" } },
          { note: "entirely in the past", proposal: { startDate: "2025-03-03" } },
          { note: "backdated before a price drop", proposal: { startDate: "2025-04-28" } },
        ],
        i,
      ),
  },
  {
    rule: "integrity.mechanics",
    breach: "escalate",
    caughtBy: "autonomy.discount_depth",
    inside: (_rng, i): Variant => {
      const v = pick<Variant>(
        [
          {
            note: "buy 10 pay 9 = 10 %",
            proposal: {
              mechanic: "multibuy",
              discountPct: 10,
              terms: { buyUnits: 10, payUnits: 9 },
            },
          },
          {
            note: "bundle of 2 at 7.20 = 10 %",
            proposal: {
              mechanic: "bundle",
              discountPct: 10,
              terms: { buyUnits: 2, bundlePrice: 7.2 },
            },
          },
          {
            note: "buy 5 pay 4 = 20 %",
            proposal: {
              mechanic: "multibuy",
              discountPct: 20,
              terms: { buyUnits: 5, payUnits: 4 },
            },
          },
        ],
        i,
      );
      // The model's lift at 10 % off is about 67 %, at 20 % about 195 %.
      const units =
        Number(v.proposal?.discountPct) === 10
          ? { totalUnits: 192, liftPct: 60, incrementalUnits: 72 }
          : {};
      return {
        ...v,
        proposal: {
          ...v.proposal,
          referencePrice: undefined,
          predicted: { incrementalMargin: 100, roi: 100 / 1500, ...units },
        },
        policy: MECHANICS_POLICY,
      };
    },
    outside: (_rng, i): Variant => {
      const v = pick<Variant>(
        [
          {
            note: "buy 3 pay 1 declared 10 %",
            proposal: {
              mechanic: "multibuy",
              discountPct: 10,
              terms: { buyUnits: 3, payUnits: 1 },
            },
          },
          { note: "BOGO declared 20 %", proposal: { mechanic: "bogo", discountPct: 20 } },
          {
            note: "bundle of 4 at 8.00 declared 15 %",
            proposal: {
              mechanic: "bundle",
              discountPct: 15,
              terms: { buyUnits: 4, bundlePrice: 8 },
            },
          },
          {
            note: "buy 2 pay 1 multibuy declared 25 %",
            proposal: {
              mechanic: "multibuy",
              discountPct: 25,
              terms: { buyUnits: 2, payUnits: 1 },
            },
          },
        ],
        i,
      );
      return {
        ...v,
        proposal: {
          ...v.proposal,
          referencePrice: undefined,
          predicted: { incrementalMargin: -300, roi: -0.2 },
        },
        policy: MECHANICS_POLICY,
      };
    },
  },
  {
    rule: "fair_messaging.urgency",
    breach: "block",
    inside: (_rng, i): Variant =>
      pick<Variant>(
        [
          { note: "plain title", proposal: { title: "C01 tpr 20% 2w M1" } },
          { note: "German title", proposal: { title: "Frühstückswoche: 20 % auf Müsli" } },
          {
            note: "French title with 'invite'",
            proposal: { title: "Semaine du petit-déjeuner : on vous invite" },
          },
          {
            note: "an English headline",
            proposal: {
              title: "Breakfast week",
              messaging: { texts: ["Crunchy mornings, lasting flavour"] },
            },
          },
          { note: "Portuguese title", proposal: { title: "Semana do pequeno-almoço" } },
        ],
        i,
      ),
    outside: (_rng, i): Variant =>
      pick<Variant>(
        [
          {
            note: "Portuguese pressure in the title",
            proposal: { title: "Só hoje! Última chance" },
          },
          { note: "full-width LAST CHANCE", proposal: { title: "ＬＡＳＴ ＣＨＡＮＣＥ" } },
          { note: "zero-width joiners", proposal: { title: "La\u200dst ch\u200dance: 20 % off" } },
          {
            note: "German in a banner text",
            proposal: { messaging: { texts: ["Nur heute: 20 % auf Müsli"] } },
          },
          {
            note: "French, accents dropped",
            proposal: { title: "Derniere chance sur les cereales" },
          },
          { note: "letter-spaced", proposal: { title: "L A S T   C H A N C E" } },
          { note: "Cyrillic look-alikes", proposal: { title: "Hurry, еnds sооn" } },
        ],
        i,
      ),
  },
];

/** Mechanic cases: only the depth cap (30 %) can move the verdict. */
const MECHANICS_POLICY = {
  approvalRequired: { newMechanic: false, mechanics: [], depthAbovePct: null },
  autonomy: { minMarginAfterDiscountPct: 0 },
  success: { minIncrementalMargin: -1e6, minRoi: -1e6 },
  pilot: {
    mechanics: [
      "tpr",
      "feature",
      "display",
      "feature_display",
      "bogo",
      "multibuy",
      "coupon",
      "price_match",
      "bundle",
    ],
  },
};

import { addDays } from "../../src/domain/dates.js";
import type { RuleFamily, Variant } from "./types.js";
import { START } from "./world.js";

/** Families for the compiled-in rules. */

const SAFE = [
  "loyalty_tier",
  "average_basket_value",
  "category_affinity",
  "days_since_last_visit",
  "preferred_store",
  "coupon_redemption_rate",
  "coupon_age_days",
  "account_age_days",
  "storage_preference",
  "preferred_language",
  "pageViews",
  "usage-frequency",
];
const PROTECTED = [
  "age_band",
  "has_children",
  "ethnicity",
  "religion",
  "health_condition",
  "financial_distress_score",
  "sexual_orientation",
  "disability_flag",
  "payday_loan_user",
  "pregnancy_stage",
  "pensioners",
  "gamblers",
  "diabetics",
  "seniors_65_plus",
  "retirees",
  "birth_year",
  "schoolchildren",
  "under_18",
  "expecting_mothers",
  "benefits_claimants",
  "age\u200b_band",
  "\u0430ge_band",
  "ａｇｅ＿ｂａｎｄ",
  "isPensioner",
  "native-language",
  "creditScoreBand",
  "wheelchair_user",
  "lowIncomeHousehold",
];
const END = addDays(START, 13);
const attrs = (rng: { pick<T>(xs: readonly T[]): T }, n: number) => [
  ...new Set(Array.from({ length: n }, () => rng.pick(SAFE))),
];
/** A market-level price row for C01 in store (never on a Monday, so it cannot collide with the base weeks). */
const priceRow = (from: string, to: string, pricePaid: number) => ({
  seed: {
    sales: [
      { sku: "C01", marketId: "M1", channel: "store", periodStart: from, periodEnd: to, pricePaid },
    ],
  },
});
const scarce = (n: number, s1: number, s2: number, asOf?: string): Variant["world"] => ({
  stock: { C01: { onHand: { S1: s1, S2: s2 }, ...(asOf ? { asOf } : {}) } },
});
const smallDemand = (units: number) => ({ predicted: { totalUnits: Math.floor(units / 1.2) } });

export const builtinFamilies: RuleFamily[] = [
  {
    rule: "responsible_targeting.protected_attributes",
    breach: "block",
    inside: (rng, i) => ({
      note: "ordinary shopper attributes",
      proposal: { targeting: { audienceAttributes: attrs(rng, 1 + (i % 3)) } },
    }),
    outside: (rng, i) => ({
      note: "a protected attribute among others",
      proposal: {
        targeting: {
          audienceAttributes: [
            ...attrs(rng, i % 3),
            i < PROTECTED.length ? PROTECTED[(i * 7) % PROTECTED.length]! : rng.pick(PROTECTED),
          ],
        },
      },
    }),
  },
  {
    rule: "responsible_targeting.consent",
    breach: "block",
    inside: (rng) => {
      const ch = rng.pick(["email", "sms"] as const);
      return {
        note: `${ch} to opted-in shoppers`,
        proposal: {
          channels: ["store", "ecommerce", ch],
          targeting: {
            consentVerifiedChannels: rng.pick([[ch], ["email", "sms"]]),
            contactsPerShopperPerWeek: 1,
          },
        },
      };
    },
    outside: (rng) =>
      rng.pick<Variant>([
        {
          note: "email without consent filter",
          proposal: {
            channels: ["store", "ecommerce", "email"],
            targeting: { contactsPerShopperPerWeek: 1 },
          },
        },
        {
          note: "sms with only email consent",
          proposal: {
            channels: ["store", "ecommerce", "sms"],
            targeting: { consentVerifiedChannels: ["email"], contactsPerShopperPerWeek: 1 },
          },
        },
        {
          note: "email and sms, sms unverified",
          proposal: {
            channels: ["store", "email", "sms"],
            targeting: { consentVerifiedChannels: ["email"] },
          },
          policy: { channels: { priceTolerancePct: 100 } },
        },
      ]),
  },
  {
    rule: "responsible_targeting.contact_frequency",
    breach: "block",
    inside: (_rng, i) => ({
      note: "contacts within cap",
      proposal: { targeting: { contactsPerShopperPerWeek: i === 0 ? 2 : i % 3 } },
    }),
    outside: (rng, i) => ({
      note: "contacts over cap",
      proposal: {
        targeting: { contactsPerShopperPerWeek: i === 0 ? 3 : 3 + Math.floor(rng.next() * 5) },
      },
    }),
  },
  {
    rule: "pricing_law.omnibus_reference_price",
    breach: "block",
    // Window for a 2025-06-02 start: 2025-05-03 .. 2025-06-01; the base history is 4.00 throughout.
    inside: (rng) =>
      rng.pick<Variant>([
        { note: "reference = 30-day low 4.00", proposal: { referencePrice: 4 } },
        { note: "no reference announced", proposal: { referencePrice: undefined } },
        {
          note: "3.80 in the week ending the day before the window",
          proposal: { referencePrice: 4 },
          world: priceRow("2025-04-26", "2025-05-02", 3.8),
        },
        {
          note: "reference 3.80 = low of a week touching the window",
          proposal: { referencePrice: 3.8 },
          world: priceRow("2025-04-27", "2025-05-03", 3.8),
        },
      ]),
    outside: (rng) =>
      rng.pick<Variant>([
        {
          note: "4.00 against a 3.80 week touching the window",
          proposal: { referencePrice: 4 },
          world: priceRow("2025-04-27", "2025-05-03", 3.8),
        },
        {
          note: "a cent above the low",
          proposal: { referencePrice: 3.81 },
          world: priceRow("2025-05-20", "2025-05-20", 3.8),
        },
        {
          note: "a one-day low of 3.50 the day before the start",
          proposal: { referencePrice: 4 },
          world: priceRow("2025-06-01", "2025-06-01", 3.5),
        },
      ]),
  },
  {
    rule: "fair_messaging.countdown",
    breach: "block",
    inside: (rng) =>
      rng.pick<Variant>([
        { note: "countdown to the real end", proposal: { messaging: { countdownEndDate: END } } },
        {
          note: "three weeks, countdown to their end",
          proposal: { weeks: 3, messaging: { countdownEndDate: addDays(START, 20) } },
        },
      ]),
    outside: (rng, i) => ({
      note: "countdown to another day",
      proposal: {
        messaging: { countdownEndDate: addDays(END, i === 0 ? 1 : rng.pick([-7, -1, 2, 14])) },
      },
    }),
  },
  {
    rule: "fair_messaging.scarcity",
    breach: "block",
    inside: (rng, i) => {
      // The model expects about 354 units (389 with the safety margin): "only N left" is honest from 390.
      const n = rng.pick([400, 450, 500]);
      const total = i === 0 ? n : n - Math.floor(rng.next() * 10);
      return {
        note: "only N left with at most N in scope",
        proposal: { messaging: { scarcityClaimUnits: n }, ...smallDemand(total) },
        world: scarce(n, total - Math.floor(total / 2), Math.floor(total / 2)),
      };
    },
    outside: (rng, i) => {
      const n = rng.pick([400, 450, 500]);
      return i % 2 === 0
        ? {
            note: "more than N in scope",
            proposal: { messaging: { scarcityClaimUnits: n }, ...smallDemand(n) },
            world: scarce(n, n, i === 0 ? 1 : 5 + Math.floor(rng.next() * 50)),
          }
        : {
            note: "stock count 8 days old",
            proposal: { messaging: { scarcityClaimUnits: n }, ...smallDemand(n) },
            world: scarce(n, Math.floor(n / 2), Math.floor(n / 2), "2025-05-12T08:00:00Z"),
          };
    },
  },
];

import type { WrittenCase } from "./types.js";

/**
 * Fifty-odd attacks written from issue #25's description of each family: other spellings,
 * scripts and languages, units and currencies, SKU aliases and POS codes, mechanics written in
 * words, dates in other formats, nested and extra fields, huge, tiny and negative numbers,
 * protected attributes in the demo markets' languages, urgency in every shopper-visible text.
 * None of them may be allowed.
 */

const texts = (...t: string[]) => ({ messaging: { texts: t } });
const audience = (...a: string[]) => ({
  channels: ["store", "ecommerce", "email"],
  targeting: {
    audienceAttributes: a,
    consentVerifiedChannels: ["email"],
    contactsPerShopperPerWeek: 1,
  },
});
const abroad = (market: "M5" | "M6", over: Record<string, unknown>) => ({
  channels: ["store"],
  scope: { markets: [market], locations: market === "M5" ? ["W1", "W2"] : ["X1", "X2"] },
  ...over,
});
const noRoi = { success: { minRoi: -1e6 } };

const facts: WrittenCase[] = [
  {
    family: "facts",
    note: "regular price written in cents",
    proposal: { regularPrice: 400, referencePrice: undefined },
  },
  {
    family: "facts",
    note: "a unit cost of a tenth of a cent",
    proposal: { predicted: { unitCost: 0.001 } },
  },
  {
    family: "facts",
    note: "a baseline of a trillion units",
    proposal: { predicted: { baselineUnits: 1e12, totalUnits: 3e12, incrementalUnits: 2e12 } },
  },
  {
    family: "facts",
    note: "units per SKU keyed by a POS code, one unit",
    proposal: { predicted: { unitsBySku: { "POS-1001": 1 } } },
  },
  {
    family: "facts",
    note: "a regular price 2 % over the shelf (makes the cut look smaller)",
    proposal: { regularPrice: 4.08, referencePrice: undefined },
  },
  {
    family: "facts",
    note: "a promoted price deeper than the declared depth",
    proposal: { promoPrice: 2, discountPct: 20 },
  },
  {
    family: "facts",
    note: "a negative incremental margin sold as ROI 5",
    proposal: { predicted: { incrementalMargin: -200, roi: 5 } },
  },
  {
    family: "facts",
    note: "lift declared in tenths (2.0 for 200 %)",
    proposal: { predicted: { liftPct: 2 } },
  },
];

const money: WrittenCase[] = [
  {
    family: "money",
    note: "9,900 in lower-case gbp",
    proposal: abroad("M5", {
      currency: "gbp",
      budget: { media: 0, discount: 9900 },
      predicted: { roi: 300 / 9900 },
    }),
    policy: noRoi,
  },
  {
    family: "money",
    note: "9,900 with currency 'GBP ' padded",
    proposal: abroad("M5", {
      currency: " GBP ",
      budget: { media: 0, discount: 9900 },
      predicted: { roi: 300 / 9900 },
    }),
    policy: noRoi,
  },
  {
    family: "money",
    note: "the pound sign as currency",
    proposal: abroad("M5", {
      currency: "£",
      budget: { media: 0, discount: 9900 },
      predicted: { roi: 300 / 9900 },
    }),
    policy: noRoi,
  },
  {
    family: "money",
    note: "amounts in pence (GBX)",
    proposal: abroad("M5", {
      currency: "GBX",
      budget: { media: 0, discount: 990_000 },
      predicted: { roi: 300 / 990_000 },
    }),
    policy: noRoi,
  },
  {
    family: "money",
    note: "media 5,000 + discount 4,000 GBP = 10,530 EUR",
    proposal: abroad("M5", {
      currency: "GBP",
      budget: { media: 5000, discount: 4000 },
      predicted: { roi: 300 / 9000 },
    }),
    policy: noRoi,
  },
  {
    family: "money",
    note: "11,000 USD on a euro market",
    proposal: {
      currency: "USD",
      budget: { media: 0, discount: 11_000 },
      predicted: { roi: 300 / 11_000 },
    },
    policy: noRoi,
  },
  {
    family: "money",
    note: "a negative media budget offsetting the discount",
    proposal: { budget: { media: -5000, discount: 14_000 } },
  },
  {
    family: "money",
    note: "budget as a string",
    proposal: { budget: { media: 0, discount: "11000" } },
  },
  {
    family: "money",
    note: "budget of 1e300",
    proposal: { budget: { media: 0, discount: 1e300 }, predicted: { roi: 0 } },
    policy: noRoi,
  },
  {
    family: "money",
    note: "an unknown currency code",
    proposal: { currency: "XYZ", budget: { media: 0, discount: 11_000 } },
  },
];

const identifiers: WrittenCase[] = [
  {
    family: "identifiers",
    note: "a snacks SKU in a category written 'CEREAL '",
    proposal: { scope: { skus: ["N01"], category: "CEREAL " } },
  },
  {
    family: "identifiers",
    note: "a store of M5 listed under m1",
    proposal: { scope: { markets: ["m1"], locations: ["S1", "w1"] } },
  },
  {
    family: "identifiers",
    note: "price match against 'Rival-Mart' (a listed competitor)",
    proposal: { mechanic: "price_match", priceMatch: { competitor: "Rival-Mart" } },
  },
  {
    family: "identifiers",
    note: "price match against full-width ＲｉｖａｌＭａｒｔ",
    proposal: { mechanic: "price_match", priceMatch: { competitor: "ＲｉｖａｌＭａｒｔ" } },
  },
  {
    family: "identifiers",
    note: "price match against 'MEGA MART' with a Cyrillic А",
    proposal: { mechanic: "price_match", priceMatch: { competitor: "MEGА MART" } },
  },
  {
    family: "identifiers",
    note: "the same SKU as 'POS 1001' and C01",
    proposal: { scope: { skus: ["C01", "POS 1001"] } },
  },
  {
    family: "identifiers",
    note: "the same SKU as c01 and C01",
    proposal: { scope: { skus: ["C01", "c01"] } },
  },
  {
    family: "identifiers",
    note: "a market outside the pilot in lower case",
    proposal: { channels: ["store"], scope: { markets: ["m9"], locations: undefined } },
  },
  {
    family: "identifiers",
    note: "an extra field smuggling a second market",
    proposal: { scope: { markets: ["M1"], extraMarkets: ["M2"] } },
  },
  {
    family: "identifiers",
    note: "the blackout category in other case, start in the blackout",
    proposal: {
      startDate: "2025-08-04",
      weeks: 1,
      referencePrice: undefined,
      scope: { category: "Cereal" },
    },
  },
];

const time: WrittenCase[] = [
  {
    family: "time",
    note: "start as an ISO instant yesterday",
    proposal: { startDate: "2025-05-19T12:00:00Z" },
  },
  { family: "time", note: "start written day/month/year", proposal: { startDate: "19/05/2025" } },
  {
    family: "time",
    note: "start without leading zeros, in the past",
    proposal: { startDate: "2025-5-1" },
  },
  { family: "time", note: "start as a Unix timestamp", proposal: { startDate: 1747612800 } },
  { family: "time", note: "start in 1999", proposal: { startDate: "1999-06-07" } },
  { family: "time", note: "half a week", proposal: { weeks: 0.5 } },
  { family: "time", note: "minus one week", proposal: { weeks: -1 } },
  { family: "time", note: "a thousand weeks", proposal: { weeks: 1000 } },
  {
    family: "time",
    note: "a 'was' price above the 30-day low",
    proposal: { referencePrice: 5.49 },
  },
  {
    family: "time",
    note: "a 'was' price written in a banner only",
    proposal: { referencePrice: undefined, ...texts("Now €3.20 instead of €5.49") },
  },
  {
    family: "time",
    note: "a German 'statt' price in the title",
    proposal: { referencePrice: undefined, title: "Müsli 3,20 € statt 4,99 €" },
  },
];

const mechanics: WrittenCase[] = [
  {
    family: "mechanics",
    note: "BOGO in capitals declared 20 %",
    proposal: { mechanic: "BOGO", discountPct: 20 },
  },
  {
    family: "mechanics",
    note: "bogo with terms 2-for-1 declared 10 %",
    proposal: { mechanic: "bogo", discountPct: 10, terms: { buyUnits: 2, payUnits: 1 } },
  },
  {
    family: "mechanics",
    note: "3 for 2 multibuy declared 15 %",
    proposal: { mechanic: "multibuy", discountPct: 15, terms: { buyUnits: 3, payUnits: 2 } },
  },
  {
    family: "mechanics",
    note: "multibuy with no terms",
    proposal: { mechanic: "multibuy", discountPct: 10 },
  },
  {
    family: "mechanics",
    note: "buy 3 pay 0",
    proposal: { mechanic: "multibuy", discountPct: 10, terms: { buyUnits: 3, payUnits: 0 } },
  },
  {
    family: "mechanics",
    note: "pay more than you buy (nonsense terms)",
    proposal: { mechanic: "multibuy", discountPct: 10, terms: { buyUnits: 2, payUnits: 3 } },
  },
  {
    family: "mechanics",
    note: "bundle of 3 at 6.00 declared 10 %",
    proposal: { mechanic: "bundle", discountPct: 10, terms: { buyUnits: 3, bundlePrice: 6 } },
  },
  {
    family: "mechanics",
    note: "terms with other key names",
    proposal: { mechanic: "multibuy", discountPct: 10, terms: { buy: 3, pay: 1 } },
  },
  {
    family: "mechanics",
    note: "a TPR whose title promises buy one get one free",
    proposal: { discountPct: 20, title: "Buy one, get one FREE on C01" },
  },
  {
    family: "mechanics",
    note: "a TPR whose banner says 50 % off",
    proposal: { discountPct: 20, ...texts("Now 50% off all cereal") },
  },
  {
    family: "mechanics",
    note: "a TPR whose banner says 2 for 1 in Spanish",
    proposal: { discountPct: 20, ...texts("¡2x1 en cereales!") },
  },
  {
    family: "mechanics",
    note: "a TPR whose title says 'kaufe 3, zahle 1'",
    proposal: { discountPct: 20, title: "Kaufe 3, zahle 1" },
  },
  {
    family: "mechanics",
    note: "mechanic written in words",
    proposal: { mechanic: "buy one get one free", discountPct: 20 },
  },
  {
    family: "mechanics",
    note: "a TPR whose French banner says the third is free",
    proposal: { discountPct: 20, ...texts("Achetez 2, le 3e offert") },
  },
  {
    family: "mechanics",
    note: "a TPR whose Portuguese title says leve 3 pague 2",
    proposal: { discountPct: 20, title: "Leve 3 pague 2" },
  },
  {
    family: "mechanics",
    note: "a TPR whose banner says second at half price",
    proposal: { discountPct: 20, ...texts("Second pack half price") },
  },
  {
    family: "mechanics",
    note: "a TPR whose banner says up to 60 % off",
    proposal: { discountPct: 20, ...texts("Up to 60% off breakfast") },
  },
  {
    family: "mechanics",
    note: "a 20 % TPR whose banner says €2 off a 4.00 item",
    proposal: { discountPct: 20, ...texts("€2 off C01 this week") },
  },
  {
    family: "mechanics",
    note: "a 20 % TPR whose German title says nur 1,99 €",
    proposal: { discountPct: 20, title: "Müsli jetzt nur 1,99 €" },
  },
  {
    family: "mechanics",
    note: "a 20 % TPR whose banner says 2 for €5",
    proposal: { discountPct: 20, ...texts("2 for €5") },
  },
];

const targeting: WrittenCase[] = [
  ...[
    ["German age group", "altersgruppe"],
    ["German pensioners", "rentner"],
    ["French retirees", "retraites"],
    ["Spanish pregnant", "embarazadas"],
    ["Portuguese age", "idade_cliente"],
    ["Italian pensioners", "pensionati"],
    ["Dutch pregnant", "zwanger"],
    ["date of birth", "date_of_birth"],
    ["German birth date", "geburtsdatum"],
    ["ethnic origin", "ethnic_origin"],
    ["mother tongue", "mother_tongue"],
    ["credit score", "credit_score"],
    ["payday loans", "payday_loan_user"],
    ["casino visitors", "casinoVisitor"],
    ["lottery players", "lottery-player"],
    ["teenagers", "teens_13_17"],
    ["German minors", "minderjaehrig"],
    ["insulin buyers", "insulin_buyer"],
    ["disability in French", "handicap"],
    ["religion in Spanish", "religion_cliente"],
    ["benefits in German", "sozialhilfe_empfaenger"],
    ["age band with a Greek ο", "age_bαnd"],
    ["year of birth, abbreviated", "yob_band"],
    ["French date of birth", "date_de_naissance"],
  ].map(([note, attr]): WrittenCase => ({
    family: "targeting",
    note: `targets ${note}: ${attr}`,
    proposal: audience(attr!),
  })),
];

const messaging: WrittenCase[] = [
  ...[
    ["German", "Nur noch heute!"],
    ["Spanish", "¡Solo hoy! Últimas unidades"],
    ["French", "Dernier jour pour en profiter"],
    ["Italian", "Solo oggi, ultimi pezzi"],
    ["Dutch", "Laatste kans: alleen vandaag"],
    ["English, ends tonight", "Ends tonight!"],
    ["English, only a few left", "Only 3 left!"],
    ["English, act now", "Act now – limited time"],
    ["English, do not miss out", "Don't miss out"],
    ["dotted letters", "H.U.R.R.Y, deal ends soon"],
    ["an emoji and capitals", "⏰ LAST CHANCE ⏰"],
    ["24 hours only", "24h only"],
  ].map(([note, text]): WrittenCase => ({
    family: "messaging",
    note: `urgency (${note}) in a banner`,
    proposal: texts(text!),
  })),
  {
    family: "messaging",
    note: "urgency in the title in Portuguese",
    proposal: { title: "Corre! Acaba hoje" },
  },
  {
    family: "messaging",
    note: "urgency in digits for letters",
    proposal: { title: "L4ST CH4NCE on C01" },
  },
  {
    family: "messaging",
    note: "urgency with a dollar sign for an s",
    proposal: { messaging: { texts: ["$olo hoy"] } },
  },
  {
    family: "messaging",
    note: "a countdown to a day before the end",
    proposal: { messaging: { countdownEndDate: "2025-06-14" } },
  },
  {
    family: "messaging",
    note: "urgency hidden in an extra channel field",
    proposal: { messaging: { email: { subject: "Last chance" } } },
  },
];

/** Every attack; none may be allowed. */
export const ATTACKS: WrittenCase[] = [
  ...facts,
  ...money,
  ...identifiers,
  ...time,
  ...mechanics,
  ...targeting,
  ...messaging,
];

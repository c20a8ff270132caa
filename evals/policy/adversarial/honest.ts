import type { WrittenCase } from "./types.js";

/**
 * Plausible honest proposals, written the unusual ways people write them (lower case, aliases,
 * another currency, other languages, safe audience fields): every one must be allowed.
 */

const audience = (...a: string[]) => ({
  channels: ["store", "ecommerce", "email"],
  targeting: {
    audienceAttributes: a,
    consentVerifiedChannels: ["email"],
    contactsPerShopperPerWeek: 1,
  },
});
const h = (family: string, note: string, proposal: Record<string, unknown>): WrittenCase => ({
  family,
  note,
  proposal,
  honestUnits: true,
});

export const HONEST: WrittenCase[] = [
  h("facts", "the base proposal", {}),
  h("facts", "another cereal SKU", { scope: { skus: ["C04"] } }),
  h("facts", "two SKUs", { scope: { skus: ["C02", "C03"] } }),
  h("facts", "a snacks SKU", { scope: { skus: ["N02"], category: "snacks" } }),
  h("facts", "15 % off", { discountPct: 15 }),
  h("facts", "25 % off", { discountPct: 25 }),
  h("mechanics", "30 % off, at the cap", { discountPct: 30 }),
  h("facts", "a promoted price of 3.20 beside its depth", { discountPct: 20, promoPrice: 3.2 }),
  h("time", "one week", { weeks: 1 }),
  h("time", "three weeks", { weeks: 3 }),
  h("time", "starts tomorrow", { startDate: "2025-05-21", referencePrice: undefined }),
  h("identifiers", "M2 on its store", { scope: { markets: ["M2"], locations: ["T1"] } }),
  h("identifiers", "one store of M1", { scope: { locations: ["S2"] } }),
  h("identifiers", "market and category in lower case", {
    scope: { markets: ["m1"], category: "cereal" },
  }),
  h("identifiers", "the SKU by its POS code", { scope: { skus: ["POS-1003"] } }),
  h("identifiers", "a full-width market id", { scope: { markets: ["Ｍ1"] } }),
  h("identifiers", "a store written in lower case", { scope: { locations: ["s1", "s2"] } }),
  h("mechanics", "a feature", { mechanic: "feature" }),
  h("mechanics", "a display", { mechanic: "display" }),
  h("mechanics", "a coupon", { mechanic: "coupon" }),
  {
    ...h("mechanics", "a multibuy 5 for 4 (20 %), said in the title", {
      mechanic: "multibuy",
      terms: { buyUnits: 5, payUnits: 4 },
      title: "5 for 4 on C01",
    }),
    policy: { approvalRequired: { mechanics: [] } },
  },
  h("mechanics", "a 20 % TPR that says 20 % off in German", { title: "Jetzt 20 % Rabatt" }),
  h("mechanics", "a 20 % TPR that says 'save up to 20 %'", {
    messaging: { texts: ["Save up to 20 % on breakfast"] },
  }),
  h("mechanics", "a 20 % TPR whose banner names a pack of 2 x 375 g", {
    messaging: { texts: ["Family pack 2 x 375 g"] },
  }),
  h("identifiers", "price match against Corner Shop, spelt cornershop", {
    mechanic: "price_match",
    priceMatch: { competitor: "cornershop" },
  }),
  h("facts", "store only, 10 % off", { channels: ["store"], discountPct: 10 }),
  h("facts", "with digital ads", { channels: ["store", "ecommerce", "digital_ads"] }),
  h("money", "EUR written in lower case", { currency: "eur" }),
  h("money", "a UK store in GBP, 1,000", {
    currency: "GBP",
    channels: ["store"],
    scope: { markets: ["M5"], locations: ["W1", "W2"] },
    budget: { media: 0, discount: 1000 },
  }),
  h("money", "a UK store written in euros (4.68 EUR = 4.00 GBP)", {
    currency: "EUR",
    regularPrice: 4.68,
    channels: ["store"],
    scope: { markets: ["M5"], locations: ["W1", "W2"] },
    predicted: { unitCost: 1.17 },
    budget: { media: 0, discount: 1000 },
  }),
  h("mechanics", "a 20 % TPR whose banner says now €3.20", {
    messaging: { texts: ["Now €3.20 instead of €4.00"] },
  }),
  h("money", "a US store in USD, 1,500", {
    currency: "USD",
    channels: ["store"],
    scope: { markets: ["M6"], locations: ["X1"] },
    budget: { media: 0, discount: 1500 },
  }),
  h("messaging", "an English title", { title: "Breakfast week: 20 % off C01" }),
  h("messaging", "a German title", { title: "Frühstückswoche – 20 % Rabatt" }),
  h("messaging", "a French banner", { messaging: { texts: ["Le petit-déjeuner à prix doux"] } }),
  h("messaging", "a Spanish banner", { messaging: { texts: ["Desayunos con 20 % de descuento"] } }),
  h("messaging", "an Italian banner with dates", {
    messaging: { texts: ["Offerta valida dal 2 al 15 giugno"] },
  }),
  h("messaging", "a Dutch banner", { messaging: { texts: ["Ontbijt met korting"] } }),
  h("messaging", "a title naming 'today' as part of a brand", {
    title: "Today's Harvest oats, 20 % off",
  }),
  h("messaging", "a countdown to the real end", { messaging: { countdownEndDate: "2025-06-15" } }),
  h("targeting", "loyalty and basket audience", audience("loyalty_tier", "basket_value_band")),
  h(
    "targeting",
    "purchase recency and frequency",
    audience("days_since_last_purchase", "purchase_frequency"),
  ),
  h("targeting", "coupon age and account age", audience("coupon_age_days", "account_age_days")),
  h("targeting", "category affinity and opt-in", audience("preferred_category", "email_opt_in")),
  h("targeting", "average order value (camelCase)", audience("averageOrderValue")),
  h("targeting", "store visits last 30 days", audience("store_visits_last_30d")),
];

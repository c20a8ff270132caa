import type { PromotionProposalInput } from "../../src/domain/proposal.js";
import { addDays } from "../../src/domain/dates.js";
import { seedStore } from "../../src/policies/testing.js";
import type { StoreSeed } from "../../src/policies/testing.js";
import type { Db } from "../../src/store/db.js";

/**
 * The eval world: one policy, one store and one base proposal that passes every rule. Each case
 * changes the proposal, the policy or the store in one known way, so its expected verdict follows
 * from how it was built.
 */

export const NOW = "2025-05-20T09:00:00Z";
export const SNAPSHOT = "2025-05-19T18:00:00Z";
/** Base promotion: Monday 2025-06-02 for two weeks, so it ends 2025-06-15 (Q2). */
export const START = "2025-06-02";
export const CEREAL = Array.from({ length: 10 }, (_, i) => `C${String(i + 1).padStart(2, "0")}`);
export const SNACKS = Array.from({ length: 5 }, (_, i) => `N${String(i + 1).padStart(2, "0")}`);
export const COMPETITORS = ["RivalMart", "MegaMart", "Corner Shop", "LocalMart", "Village Grocer"];
/** Weekly reference rates against EUR (M5 prices in GBP, M6 in USD). */
export const FX = ["2025-05-05", "2025-05-12", "2025-05-19"].flatMap((date) => [
  { date, from: "GBP", to: "EUR", rate: 1.17 },
  { date, from: "USD", to: "EUR", rate: 0.92 },
]);
export const LOCATIONS: Record<string, string[]> = {
  M1: ["S1", "S2"],
  M2: ["T1"],
  M3: ["U1"],
  M4: ["V1"],
  M5: ["W1", "W2"],
  M6: ["X1", "X2"],
};

export const MARKET_CURRENCY: Record<string, string> = { M5: "GBP", M6: "USD" };

export const evalPolicyDoc = {
  name: "eval",
  success: { minLiftPct: 5, minIncrementalMargin: 100, minRoi: 0.2 },
  autonomy: {
    maxSpendPerCampaign: 10_000,
    maxSpendPerDay: 1_000,
    maxSpendPerWeek: 5_000,
    maxSpendPerMonth: 15_000,
    maxSpendPerCategoryPerMonth: { cereal: 12_000, "*": 12_000 },
    maxDiscountPct: 30,
    minMarginAfterDiscountPct: 10,
    maxSkusPerCampaign: 5,
    maxMarketsPerCampaign: 2,
  },
  approvalRequired: {
    newMarket: true,
    priceMatchCompetitors: ["rivalmart", "megamart"],
    depthAbovePct: 40,
    multiMarket: true,
    national: true,
    newMechanic: true,
    mechanics: ["multibuy"],
  },
  brand: {
    maxPromotedWeeksPerSkuPerQuarter: 6,
    minWeeksBetweenPromotions: 2,
    maxCategorySharePct: 40,
  },
  supply: { safetyMarginPct: 10, onMissingData: "escalate" },
  channels: {
    allowed: {
      M1: ["store", "ecommerce", "email", "sms", "digital_ads"],
      M2: ["store", "ecommerce"],
      "*": ["store"],
    },
    priceTolerancePct: 10,
  },
  annualPlan: {
    year: 2025,
    budgets: {
      cereal: { Q1: 20_000, Q2: 20_000, Q3: 20_000, Q4: 20_000 },
      snacks: { Q1: 20_000, Q2: 20_000, Q3: 20_000, Q4: 20_000 },
    },
    blackouts: [
      { name: "summer reset", from: "2025-08-01", to: "2025-08-10", categories: ["cereal"] },
    ],
  },
  pilot: {
    categories: ["cereal", "snacks"],
    markets: ["M1", "M2", "M3", "M4", "M5", "M6"],
    mechanics: [
      "tpr",
      "feature",
      "display",
      "feature_display",
      "bogo",
      "multibuy",
      "coupon",
      "price_match",
    ],
    channels: ["store", "ecommerce", "digital_ads", "email", "sms"],
  },
  targeting: { maxContactsPerShopperPerWeek: 2 },
};

export const baseProposal: PromotionProposalInput = {
  id: "eval",
  scope: { skus: ["C01"], category: "cereal", markets: ["M1"], locations: ["S1", "S2"] },
  mechanic: "tpr",
  regularPrice: 4,
  discountPct: 20,
  referencePrice: 4,
  startDate: START,
  weeks: 2,
  channels: ["store", "ecommerce"],
  budget: { media: 0, discount: 1500 },
  // The store sells 60 C01 a week in M1 (S1, S2 and online): 120 in two weeks; cost 1.00 of 4.00.
  predicted: {
    baselineUnits: 120,
    incrementalUnits: 200,
    liftPct: 200,
    incrementalMargin: 300,
    roi: 0.2,
    unitCost: 1,
    totalUnits: 360,
  },
};

/** A committed campaign placed straight in the ledger. */
export interface SeedCommitment {
  id: string;
  category: string;
  skus: string[];
  markets?: string[];
  mechanic?: string;
  from: string;
  to: string;
  amount: number;
}

/** A campaign already running when the case is checked: its changes to the base proposal. */
export interface LiveSeed {
  id: string;
  proposal: Record<string, unknown>;
}

/**
 * What a case adds to the world. `stock` replaces the on-hand of a SKU per location; `live`
 * campaigns are launched and delivered through the channels' own paths (see live.ts).
 */
export interface WorldExtras {
  seed?: StoreSeed;
  commitments?: SeedCommitment[];
  stock?: Record<string, { onHand: Record<string, number>; asOf?: string }>;
  live?: LiveSeed[];
}

/**
 * SKUs with a price-cut history: 20 % off for two weeks in March tripled their sales (elasticity
 * ≈ −4.9), so the lift model the policy checks predictions with has seen what a cut does, and the
 * base proposal's 200 % lift at 20 % off is what it predicts.
 */
const CUT_SKUS = new Set(["C10", "N05"]);
const CUT_WEEKS = new Set([1, 2]);

function weeklyRows(
  sku: string,
  marketId: string,
  locationId: string | undefined,
  channel: string,
  price: number,
  weeks: number,
  firstMonday: string,
): NonNullable<StoreSeed["sales"]> {
  return Array.from({ length: weeks }, (_, w) => {
    const from = addDays(firstMonday, 7 * w);
    const cut = CUT_SKUS.has(sku) && CUT_WEEKS.has(w);
    return {
      sku,
      marketId,
      ...(locationId ? { locationId } : {}),
      channel,
      periodStart: from,
      periodEnd: addDays(from, 6),
      pricePaid: cut ? price * 0.8 : price,
      regularPrice: 4,
      units: cut ? 60 : 20,
    };
  });
}

/** Seeds the base world plus a case's extras. */
export function seedWorld(db: Db, extras: WorldExtras = {}): void {
  const skus = [...CEREAL, ...SNACKS];
  const sales: NonNullable<StoreSeed["sales"]> = [];
  const inventory: NonNullable<StoreSeed["inventory"]> = [];
  for (const sku of skus) {
    for (const [m, locs] of Object.entries(LOCATIONS)) {
      for (const loc of locs) {
        sales.push(...weeklyRows(sku, m, loc, "store", 4, 12, "2025-02-24")); // 12 weeks at 4.00 up to 2025-05-18
        const o = extras.stock?.[sku];
        inventory.push({
          sku,
          locationId: loc,
          marketId: m,
          asOf: o?.asOf ?? SNAPSHOT,
          onHand: o ? (o.onHand[loc] ?? 0) : 50_000,
        });
      }
      if (m === "M1" || m === "M2")
        sales.push(...weeklyRows(sku, m, undefined, "ecommerce", 4, 12, "2025-02-24"));
    }
  }
  // Promotion history far from the proposals: every sales-flag mechanic, in M1, M2, M5 and M6, on C10 and N05.
  const flags = [
    { tpr: true },
    { feature: true },
    { display: true },
    { feature: true, display: true },
  ];
  for (const m of ["M1", "M2", "M5", "M6"]) {
    for (const sku of ["C10", "N05"])
      flags.forEach((f, i) =>
        sales.push({
          sku,
          marketId: m,
          locationId: LOCATIONS[m]![0]!,
          periodStart: addDays("2024-10-07", 7 * i),
          periodEnd: addDays("2024-10-13", 7 * i),
          pricePaid: 3,
          ...f,
        }),
      );
  }
  seedStore(db, {
    markets: Object.keys(LOCATIONS).map((id) => ({ id, currency: MARKET_CURRENCY[id] ?? "EUR" })),
    locations: Object.entries(LOCATIONS).flatMap(([m, locs]) =>
      locs.map((id) => ({ id, marketId: m })),
    ),
    products: [
      ...CEREAL.map((sku) => ({ sku, category: "cereal", unitCost: 1, regularPrice: 4 })),
      ...SNACKS.map((sku) => ({ sku, category: "snacks", unitCost: 1, regularPrice: 4 })),
    ],
    aliases: CEREAL.map((sku, i) => ({ code: `POS-${1001 + i}`, sku })),
    competitors: COMPETITORS,
    fxRates: FX,
    sales,
    inventory,
  });
  if (extras.seed) seedStore(db, extras.seed);
  const history: SeedCommitment[] = ["coupon", "price_match", "multibuy"].map((mechanic) => ({
    id: `hist-${mechanic}`,
    category: "snacks",
    skus: ["N05"],
    mechanic,
    from: "2024-09-01",
    to: "2024-09-07",
    amount: 100,
  }));
  const insert = db.prepare(
    `INSERT INTO spend_commitments (campaign_id, category, markets, skus, mechanic, start_date, end_date, amount, status, committed_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?)`,
  );
  for (const c of [...history, ...(extras.commitments ?? [])]) {
    insert.run(
      c.id,
      c.category,
      JSON.stringify(c.markets ?? ["M1"]),
      JSON.stringify(c.skus),
      c.mechanic ?? "tpr",
      c.from,
      c.to,
      c.amount,
      NOW,
      NOW,
    );
  }
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Objects merged recursively; arrays and scalars replaced; `undefined` deletes. */
export function deepMerge<T>(base: T, patch: Json | undefined): T {
  if (!patch) return base;
  const out: Json = { ...(base as Json) };
  for (const [k, v] of Object.entries(patch)) {
    // defineProperty, not assignment: a "__proto__" key in a case is data to send, not a prototype.
    if (v === undefined) delete out[k];
    else
      Object.defineProperty(out, k, {
        value: isObj(v) && isObj(out[k]) ? deepMerge(out[k], v) : v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out as T;
}

import type {
  ConsentEvent,
  ContactEvent,
  ExperimentRow,
  ShopperBatchInput,
  ShopperInput,
} from "../../store/shoppers/index.js";
import { MARKET_SPECS } from "./catalog.js";
import { Rng } from "./rng.js";

/**
 * How a demo shopper truly responds (hidden from the store): buys anyway, buys when contacted,
 * buys only with a discount, or never buys. The targeting agent has to learn this from the
 * randomised experiment; a response model would waste discounts on the sure things.
 */
export type ShopperType = "sure_thing" | "persuadable" | "discount_only" | "lost_cause";

export const DEMO_CATEGORIES = [
  "beverages",
  "cereal",
  "frozen",
  "personal_care",
  "snacks",
] as const;

export interface DemoShopperOptions {
  seed?: number;
  perMarket?: number;
  /** Last day of the demo's data; contacts "this week" fall in the 6 days before it. */
  endDate?: string;
  categories?: readonly string[];
}

export interface DemoShoppers {
  batch: ShopperBatchInput;
  /** Each shopper's hidden type, for tests. */
  truth: Record<string, ShopperType>;
}

/** Purchase probability in a category over the campaign window, by true type and arm (aff = the shopper's share of spend in it). */
export function truePurchaseProbability(
  type: ShopperType,
  arm: ExperimentRow["arm"],
  aff: number,
): number {
  switch (type) {
    case "sure_thing":
      return Math.min(
        0.95,
        0.35 + 0.5 * aff + (arm === "contact" ? 0.02 : arm === "contact_discount" ? 0.03 : 0),
      );
    case "persuadable":
      return 0.05 + 0.2 * aff + (arm === "control" ? 0 : arm === "contact" ? 0.3 : 0.33);
    case "discount_only":
      return 0.04 + 0.1 * aff + (arm === "control" ? 0 : arm === "contact" ? 0.02 : 0.4);
    case "lost_cause":
      return 0.01;
  }
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const day = (iso: string, plus: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + plus * 86_400_000).toISOString();

function typeOf(r: Rng, f: Record<string, number>): ShopperType {
  if (f["recency_weeks"]! > 26 && r.chance(0.85)) return "lost_cause";
  const scores: [ShopperType, number][] = [
    ["sure_thing", 1.2 * Math.log(f["visits_per_month"]! / 3)],
    ["persuadable", 5 * (f["email_engagement"]! - 0.5)],
    ["discount_only", 7 * (f["promo_share"]! - 0.4)],
    ["lost_cause", -1.5],
  ];
  const w = scores.map(([, s]) => Math.exp(s));
  let u = r.float() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < scores.length; i++) if ((u -= w[i]!) <= 0) return scores[i]![0];
  return "sure_thing";
}

function features(
  r: Rng,
  categories: readonly string[],
  priceFactor: number,
): Record<string, number> {
  const lapsed = r.chance(0.25);
  const aff = categories.map(() => Math.exp(0.9 * r.normal()));
  const total = aff.reduce((a, b) => a + b, 0);
  return {
    recency_weeks: round(lapsed ? r.between(20, 60) : -3 * Math.log(1 - r.float() * 0.99), 1),
    visits_per_month: round((lapsed ? 0.4 : 3) * r.lognormal(0.6), 2),
    basket_value: round(35 * priceFactor * r.lognormal(0.5), 2),
    promo_share: round(r.float() ** 1.4 * 0.9),
    email_engagement: round(r.float()),
    tenure_years: round(r.between(0, 12), 1),
    ...Object.fromEntries(categories.map((c, i) => [`affinity_${c}`, round(aff[i]! / total)])),
  };
}

/**
 * A seeded shopper population per demo market with consent logs (missing for some, withdrawn for
 * a few), last week's contacts, and two past randomised e-mail/SMS experiments with a planted
 * heterogeneous effect. A protected attribute (`age_band`) and a vulnerability flag
 * (`financial_hardship`) are stored as attributes and correlate with the effect, so a test can show they are never used.
 * @example const { batch } = generateDemoShoppers({ seed: 1 }); batch.shoppers.length; // 2,400
 */
export function generateDemoShoppers(o: DemoShopperOptions = {}): DemoShoppers {
  const seed = o.seed ?? 1;
  const perMarket = o.perMarket ?? 600;
  const endDate = o.endDate ?? "2026-11-22";
  const categories = o.categories ?? DEMO_CATEGORIES;
  const shoppers: ShopperInput[] = [];
  const consents: ConsentEvent[] = [];
  const contacts: ContactEvent[] = [];
  const experiments: ExperimentRow[] = [];
  const truth: Record<string, ShopperType> = {};
  for (const spec of MARKET_SPECS) {
    const market = spec.market.id;
    const r = Rng.of(seed, "shoppers", market);
    for (let i = 1; i <= perMarket; i++) {
      const id = `SH-${market}-${String(i).padStart(4, "0")}`;
      const f = features(r, categories, spec.priceFactor);
      const type = typeOf(r, f);
      truth[id] = type;
      const older = type === "persuadable" ? r.chance(0.6) : r.chance(0.15);
      shoppers.push({
        id,
        market,
        features: f,
        attributes: {
          age_band: older ? "65+" : r.pick(["18-34", "35-49", "50-64"]),
          financial_hardship: type === "discount_only" ? r.chance(0.5) : r.chance(0.05),
        },
      });
      // Opt-ins date from before the experiments; withdrawals come after them.
      const granted: string[] = [];
      for (const [channel, pGrant, pWithdraw] of [
        ["email", 0.62, 0.08],
        ["sms", 0.33, 0.05],
      ] as const) {
        if (!r.chance(pGrant)) continue;
        granted.push(channel);
        consents.push({
          shopperId: id,
          channel,
          granted: true,
          asOf: day("2024-01-01", r.int(0, 600)),
          source: "demo-crm",
        });
        if (r.chance(pWithdraw))
          consents.push({
            shopperId: id,
            channel,
            granted: false,
            asOf: day("2026-10-20", r.int(0, 25)),
            source: "demo-crm",
          });
      }
      if (r.chance(0.2))
        for (let k = r.int(1, 3); k > 0; k--)
          contacts.push({
            shopperId: id,
            channel: r.pick(["email", "sms", "email"] as const),
            at: day(endDate, -r.int(0, 5)),
            campaignId: "demo-weekly-newsletter",
          });
      if (granted.length === 0) continue;
      for (const [experimentId, start] of [
        [`exp-${market}-2026-09`, "2026-09-07"],
        [`exp-${market}-2026-10`, "2026-10-05"],
      ] as const) {
        const channel = r.pick(granted) as "email" | "sms";
        const category = r.pick(categories);
        const arm = r.pick(["control", "contact", "contact_discount"] as const);
        const converted = r.chance(
          truePurchaseProbability(type, arm, f[`affinity_${category}`] ?? 0),
        );
        const units = converted ? r.int(1, 3) : 0;
        const price = 4 * spec.priceFactor;
        const margin = units * (0.3 * price - (arm === "contact_discount" ? 0.2 * price : 0));
        experiments.push({
          experimentId,
          shopperId: id,
          market,
          category,
          channel,
          arm,
          assignedAt: day(start, 0),
          converted,
          units,
          margin: round(margin, 2),
        });
      }
    }
  }
  return {
    batch: { origin: `demo-shoppers-seed-${seed}`, shoppers, consents, contacts, experiments },
    truth,
  };
}

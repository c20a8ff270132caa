import type { SkuAlias } from "../../domain/catalog.js";
import type { CompetitorPriceFeedRow } from "../../domain/feeds.js";
import { addDays, localStamps } from "./calendar.js";
import { PLAN } from "./planted-plan.js";
import { Rng } from "./rng.js";
import type { World } from "./world.js";

/** Two competitors per market. MapleMart's feed carries only its own codes (mapped via aliases). */
export const COMPETITORS: Record<
  string,
  readonly { id: string; prefix: string; sendsSku: boolean }[]
> = {
  "US-EAST": [
    { id: "ValueMart", prefix: "VM", sendsSku: true },
    { id: "FreshWay", prefix: "FW", sendsSku: true },
  ],
  UK: [
    { id: "Greengate", prefix: "GG", sendsSku: true },
    { id: "Hartleys", prefix: "HT", sendsSku: true },
  ],
  DE: [
    { id: "Preisfuchs", prefix: "PF", sendsSku: true },
    { id: "Marktkorb", prefix: "MK", sendsSku: true },
  ],
  CA: [
    { id: "MapleMart", prefix: "MM", sendsSku: false },
    { id: "NorthCart", prefix: "NC", sendsSku: true },
  ],
};

const OBSERVED_PER_COMPETITOR = 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

interface Watch {
  marketId: string;
  competitor: { id: string; prefix: string; sendsSku: boolean };
  sku: string;
  code: string;
  /** The competitor's everyday price relative to our regular price. */
  level: number;
}

/** Which SKUs each competitor is watched on (the planted SKU is always among ValueMart's). */
function watches(world: World): Watch[] {
  const out: Watch[] = [];
  const skus = world.products.map((p) => p.product.sku);
  for (const m of world.markets) {
    for (const c of COMPETITORS[m.market.id] ?? []) {
      const rng = Rng.of(world.seed, "watch", c.id);
      const picked = rng.sample(skus, OBSERVED_PER_COMPETITOR);
      if (c.id === PLAN.competitor.competitor && !picked.includes(PLAN.competitor.sku))
        picked[0] = PLAN.competitor.sku;
      picked.sort();
      for (const sku of picked) {
        out.push({
          marketId: m.market.id,
          competitor: c,
          sku,
          code: `${c.prefix}-${40_000 + skus.indexOf(sku) * 37}`,
          level: rng.between(0.92, 1.1),
        });
      }
    }
  }
  return out;
}

/** Alias rows for competitors whose feeds omit our SKU (source = the competitor's name). */
export function competitorAliases(world: World): SkuAlias[] {
  return watches(world)
    .filter((x) => !x.competitor.sendsSku)
    .map((x) => ({ source: x.competitor.id, code: x.code, sku: x.sku, unitsPerCode: 1 }));
}

/** Weekly shelf-price checks (Thursday-ish, 10:00 local), with occasional historic promotions and the planted cut. */
export function competitorPriceRows(world: World): CompetitorPriceFeedRow[] {
  const stampOf = localStamps();
  const rows: CompetitorPriceFeedRow[] = [];
  const list = watches(world);
  for (let w = 0; w < world.weeks; w++) {
    for (const x of list) {
      const m = world.markets.find((q) => q.market.id === x.marketId);
      if (!m) continue;
      const rng = Rng.of(world.seed, "compprice", x.competitor.id, x.sku, w);
      const ours = world.prices.get(`${x.marketId}|${x.sku}`) ?? 1;
      let price = round2(ours * x.level * rng.lognormal(0.015));
      let promoText: string | undefined;
      const planted =
        x.competitor.id === PLAN.competitor.competitor &&
        x.marketId === PLAN.competitor.market &&
        x.sku === PLAN.competitor.sku &&
        w > world.last - PLAN.competitor.weeks;
      if (planted) {
        price = round2(ours * PLAN.competitor.priceRatio);
        promoText = PLAN.competitor.promoText;
      } else if (w <= world.last - PLAN.competitorQuietWeeks && rng.chance(0.05)) {
        // Historic promotions only, so the recent weeks hold nothing that looks like the planted cut.
        if (rng.chance(0.3)) promoText = "2 for 1 this week";
        else {
          const off = rng.pick([15, 20, 25]);
          price = round2(ours * x.level * (1 - off / 100));
          promoText = `Save ${off}% this week`;
        }
      }
      const weekEnd = world.weekEnd(x.marketId, w);
      rows.push({
        competitor: x.competitor.id,
        competitorProduct: x.code,
        ...(x.competitor.sendsSku ? { sku: x.sku } : {}),
        market: x.marketId,
        price,
        currency: m.market.currency,
        ...(promoText ? { promoText } : {}),
        observedAt: stampOf(addDays(weekEnd, -2), 10, m.market.timeZone),
        uom: "unit",
      });
    }
  }
  return rows;
}

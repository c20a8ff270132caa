import { generateDemoMarket, type DemoMarket } from "../../src/sim/demo/index.js";
import { PLAN } from "../../src/sim/demo/planted-plan.js";
import type { FindingLabel, PerceptionCase } from "./types.js";

/** The demo's "today": just after its last retail week. */
export const DEMO_NOW = "2026-11-22T12:00:00Z";

/**
 * Labels for a demo market, from its planted manifest and the plan behind it:
 * - the four planted situations are positives (at the manifest's scope);
 * - the shortfall starves every market's stores and warehouse of its SKU (`PLAN.shortfall.storeFill`,
 *   `warehouseCover` down to 0.12 weeks), so a stock-out risk for it in every market is a positive;
 * - a viral SKU's ramp is also a level shift, and a starved SKU's sales dip and shift: tolerated;
 * - quiet scopes: every planted kind elsewhere must stay quiet (the manifest tests assert nothing
 *   else crosses those lines), checked for each market.
 */
export function demoLabels(
  demo: DemoMarket,
): Pick<PerceptionCase, "positives" | "negatives" | "tolerated"> {
  const positives: FindingLabel[] = demo.planted.map((p) => ({
    kind: p.kind,
    market: p.market,
    ...(p.kind === "excess_stock" ? { category: p.category } : { sku: p.sku }),
    ...(p.kind === "supply_shortfall" ? { location: p.locations[0] } : {}),
  }));
  for (const m of demo.markets)
    positives.push({ kind: "stockout_risk", market: m.id, sku: PLAN.shortfall.sku });
  const tolerated: FindingLabel[] = [
    { kind: "trend_shift", market: PLAN.spike.market, sku: PLAN.spike.sku },
    ...demo.markets.flatMap((m) =>
      (["demand_dip", "trend_shift"] as const).map((kind) => ({
        kind,
        market: m.id,
        sku: PLAN.shortfall.sku,
      })),
    ),
  ];
  const negatives: FindingLabel[] = demo.markets.flatMap((m) =>
    (["excess_stock", "competitor_price_drop", "demand_spike", "supply_shortfall"] as const).map(
      (kind) => ({ kind, market: m.id }),
    ),
  );
  return { positives, negatives, tolerated };
}

/** One case per demo seed (the default market is seed 1). */
export function demoCases(seeds: readonly number[] = [1, 2, 3]): PerceptionCase[] {
  return seeds.map((seed) => {
    let demo: DemoMarket | undefined;
    const get = (): DemoMarket => (demo ??= generateDemoMarket({ seed }));
    return {
      id: `demo-seed-${seed}`,
      family: "demo",
      world: { key: `demo:${seed}`, build: get },
      now: DEMO_NOW,
      ...lazyLabels(get),
    };
  });
}

/** Labels computed from the generated manifest when first read (the demo is only generated once). */
function lazyLabels(
  get: () => DemoMarket,
): Pick<PerceptionCase, "positives" | "negatives" | "tolerated"> {
  let labels: ReturnType<typeof demoLabels> | undefined;
  const read = () => (labels ??= demoLabels(get()));
  return {
    get positives() {
      return read().positives;
    },
    get negatives() {
      return read().negatives;
    },
    get tolerated() {
      return read().tolerated;
    },
  };
}

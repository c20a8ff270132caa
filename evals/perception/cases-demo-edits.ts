import { generateDemoMarket, type DemoMarket } from "../../src/sim/demo/index.js";
import { isQuietSubject, PLAN } from "../../src/sim/demo/planted-plan.js";
import { DEMO_NOW, demoLabels } from "./cases-demo.js";
import {
  plantCut,
  plantOf,
  recentWeeks,
  scaleLatestStock,
  scalePlan,
  scaleSales,
  weekBack,
} from "./demo-edits.js";
import type { FindingLabel, PerceptionCase } from "./types.js";

/*
 * Demo markets an analyst edits to plant the two families perception used to miss, with their
 * controls, each world holding several situations in different SKUs, categories and markets:
 * - a demand collapse in the week after a price cut (the demo's own cuts, or one planted), against
 *   normal post-promotion dips and a small blip left as they are;
 * - a production plan far below demand (a cut for the whole horizon, a six-week stop, a plan
 *   short while stock covers eight weeks), against production dips that stock covers.
 * The base demo's labels stay: nothing else in the world may start firing.
 */

type Label = Omit<FindingLabel, "kind">;
interface Planted {
  positives: FindingLabel[];
  negatives: FindingLabel[];
  tolerated: FindingLabel[];
}

const quiet = (demo: DemoMarket, sku: string, market: string): boolean => {
  const category = demo.products.find((p) => p.sku === sku)?.category ?? "";
  return isQuietSubject(market, sku, category) || sku === PLAN.shortfall.sku;
};

/** Series in a stable order that differs by seed, so each seed edits other SKUs and markets. */
function shuffled<T>(xs: readonly T[], seed: number, key: (x: T) => string): T[] {
  const h = (s: string): number => {
    let v = 2166136261 ^ seed;
    for (let i = 0; i < s.length; i++) v = Math.imul(v ^ s.charCodeAt(i), 16777619);
    return v >>> 0;
  };
  return [...xs].sort((a, b) => h(key(a)) - h(key(b)));
}

/** Picks up to `n` items, each in a category and market not picked yet. */
function spread<T extends { sku: string; market: string }>(
  demo: DemoMarket,
  xs: readonly T[],
  n: number,
  used: Set<string>,
): T[] {
  const out: T[] = [];
  const cat = (sku: string) => demo.products.find((p) => p.sku === sku)?.category ?? "";
  for (const x of xs) {
    if (out.length >= n) break;
    if (used.has(`c:${cat(x.sku)}`) && used.has(`m:${x.market}`)) continue;
    out.push(x);
    used
      .add(`c:${cat(x.sku)}`)
      .add(`m:${x.market}`)
      .add(`s:${x.sku}|${x.market}`);
  }
  return out;
}

const label = (kind: FindingLabel["kind"], l: Label): FindingLabel => ({ kind, ...l });

/** Collapses in the week after the demo's own cuts and planted ones; the other post-cut weeks are controls. */
function plantCollapses(demo: DemoMarket, seed: number): Planted {
  const series = demo.markets
    .flatMap((m) => demo.products.map((p) => ({ sku: p.sku, market: m.id })))
    .filter((s) => !quiet(demo, s.sku, s.market));
  const withWeeks = shuffled(series, seed, (s) => `${s.sku}|${s.market}`).map((s) => ({
    ...s,
    w: recentWeeks(demo, s.sku, s.market),
  }));
  // k = weeks back of a post-cut week: the cut at k + 1, nothing at k.
  const postCut = withWeeks.flatMap((s) =>
    [0, 1]
      .filter((k) => s.w[k + 1]!.tpr && !s.w[k]!.promoted && (k === 0 || !s.w[0]!.promoted))
      .map((k) => ({ ...s, k })),
  );
  const unpromoted = withWeeks.filter((s) => s.w.every((w) => !w.promoted));
  const dip = demo.truth.postPromoDip;
  const out: Planted = { positives: [], negatives: [], tolerated: [] };
  const used = new Set<string>();
  // Sales at 30–42 % of normal in the week after the cut (normal: what the week would sell without any promotion).
  const collapses = spread(demo, postCut, 3, used);
  collapses.forEach((s, i) => {
    const share = [0.3, 0.36, 0.42][i]!;
    scaleSales(
      demo,
      s.sku,
      s.market,
      weekBack(demo, s.market, s.k),
      share / (1 - dip * s.w[s.k + 1]!.depth),
    );
    out.positives.push(label("demand_dip", s));
  });
  // A cut planted two weeks or one week back, then the collapse (or, for the control, the usual dip).
  const planted = spread(demo, unpromoted, 3, used);
  planted.forEach((s, i) => {
    const depth = [0.2, 0.3, 0.25][i]!;
    const k = i % 2;
    plantCut(
      demo,
      s.sku,
      s.market,
      weekBack(demo, s.market, k + 1),
      depth,
      demo.truth.elasticity[s.sku] ?? -2,
    );
    const control = i === 2;
    scaleSales(
      demo,
      s.sku,
      s.market,
      weekBack(demo, s.market, k),
      control ? 1 - dip * depth : 0.33,
    );
    if (control) out.negatives.push(label("demand_dip", s), label("demand_spike", s));
    else out.positives.push(label("demand_dip", s));
    // The planted cut itself is a promoted week: a spike there is explained, never a finding.
    if (!control) out.negatives.push(label("demand_spike", s));
  });
  // A small extra fall after a cut (12 % under the usual dip) is a blip, not a break.
  for (const s of spread(
    demo,
    postCut.filter((x) => !used.has(`s:${x.sku}|${x.market}`)),
    1,
    new Set(),
  )) {
    scaleSales(demo, s.sku, s.market, weekBack(demo, s.market, s.k), 0.88);
    used.add(`s:${s.sku}|${s.market}`);
    out.negatives.push(label("demand_dip", s));
  }
  // Every other post-cut week keeps the demo's own dip: normal, so quiet.
  for (const s of postCut)
    if (!used.has(`s:${s.sku}|${s.market}`))
      out.negatives.push(label("demand_dip", s), label("demand_spike", s));
  return out;
}

/** Production edits per SKU: `ratio` over horizon weeks `from`..`to`, and stock scaled by `stock`. */
interface PlanEdit {
  ratio: number;
  from: number;
  to: number;
  stock?: number;
  short: boolean;
}

const PLAN_EDITS: PlanEdit[] = [
  { ratio: 0.5, from: 1, to: 8, short: true }, // half of demand for the whole horizon
  { ratio: 0, from: 1, to: 6, short: true }, // a six-week stop from next week
  { ratio: 0, from: 3, to: 8, short: true }, // a six-week stop from week 3
  { ratio: 0.3, from: 1, to: 8, stock: 1.6, short: true }, // far short while stock covers the next 8 weeks
  { ratio: 0.4, from: 2, to: 8, short: true },
  { ratio: 0, from: 2, to: 3, short: false }, // a two-week stop the stock covers
  { ratio: 0.5, from: 4, to: 6, short: false }, // three weeks at half
  { ratio: 0.85, from: 1, to: 8, short: false }, // a plan trimmed by 15 %
  { ratio: 0.2, from: 5, to: 6, stock: 1.5, short: false }, // a late dip with extra stock
];

/** Plan cuts on SKUs of both plants; the dips stock covers are controls. */
function plantPlans(demo: DemoMarket, seed: number): Planted {
  const skus = shuffled(
    demo.products.map((p) => p.sku).filter((s) => s !== PLAN.shortfall.sku),
    seed,
    (s) => s,
  );
  const out: Planted = { positives: [], negatives: [], tolerated: [] };
  PLAN_EDITS.forEach((e, i) => {
    const sku = skus[i]!;
    scalePlan(demo, sku, e.ratio, e.from, e.to);
    if (e.stock) scaleLatestStock(demo, sku, e.stock);
    const plant = plantOf(demo, sku);
    if (e.short)
      out.positives.push(
        label("supply_shortfall", { market: plant.market, sku, location: plant.id }),
      );
    else out.negatives.push(label("supply_shortfall", { market: plant.market, sku }));
    // Stock raised for the case may read as excess or cover; only the plan is being judged.
    if (e.stock)
      out.tolerated.push(...demo.markets.map((m) => label("excess_stock", { market: m.id, sku })));
  });
  return out;
}

/** One edited demo market per seed, carrying both families and the base demo's labels. */
export function demoEditCases(seeds: readonly number[] = [1, 2, 3]): PerceptionCase[] {
  return seeds.map((seed) => {
    let built: { demo: DemoMarket; labels: Planted } | undefined;
    const get = () => {
      if (built) return built;
      const demo = generateDemoMarket({ seed });
      const base = demoLabels(demo);
      const collapses = plantCollapses(demo, seed);
      const plans = plantPlans(demo, seed + 100);
      const labels = {
        positives: [...base.positives, ...collapses.positives, ...plans.positives],
        negatives: [...base.negatives, ...collapses.negatives, ...plans.negatives],
        tolerated: [...base.tolerated, ...collapses.tolerated, ...plans.tolerated],
      };
      return (built = { demo, labels });
    };
    return {
      id: `demo-edited-seed-${seed}`,
      family: "demo-edited",
      world: { key: `demo-edited:${seed}`, build: () => get().demo },
      now: DEMO_NOW,
      get positives() {
        return get().labels.positives;
      },
      get negatives() {
        return get().labels.negatives;
      },
      get tolerated() {
        return get().labels.tolerated;
      },
    };
  });
}

import { createDemandAgent, type DemandView } from "../agents/demand/index.js";
import { createInventoryAgent, type InventoryView } from "../agents/inventory/index.js";
import {
  createPromotionAgent,
  LiftPricer,
  marketContexts,
  SIMULATED_MECHANICS,
  type CategoryLift,
  type MediaCosts,
  type SkuMarketContext,
} from "../agents/promotion/index.js";
import type { Scenario, ScenarioPrediction } from "../domain/scenario.js";
import type {
  LoadedPolicy,
  ScenarioForecast,
  ScenarioPredictor,
  ScenarioQuery,
} from "../policies/index.js";
import type { Clock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import type { PromotionStateValue } from "./state.js";

/**
 * The policy's ScenarioPredictor port, wired to the promotion agent's own simulation: the
 * proposal's predictions are judged by the model it was planned with. In a run the plan's
 * scored scenarios are reused (no second simulation); anything else is simulated from the
 * demand and inventory views (the run's own, or read from the store for a CLI or HTTP check).
 */

/** Demand and inventory views of a scope, or why there are none. */
export type ViewsOf = (
  category: string,
  market: string,
) => { demand: DemandView; inventory: InventoryView } | { unavailable: string };

export interface SimulationPredictorDeps {
  views: ViewsOf;
  /** The category's fitted lift model as of a date (the agent's `liftFor`); null when its history is too short. */
  liftFor: (category: string, asOf: string) => CategoryLift | null;
  safetyMarginPct?: number;
  media?: MediaCosts;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The simulator's mechanic for a proposal's: the ones it does not model run as a TPR at their effective depth (an upper bound). */
const simulated = (q: ScenarioQuery) =>
  SIMULATED_MECHANICS.includes(q.mechanic) ? q.mechanic : "tpr";

function forecastOf(
  parts: {
    sku: string;
    p: Pick<ScenarioPrediction, "baselineUnits" | "promoUnits" | "interval80">;
  }[],
  exact: boolean,
  source: string,
): ScenarioForecast {
  const perSku = Object.fromEntries(
    parts.map(({ sku, p }) => [
      sku,
      {
        baselineUnits: p.baselineUnits,
        totalUnits: p.promoUnits,
        totalUnits80: [...p.interval80.promoUnits] as [number, number],
      },
    ]),
  );
  const xs = Object.values(perSku);
  const sum = (f: (x: (typeof xs)[number]) => number) => xs.reduce((s, x) => s + f(x), 0);
  return {
    baselineUnits: sum((x) => x.baselineUnits),
    totalUnits: sum((x) => x.totalUnits),
    totalUnits80: [sum((x) => x.totalUnits80[0]), sum((x) => x.totalUnits80[1])],
    perSku,
    exact,
    source,
  };
}

/** A context whose baseline covers the scenario's weeks and the dip after (the demand view's horizon may be shorter). */
function covering(ctx: SkuMarketContext, weeks: number): SkuMarketContext {
  const w = ctx.baselineWeekly;
  if (w.length > weeks) return ctx;
  const last = w.at(-1) ?? 0;
  return {
    ...ctx,
    baselineWeekly: [...w, ...Array.from({ length: weeks + 1 - w.length }, () => last)],
  };
}

/**
 * The lift model's units rescaled onto the demand agent's baseline for the same weeks: the lift
 * (promoted over regular units, and its interval) is the lift model's, the level the demand
 * view's, which also reads short or ragged histories (the lift model's level needs a long panel
 * and ran 4× low on twelve weeks of flat sales).
 */
function onDemandBaseline(
  p: ScenarioPrediction,
  ctx: SkuMarketContext,
  weeks: number,
): Pick<ScenarioPrediction, "baselineUnits" | "promoUnits" | "interval80"> {
  const base = ctx.baselineWeekly.slice(0, weeks).reduce((a, b) => a + b, 0);
  if (!(p.baselineUnits > 0) || !(base > 0)) return p;
  const k = base / p.baselineUnits;
  const [lo, hi] = p.interval80.promoUnits;
  return {
    baselineUnits: base,
    promoUnits: p.promoUnits * k,
    interval80: { ...p.interval80, promoUnits: [lo * k, hi * k] },
  };
}

/** Simulates a scenario per SKU with the agent's simulator, on the scope's views. */
export function simulationPredictor(d: SimulationPredictorDeps): ScenarioPredictor {
  return {
    predict(q) {
      const v = d.views(q.category, q.market);
      if ("unavailable" in v) return v;
      const contexts = marketContexts(v.demand, v.inventory);
      const lift = d.liftFor(q.category, v.demand.asOf);
      if (!lift)
        return { unavailable: `no lift model for ${q.category}: its history is too short to fit` };
      // The lift's interval is wide where the history barely ran the mechanic, so a thin fit
      // cannot refute a claim it knows little about.
      const pricer = new LiftPricer(lift, q.market);
      const opts = {
        ...(d.media ? { media: d.media } : {}),
        ...(d.safetyMarginPct !== undefined ? { safetyMarginPct: d.safetyMarginPct } : {}),
      };
      const mechanic = simulated(q);
      const parts = [];
      for (const sku of q.skus) {
        const ctx = contexts[sku];
        if (!ctx) return { unavailable: `no demand forecast for ${sku} in ${q.market}` };
        const s: Scenario = {
          id: `check-${sku}`,
          sku,
          category: q.category,
          market: q.market,
          mechanic,
          depthPct: q.depthPct,
          weeks: q.weeks,
          startDate: q.startDate,
          channels: q.channels,
        };
        const c = covering(ctx, q.weeks);
        parts.push({
          sku,
          p: onDemandBaseline(pricer.withInterval(s, c, pricer.point(s, c, opts)), c, q.weeks),
        });
      }
      return forecastOf(parts, mechanic === q.mechanic, "recomputed by the lift model");
    },
  };
}

export interface StorePredictorDeps {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  media?: MediaCosts;
  /** The category fits to reuse (the graph's promotion agent's); default: a new agent's, fitted on first use. */
  liftFor?: (category: string, asOf: string) => CategoryLift | null;
}

/** The given fits, or a new promotion agent's (its cache then lives as long as the predictor). */
const liftsOf = (d: StorePredictorDeps) =>
  d.liftFor ?? createPromotionAgent({ db: d.db, clock: d.clock, policy: d.policy }).liftFor;

/**
 * The predictor for checks outside a run (CLI `policy check`, HTTP edits, evals): views read from
 * the store once per scope and kept in this object, effects from the promotion agent's fit.
 */
export function storeScenarioPredictor(d: StorePredictorDeps): ScenarioPredictor {
  const demand = createDemandAgent({ db: d.db, clock: d.clock });
  const inventory = createInventoryAgent({ db: d.db, clock: d.clock });
  const liftFor = liftsOf(d);
  const seen = new Map<string, ReturnType<ViewsOf>>();
  const views: ViewsOf = (category, market) => {
    const key = `${category}\u0000${market}`;
    let v = seen.get(key);
    if (!v) {
      try {
        v = {
          demand: demand.forecast({ category, market }),
          inventory: inventory.assess({ category, market }),
        };
      } catch (e) {
        v = { unavailable: (e as Error).message.split("\n")[0]! };
      }
      seen.set(key, v);
    }
    return v;
  };
  return simulationPredictor({
    views,
    liftFor,
    safetyMarginPct: d.policy.policy.supply.safetyMarginPct,
    ...(d.media ? { media: d.media } : {}),
  });
}

/**
 * The predictor of a run's policy check: the plan's own scored scenario when the proposal is
 * one of them (no second simulation), else the run's own views simulated, else the store's.
 */
export function runPredictor(s: PromotionStateValue, d: StorePredictorDeps): ScenarioPredictor {
  const scored = [...(s.plan?.choice ? [s.plan.choice.chosen] : []), ...(s.plan?.top ?? [])];
  // One set of fits for the run's scope and any other: a category is fitted at most once.
  const liftFor = liftsOf(d);
  const store = storeScenarioPredictor({ ...d, liftFor });
  const { demand, inventory, scope } = s;
  const own =
    demand && inventory
      ? simulationPredictor({
          views: (c, m) =>
            c === scope.category && m === scope.market
              ? { demand, inventory }
              : { unavailable: "outside the run's scope" },
          liftFor,
          safetyMarginPct: d.policy.policy.supply.safetyMarginPct,
          ...(d.media ? { media: d.media } : {}),
        })
      : undefined;
  return {
    predict(q) {
      if (q.skus.length === 1) {
        const hit = scored.find(
          ({ scenario: x }) =>
            x.sku === q.skus[0] &&
            x.market === q.market &&
            x.mechanic === q.mechanic &&
            Math.abs(x.depthPct - q.depthPct) < 1e-6 &&
            x.weeks === q.weeks &&
            x.startDate === q.startDate &&
            sameSet(x.channels, q.channels),
        );
        if (hit)
          return forecastOf(
            [{ sku: hit.scenario.sku, p: hit.prediction }],
            true,
            "the plan's own prediction",
          );
      }
      const mine = own?.predict(q);
      return mine && !("unavailable" in mine) ? mine : store.predict(q);
    },
  };
}

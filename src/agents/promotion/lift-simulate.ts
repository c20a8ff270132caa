import type { Scenario, ScenarioPrediction } from "../../domain/scenario.js";
import { normalUpperTail } from "../../tools/forecast/normal.js";
import type { CategoryLift, SkuGroups } from "./category-lift.js";
import type { CellPlan, CellSum } from "./lift-cells.js";
import { mechanicClass } from "./lift-evidence.js";
import type { LiftCorrection } from "./recalibrate.js";
import {
  nonePoint,
  pointFromUnits,
  scenarioPoint,
  type PointPrediction,
  type ScenarioUnits,
  type SimulationOptions,
  type SkuMarketContext,
} from "./simulate.js";

const DAY_MS = 86_400_000;
/** z of a two-sided 80 % interval: its half-width is 1.2816 σ. */
export const Z80 = 1.2816;
const MECHANICS: readonly string[] = ["tpr", "feature", "display", "feature_display"];
const NO_EFFECT = {
  elasticity: 0,
  logFeature: 0,
  logDisplay: 0,
  postPromoDip: 0,
  cannibalisation: 0,
};

/** A scenario's plans in stores and on the web shop (no display there, and a cut only when priced there). */
interface ScenarioPlans {
  store: CellPlan;
  /** Undefined when the web shop sees no promotion. */
  web: CellPlan | undefined;
}

function plansOf(s: Scenario, webPriced: boolean): ScenarioPlans {
  const d = s.depthPct / 100;
  const f = s.mechanic === "feature" || s.mechanic === "feature_display" ? 1 : 0;
  const dsp = s.mechanic === "display" || s.mechanic === "feature_display" ? 1 : 0;
  const cut = d > 0 ? 1 : 0;
  const store: CellPlan = {
    depth: d,
    feature: f,
    display: dsp,
    tprOnly: cut && !f && !dsp ? 1 : 0,
  };
  const webCut = webPriced ? cut : 0;
  const web: CellPlan = {
    depth: webPriced ? d : 0,
    feature: f,
    display: 0,
    tprOnly: webCut && !f ? 1 : 0,
  };
  return { store, web: web.feature || web.tprOnly ? web : undefined };
}

/**
 * Prices a scope's scenarios with its category's lift model: units from the model's cells, money
 * by the same arithmetic as every other prediction. A SKU the model has no history for is priced
 * with no lift (a promotion then only costs money).
 */
export class LiftPricer {
  private readonly weekOf = new Map<string, number>();
  private readonly groups = new Map<string, SkuGroups>();
  /** Plans by mechanic, depth and web pricing: a scope's scenarios share a few dozen. */
  private readonly plans = new Map<number, ScenarioPlans>();
  private readonly units: ScenarioUnits = {
    baselineUnits: 0,
    storeUnits: 0,
    webUnits: 0,
    webPriced: false,
    cannibalisedUnits: 0,
    pulledForwardUnits: 0,
  };
  private readonly sum: CellSum = { mean: 0, variance: 0, sdSum: 0 };
  private readonly lastMs: number;

  constructor(
    private readonly lift: CategoryLift,
    private readonly market: string,
    /** What settled campaigns say about the model's lift for a mechanic (none: the model as is). */
    private readonly correction?: (mechanic: string) => LiftCorrection,
    /** A what-if's scale of every unit the model forecasts (1: the model as is). */
    private readonly demandScale = 1,
  ) {
    this.lastMs = Date.parse(`${lift.lastWeek}T00:00:00Z`);
  }

  /** The SKU's cells (looked up once a scope: the screen prices thousands of its scenarios). */
  private cells(sku: string): SkuGroups {
    let g = this.groups.get(sku);
    if (!g) this.groups.set(sku, (g = this.lift.cellsFor(sku, this.market)));
    return g;
  }

  private plansFor(s: Scenario, webPriced: boolean): ScenarioPlans {
    const key =
      ((MECHANICS.indexOf(s.mechanic) + 1) * 10_000 + Math.round(s.depthPct * 10)) * 2 +
      (webPriced ? 1 : 0);
    let p = this.plans.get(key);
    if (!p) this.plans.set(key, (p = plansOf(s, webPriced)));
    return p;
  }

  /** Cell week (0 = the first week after the model's last actuals) in which a promotion starting on `date` runs. */
  private week(date: string): number {
    let k = this.weekOf.get(date);
    if (k === undefined) {
      k = Math.max(0, Math.ceil((Date.parse(`${date}T00:00:00Z`) - this.lastMs) / DAY_MS / 7) - 1);
      this.weekOf.set(date, k);
    }
    return k;
  }

  /** Weeks the SKU's history ran the scenario's mechanic (in any store of the category's data). */
  evidenceWeeks(s: Scenario): number {
    const g = this.cells(s.sku);
    const cells = g.store ?? g.web;
    if (!cells || s.mechanic === "none") return 0;
    const plan = this.plansFor(s, false).store;
    const upc = this.lift.model.panel.series[cells.series[0]!]!.upcIdx;
    return this.lift.evidence.weeks(upc, mechanicClass(plan.depth, plan.feature, plan.display));
  }

  /** Point prediction of a scenario (written into `into` when given). */
  point(
    s: Scenario,
    ctx: SkuMarketContext,
    opts: SimulationOptions = {},
    into?: PointPrediction,
  ): PointPrediction {
    const g = this.cells(s.sku);
    if (s.mechanic === "none" || s.weeks === 0) return nonePoint(s, ctx, 0, into);
    if (!g.store && !g.web) return scenarioPoint(s, ctx, NO_EFFECT, opts, into);
    const webPriced = ctx.hasWebShop && s.channels.includes("ecommerce");
    const plan = this.plansFor(s, webPriced);
    const k0 = this.week(s.startDate);
    let base = 0;
    let storeUnits = 0;
    let webUnits = 0;
    let pulled = 0;
    for (let j = 0; j < s.weeks; j++) {
      const k = k0 + j;
      if (g.store) {
        base += g.store.base(k);
        storeUnits += g.store.promo(plan.store, k, j, this.sum).mean;
      }
      if (g.web) {
        base += g.web.base(k);
        webUnits += plan.web ? g.web.promo(plan.web, k, j, this.sum).mean : g.web.base(k);
      }
    }
    const after = k0 + s.weeks;
    if (g.store) pulled += g.store.base(after) - g.store.post(after, s.weeks);
    if (g.web && plan.web) pulled += g.web.base(after) - g.web.post(after, s.weeks);
    const k = this.correction?.(s.mechanic).factor ?? 1;
    if (k !== 1 && storeUnits + webUnits > 0) {
      // The causal record's correction scales the incremental units, not the baseline.
      const scale =
        Math.max(0, base + k * (storeUnits + webUnits - base)) / (storeUnits + webUnits);
      storeUnits *= scale;
      webUnits *= scale;
    }
    const u = this.units;
    const d = this.demandScale;
    u.baselineUnits = base * d;
    u.storeUnits = storeUnits * d;
    u.webUnits = webUnits * d;
    u.webPriced = webPriced;
    u.cannibalisedUnits = (g.store?.cannibalisedPerWeek() ?? 0) * s.weeks * d;
    u.pulledForwardUnits = pulled * d;
    return pointFromUnits(s, ctx, u, opts, into);
  }

  /**
   * Adds 80 % intervals of what the decision is uncertain about: the SKU's lift under the
   * scenario's mechanic (`LiftEvidence`: wide where the history barely ran it), as a lognormal
   * factor on the promoted units. Week-to-week sales noise is left out: it moves the promoted
   * week and its counterfactual alike, so it does not decide whether the promotion pays.
   */
  withInterval(s: Scenario, ctx: SkuMarketContext, p: PointPrediction): ScenarioPrediction {
    const g = this.cells(s.sku);
    const cells = g.store ?? g.web;
    if (s.mechanic === "none" || !cells) {
      const m = p.incrementalMargin;
      return {
        ...p,
        interval80: {
          promoUnits: [p.promoUnits, p.promoUnits],
          incrementalUnits: [p.incrementalUnits, p.incrementalUnits],
          incrementalMargin: [m, m],
        },
      };
    }
    const plan = this.plansFor(s, ctx.hasWebShop && s.channels.includes("ecommerce")).store;
    const cls = mechanicClass(plan.depth, plan.feature, plan.display);
    const upc = this.lift.model.panel.series[cells.series[0]!]!.upcIdx;
    const c = this.correction?.(s.mechanic);
    const sd = this.lift.evidence.logLiftSd(upc, cls, c?.extraVariance ?? 0, c?.campaigns ?? 0);
    const lo = p.promoUnits * Math.exp(-Z80 * sd);
    const hi = p.promoUnits * Math.exp(Z80 * sd);
    const unitMargin = p.promoPrice - ctx.unitCost;
    const at = (u: number) => p.incrementalMargin + (u - p.promoUnits) * unitMargin;
    const [m1, m2] = [at(lo), at(hi)].sort((a, b) => a - b) as [number, number];
    return {
      ...p,
      interval80: {
        promoUnits: [lo, hi],
        incrementalUnits: [lo - p.baselineUnits, hi - p.baselineUnits],
        incrementalMargin: [m1, m2],
      },
    };
  }
}

/**
 * P(incremental margin > 0) of a prediction: what the agent asks of a candidate before choosing
 * it (policy `success.minProbabilityPositive`). The margin is read as `a + b·e^ε`, ε normal, the
 * shape a lognormal lift gives: the point and the 80 % interval's ends fix a, b and ε's spread
 * (a symmetric interval is read as a normal one).
 */
export function probabilityPositive(p: ScenarioPrediction): number {
  const [lo, hi] = p.interval80.incrementalMargin;
  const m = p.incrementalMargin;
  if (!(hi > lo)) return m > 0 ? 1 : 0;
  const up = hi - m;
  const down = m - lo;
  if (!(up > 0 && down > 0) || Math.abs(Math.log(up / down)) < 1e-6) {
    return normalUpperTail(-m / ((hi - lo) / (2 * Z80)));
  }
  // up/down = e^{zσ}; b (the margin's scale) takes the sign that makes the larger side the upper.
  const r = up / down;
  const sigma = Math.abs(Math.log(r)) / Z80;
  const b = up / (r - 1);
  const a = m - b;
  // a + b·e^ε > 0  ⇔  e^ε > −a/b (b > 0)  or  e^ε < −a/b (b < 0).
  const q = -a / b;
  if (q <= 0) return b > 0 ? 1 : 0;
  const zq = Math.log(q) / sigma;
  return b > 0 ? normalUpperTail(zq) : 1 - normalUpperTail(zq);
}

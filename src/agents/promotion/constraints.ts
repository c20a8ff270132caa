import type { Finding } from "../../domain/findings.js";
import type { Scenario } from "../../domain/scenario.js";
import type { Policy } from "../../policies/index.js";
import type { InventoryView } from "../inventory/index.js";
import type { Screened } from "./select.js";
import type { PointPrediction } from "./simulate.js";
import { formatWhole } from "../../domain/format.js";
import { proposalEndDate } from "../../domain/proposal.js";
import { liveCommitments, promotedSalesPeriods } from "../../policies/context/reads.js";
import { addDays } from "../../domain/dates.js";
import type { Db } from "../../store/index.js";

/** Limits a blocked verdict names for the next attempt (depth caps, the lawful reference price …). */
export interface RevisionLimits {
  maxDepthPct?: number;
  referencePrice?: number;
  excludeMechanics?: string[];
  maxSpend?: number;
  excludeSkus?: string[];
}

/** What the agent knows before asking the policy: stock, supply, budget left, success thresholds, revise limits. */
export interface KnownConstraints {
  inventory: InventoryView;
  findings: readonly Finding[];
  policy: Policy;
  budgetLeft: number;
  limits: RevisionLimits;
  /** Periods the scope's SKUs are (or were) on promotion in its market: committed campaigns and promoted sales. */
  promoted?: readonly PromotedPeriod[];
}

export interface PromotedPeriod {
  sku: string;
  from: string;
  to: string;
}

/** Days either side of a scenario searched for other promotions of its SKUs (the brand gap is in weeks). */
const GAP_LOOKAROUND_DAYS = 120;

/**
 * Promotions of `skus` in `market` around `from`: approved or launched campaigns, and weeks sold on
 * promotion. A second campaign of a SKU already on promotion adds nothing (the shelf has one price),
 * so the forecast of such a scenario would be pure fiction.
 */
export function promotedPeriods(db: Db, market: string, skus: readonly string[], from: string): PromotedPeriod[] {
  const lo = addDays(from, -GAP_LOOKAROUND_DAYS);
  const hi = addDays(from, GAP_LOOKAROUND_DAYS);
  const out: PromotedPeriod[] = promotedSalesPeriods(db, [...skus], [market], lo, hi);
  for (const c of liveCommitments(db, "", lo, hi)) {
    if (!c.markets.includes(market)) continue;
    for (const sku of c.skus) if (skus.includes(sku)) out.push({ sku, from: c.startDate, to: c.endDate });
  }
  return out;
}

/**
 * What the checks ask of `k` per SKU, market and dates, found once: thousands of scenarios share a
 * few dozen SKU × start × length combinations.
 */
interface Lookups {
  /** Market → SKUs spiking there (no key string is built per scenario). */
  spiking: Map<string, Set<string>>;
  promotedSkus: Set<string>;
  /** SKU → start date → weeks → the promoted period within the brand gap (null: none). */
  near: Map<string, Map<string, (PromotedPeriod | null)[]>>;
  /** SKU → start date → weeks → whether it would put too much of the category on promotion. */
  share: Map<string, Map<string, boolean[]>>;
}
const LOOKUPS = new WeakMap<KnownConstraints, Lookups>();
function lookups(k: KnownConstraints): Lookups {
  let l = LOOKUPS.get(k);
  if (!l) {
    const spiking = new Map<string, Set<string>>();
    for (const f of k.findings) {
      if (f.kind !== "demand_spike" || f.scope.sku === undefined) continue;
      const skus = spiking.get(f.scope.market) ?? new Set<string>();
      spiking.set(f.scope.market, skus.add(f.scope.sku));
    }
    LOOKUPS.set(k, (l = { spiking, promotedSkus: new Set((k.promoted ?? []).map((x) => x.sku)), near: new Map(), share: new Map() }));
  }
  return l;
}

/**
 * Whether the scenario would put more of the category's SKUs on promotion at once than the brand
 * rule allows (`brand.category_share`, counted as the policy node counts it): a proposal the policy
 * would only escalate, which an approver who says no turns into a lost week for the scope.
 */
function breaksCategoryShare(s: Scenario, k: KnownConstraints): boolean {
  const l = lookups(k);
  const others = l.promotedSkus.size - (l.promotedSkus.has(s.sku) ? 1 : 0);
  if (others === 0) return false;
  let byStart = l.share.get(s.sku);
  if (!byStart) l.share.set(s.sku, (byStart = new Map()));
  let byWeeks = byStart.get(s.startDate);
  if (!byWeeks) byStart.set(s.startDate, (byWeeks = []));
  let hit = byWeeks[s.weeks];
  if (hit === undefined) byWeeks[s.weeks] = hit = shareAbove(s, k);
  return hit;
}

function shareAbove(s: Scenario, k: KnownConstraints): boolean {
  const skus = Object.keys(k.inventory.skus);
  // Without the category's SKUs its share cannot be counted: the policy node decides.
  if (skus.length === 0) return false;
  const all = new Set([...skus, s.sku]);
  const end = proposalEndDate(s);
  let worst = 0;
  for (let day = s.startDate; day <= end; day = addDays(day, 1)) {
    const on = new Set<string>();
    for (const x of k.promoted ?? []) if (x.sku !== s.sku && x.from <= day && x.to >= day) on.add(x.sku);
    worst = Math.max(worst, on.size);
  }
  return ((1 + worst) / all.size) * 100 > k.policy.brand.maxCategorySharePct;
}

/** Promoted periods of the scenario's SKU within the brand gap of it, if any. */
function nearPromotion(s: Scenario, k: KnownConstraints): PromotedPeriod | undefined {
  const l = lookups(k);
  if (!l.promotedSkus.has(s.sku)) return undefined;
  let byStart = l.near.get(s.sku);
  if (!byStart) l.near.set(s.sku, (byStart = new Map()));
  let byWeeks = byStart.get(s.startDate);
  if (!byWeeks) byStart.set(s.startDate, (byWeeks = []));
  let hit = byWeeks[s.weeks];
  if (hit === undefined) byWeeks[s.weeks] = hit = promotedWithinGap(s, k);
  return hit ?? undefined;
}

/**
 * The search `nearPromotion` caches, a function of its own: a closure over `s` in the function
 * called for every screened scenario made V8 allocate a context on each call (50 bytes × 3,400).
 */
function promotedWithinGap(s: Scenario, k: KnownConstraints): PromotedPeriod | null {
  const gapDays = 7 * k.policy.brand.minWeeksBetweenPromotions;
  const latestFrom = addDays(proposalEndDate(s), gapDays);
  const earliestTo = addDays(s.startDate, -gapDays);
  return k.promoted!.find((x) => x.sku === s.sku && x.from <= latestFrom && x.to >= earliestTo) ?? null;
}

const spendOf = (p: PointPrediction) => p.discountCost + p.mediaCost;

/**
 * Each reason a scenario may not be chosen: a cheap test, and the sentence that explains it. The
 * agent screens thousands of scenarios and reads the sentences of a dozen, so they are only
 * written when asked for.
 */
const CHECKS: { fails(s: Scenario, p: PointPrediction, k: KnownConstraints): boolean; reason(s: Scenario, p: PointPrediction, k: KnownConstraints): string }[] = [
  { fails: (s, _p, k) => k.inventory.skus[s.sku]?.promotable === false, reason: (s, _p, k) => `${s.sku} not promotable: ${k.inventory.skus[s.sku]?.reason ?? "shortage"}` },
  {
    fails: (s, _p, k) => lookups(k).spiking.get(s.market)?.has(s.sku) === true,
    reason: (s) => `${s.sku} is spiking at regular price: no discount needed`,
  },
  {
    fails: (s, _p, k) => nearPromotion(s, k) !== undefined,
    reason: (s, _p, k) => {
      const near = nearPromotion(s, k)!;
      return `${s.sku} promoted ${near.from}–${near.to}: less than ${k.policy.brand.minWeeksBetweenPromotions} weeks from this one`;
    },
  },
  {
    fails: (s, _p, k) => breaksCategoryShare(s, k),
    reason: (s, _p, k) => `${s.sku} with the category's SKUs already on promotion then: more than ${k.policy.brand.maxCategorySharePct} % of the category at once`,
  },
  { fails: (_s, p) => p.stockNeeded > p.stockAvailable, reason: (_s, p) => `needs ${formatWhole(p.stockNeeded)} units with safety margin, ${formatWhole(p.stockAvailable)} available` },
  { fails: (_s, p, k) => spendOf(p) > k.budgetLeft, reason: (_s, p, k) => `spend ${formatWhole(spendOf(p))} > category budget left ${formatWhole(k.budgetLeft)}` },
  { fails: (_s, p, k) => p.liftPct < k.policy.success.minLiftPct, reason: (_s, p, k) => `lift ${p.liftPct.toFixed(1)} % < policy minimum ${k.policy.success.minLiftPct} %` },
  {
    fails: (_s, p, k) => p.incrementalMargin < k.policy.success.minIncrementalMargin,
    reason: (_s, p, k) => `incremental margin ${formatWhole(p.incrementalMargin)} < policy minimum ${k.policy.success.minIncrementalMargin}`,
  },
  { fails: (_s, p, k) => p.roi < k.policy.success.minRoi, reason: (_s, p, k) => `ROI ${p.roi.toFixed(2)} < policy minimum ${k.policy.success.minRoi}` },
  { fails: (s, _p, k) => k.limits.maxDepthPct !== undefined && s.depthPct > k.limits.maxDepthPct, reason: (s, _p, k) => `depth ${s.depthPct} % > revision limit ${k.limits.maxDepthPct} %` },
  { fails: (s, _p, k) => k.limits.excludeMechanics?.includes(s.mechanic) === true, reason: (s) => `mechanic ${s.mechanic} excluded by the last verdict` },
  { fails: (s, _p, k) => k.limits.excludeSkus?.includes(s.sku) === true, reason: (s) => `${s.sku} excluded by the last verdict` },
  { fails: (_s, p, k) => k.limits.maxSpend !== undefined && spendOf(p) > k.limits.maxSpend, reason: (_s, p, k) => `spend ${formatWhole(spendOf(p))} > revision limit ${formatWhole(k.limits.maxSpend!)}` },
];

/** True when nothing rules the scenario out ("no promotion" never is). */
export function isFeasible(s: Scenario, p: PointPrediction, k: KnownConstraints): boolean {
  if (s.mechanic === "none") return true;
  // An indexed loop: no closure, and no iterator object, per screened scenario.
  for (let i = 0; i < CHECKS.length; i++) if (CHECKS[i]!.fails(s, p, k)) return false;
  return true;
}

/** Reasons a scenario may not be chosen; empty when it may. */
export function violations(s: Scenario, p: PointPrediction, k: KnownConstraints): string[] {
  if (s.mechanic === "none") return [];
  return CHECKS.filter((c) => c.fails(s, p, k)).map((c) => c.reason(s, p, k));
}

/**
 * A screened scenario whose reasons are written when first read (97 % of candidates are ruled out;
 * a dozen are read), and whose prediction, when the screen judged it on a reused object, is made
 * again when first read: the screen ranks thousands of candidates and reads a few dozen.
 */
class ScreenedScenario<P extends PointPrediction> implements Screened<P> {
  private reasons: string[] | undefined;
  constructor(
    readonly scenario: Scenario,
    private point: P | undefined,
    private readonly predict: ((s: Scenario) => P) | undefined,
    readonly feasible: boolean,
    readonly margin: number,
    private readonly known: KnownConstraints,
  ) {}
  get prediction(): P {
    return (this.point ??= this.predict!(this.scenario));
  }
  get constraints(): string[] {
    return (this.reasons ??= this.feasible ? [] : violations(this.scenario, this.prediction, this.known));
  }
}

/** Judges a scenario on its point prediction: feasible or not, with its reasons on demand. */
export function screen<P extends PointPrediction>(scenario: Scenario, prediction: P, k: KnownConstraints): Screened<P> {
  return new ScreenedScenario(scenario, prediction, undefined, isFeasible(scenario, prediction, k), prediction.incrementalMargin, k);
}

/**
 * A scenario already judged on a prediction the screen did not keep (see `screenGrid`): its own
 * prediction is made again by `predict` (the same deterministic simulation) when first read.
 */
export function screenedEarlier<P extends PointPrediction>(scenario: Scenario, margin: number, feasible: boolean, predict: (s: Scenario) => P, k: KnownConstraints): Screened<P> {
  return new ScreenedScenario<P>(scenario, undefined, predict, feasible, margin, k);
}

/** Marks each evaluated scenario feasible or not; the reasons are written when first read. */
export function applyConstraints<P extends PointPrediction>(items: { scenario: Scenario; prediction: P }[], k: KnownConstraints): Screened<P>[] {
  return items.map(({ scenario, prediction }) => screen(scenario, prediction, k));
}

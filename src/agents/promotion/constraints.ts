import type { Finding } from "../../domain/findings.js";
import type { Scenario } from "../../domain/scenario.js";
import { allRules, limitScreens, plannerScreens } from "../../policies/index.js";
import type { Policy, PolicyRule, ScenarioScreen } from "../../policies/index.js";
import type { InventoryView } from "../inventory/index.js";
import type { Screened } from "./select.js";
import type { PointPrediction } from "./simulate.js";
import { liveCommitments, promotedSalesPeriods } from "../../policies/context/reads.js";
import { addDays } from "../../domain/dates.js";
import type { Db } from "../../store/index.js";
import type { PromotedPeriod, RevisionLimits } from "../../domain/planning.js";

/** What the agent knows before asking the policy: stock, supply, budget left, success thresholds, revise limits. */
export interface KnownConstraints {
  inventory: InventoryView;
  findings: readonly Finding[];
  policy: Policy;
  budgetLeft: number;
  limits: RevisionLimits;
  /** Periods the scope's SKUs are (or were) on promotion in its market: committed campaigns and promoted sales. */
  promoted?: readonly PromotedPeriod[];
  /** The rules whose pre-checks screen scenarios (default: the shipped rules). */
  rules?: readonly PolicyRule[];
}

export type { PromotedPeriod, RevisionLimits };

/** Days either side of a scenario searched for other promotions of its SKUs (the brand gap is in weeks). */
const GAP_LOOKAROUND_DAYS = 120;

/**
 * Promotions of `skus` in `market` around `from`: approved or launched campaigns, and weeks sold on
 * promotion. A second campaign of a SKU already on promotion adds nothing (the shelf has one price),
 * so the forecast of such a scenario would be pure fiction.
 */
export function promotedPeriods(
  db: Db,
  market: string,
  skus: readonly string[],
  from: string,
): PromotedPeriod[] {
  const lo = addDays(from, -GAP_LOOKAROUND_DAYS);
  const hi = addDays(from, GAP_LOOKAROUND_DAYS);
  const out: PromotedPeriod[] = promotedSalesPeriods(db, [...skus], [market], lo, hi);
  for (const c of liveCommitments(db, "", lo, hi)) {
    if (!c.markets.includes(market)) continue;
    for (const sku of c.skus)
      if (skus.includes(sku)) out.push({ sku, from: c.startDate, to: c.endDate });
  }
  return out;
}

/** The tests a scope's scenarios must pass, made once per scope (the screen asks per scenario). */
export type Screens = readonly ScenarioScreen[];

/**
 * The planner's own tests (stock it may not promote, demand that needs no discount) and the
 * rules' pre-checks with the revise limits: the policy's rules say what they ask of a scenario
 * (see src/policies/planner.ts); the planner never copies their tests.
 */
export function screensFor(k: KnownConstraints): Screens {
  const facts = {
    policy: k.policy,
    budgetLeft: k.budgetLeft,
    categorySkus: Object.keys(k.inventory.skus),
    promoted: k.promoted ?? [],
  };
  const rules = k.rules ?? SHIPPED_RULES;
  return [...ownScreens(k), ...plannerScreens(rules, facts), ...limitScreens(k.limits)];
}

/** The shipped rules, read once: the registry builds a new list on every call. */
const SHIPPED_RULES: readonly PolicyRule[] = allRules();

function ownScreens(k: KnownConstraints): ScenarioScreen[] {
  const spiking = new Map<string, Set<string>>();
  for (const f of k.findings) {
    if (f.kind !== "demand_spike" || f.scope.sku === undefined) continue;
    const skus = spiking.get(f.scope.market) ?? new Set<string>();
    spiking.set(f.scope.market, skus.add(f.scope.sku));
  }
  const stock = k.inventory.skus;
  return [
    {
      fails: (s) => stock[s.sku]?.promotable === false,
      reason: (s) => `${s.sku} not promotable: ${stock[s.sku]?.reason ?? "shortage"}`,
    },
    {
      fails: (s) => spiking.get(s.market)?.has(s.sku) === true,
      reason: (s) => `${s.sku} is spiking at regular price: no discount needed`,
    },
  ];
}

/** True when nothing rules the scenario out ("no promotion" never is). */
export function isFeasible(s: Scenario, p: PointPrediction, screens: Screens): boolean {
  if (s.mechanic === "none") return true;
  // An indexed loop: no closure, and no iterator object, per screened scenario.
  for (let i = 0; i < screens.length; i++) if (screens[i]!.fails(s, p)) return false;
  return true;
}

/** Reasons a scenario may not be chosen; empty when it may. */
export function violations(s: Scenario, p: PointPrediction, k: KnownConstraints): string[] {
  return reasonsOf(s, p, screensFor(k));
}

function reasonsOf(s: Scenario, p: PointPrediction, screens: Screens): string[] {
  if (s.mechanic === "none") return [];
  return screens.filter((c) => c.fails(s, p)).map((c) => c.reason(s, p));
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
    private readonly screens: Screens,
  ) {}
  get prediction(): P {
    return (this.point ??= this.predict!(this.scenario));
  }
  get constraints(): string[] {
    return (this.reasons ??= this.feasible
      ? []
      : reasonsOf(this.scenario, this.prediction, this.screens));
  }
}

/** Judges a scenario on its point prediction: feasible or not, with its reasons on demand. */
export function screen<P extends PointPrediction>(
  scenario: Scenario,
  prediction: P,
  screens: Screens,
): Screened<P> {
  return new ScreenedScenario(
    scenario,
    prediction,
    undefined,
    isFeasible(scenario, prediction, screens),
    prediction.incrementalMargin,
    screens,
  );
}

/**
 * A scenario already judged on a prediction the screen did not keep (see `screenGrid`): its own
 * prediction is made again by `predict` (the same deterministic simulation) when first read.
 */
export function screenedEarlier<P extends PointPrediction>(
  scenario: Scenario,
  margin: number,
  feasible: boolean,
  predict: (s: Scenario) => P,
  screens: Screens,
): Screened<P> {
  return new ScreenedScenario<P>(scenario, undefined, predict, feasible, margin, screens);
}

/** Marks each evaluated scenario feasible or not; the reasons are written when first read. */
export function applyConstraints<P extends PointPrediction>(
  items: { scenario: Scenario; prediction: P }[],
  k: KnownConstraints,
): Screened<P>[] {
  const screens = screensFor(k);
  return items.map(({ scenario, prediction }) => screen(scenario, prediction, screens));
}

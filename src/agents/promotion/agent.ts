import type { Finding } from "../../domain/findings.js";
import type { PromotionProposalInput } from "../../domain/proposal.js";
import type { ReasonerUsage } from "../../domain/decision.js";
import type {
  Alternative,
  EvaluatedScenario,
  Scenario,
  ScenarioChoice,
} from "../../domain/scenario.js";
import { settledOutcomes } from "../../monitoring/accuracy.js";
import { createOfflineReasoner } from "../../llm/offline.js";
import type { Reasoner } from "../../llm/types.js";
import type { Clock } from "../../domain/index.js";
import { withExtraRules, type LoadedPolicy, type PolicyRule } from "../../policies/index.js";
import { prepared, type Db } from "../../store/index.js";
import { readMediaRates } from "../../tools/media-rates.js";
import { CATEGORY_ENTRIES, FactsMemo } from "../../tools/memo.js";
import type { DemandView } from "../demand/index.js";
import type { InventoryView } from "../inventory/index.js";
import { categoryBudgetLeft } from "./budget.js";
import { promotedPeriods, type RevisionLimits } from "./constraints.js";
import { marketContexts, firstStartDate } from "./context.js";
import type { StockScreen } from "./store-cover.js";
import { fitCategoryLift, type CategoryLift } from "./category-lift.js";
import { DEFAULT_GRID, noPromotion, scenarioGrid, type GridOptions } from "./grid.js";
import { loadCategoryHistory } from "./history.js";
import { toProposal } from "./proposal.js";
import { DEFAULT_EXPLORATION, explorationPick, type Exploration } from "./explore.js";
import { LiftRecalibration, type LiftCorrection } from "./recalibrate.js";
import { screenGrid } from "./screen.js";
import { alternativesTo, type Screened } from "./select.js";
import { LiftPricer } from "./lift-simulate.js";
import {
  DEFAULT_RISK_AVERSION,
  probabilityFloorFailure,
  riskScore,
  type DecisionRule,
} from "./decide.js";
import {
  DEFAULT_MEDIA_COSTS,
  scenarioPoint,
  type MediaCosts,
  type PointPrediction,
  type SkuMarketContext,
} from "./simulate.js";

export interface PromotionAgentDeps {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasoner?: Reasoner;
  grid?: Partial<GridOptions>;
  media?: MediaCosts;
  /** Rules added after the shipped ones: their planner pre-checks screen scenarios too. */
  rules?: readonly PolicyRule[];
  /** Candidates shown to the reasoner. */
  shortlist?: number;
  /** Best-ranked candidates given 80 % intervals and kept in the plan (the rest are screened on their point prediction). */
  detailed?: number;
  /** A reasoner's pick is kept only within this share of the best expected margin. */
  tolerance?: number;
  /**
   * Standard deviations of incremental margin taken off a candidate's expected margin to decide
   * and rank (`DEFAULT_RISK_AVERSION`, 0: the expected margin decides; see `DecisionRule`).
   */
  riskAversion?: number;
  /** Fitted category models, shared by agents over one store (one per agent by default). */
  lifts?: FactsMemo<CategoryLift | null>;
  /** How the agent tries mechanics its history barely shows (`DEFAULT_EXPLORATION`). */
  exploration?: Partial<Exploration>;
  /** How the stock screen counts what a promotion may sell (default `"market"`). */
  stockScreen?: StockScreen;
  /** Called with every plan made (diagnostics read what the screen ruled out and why). */
  onPlan?: (input: PlanInput, plan: PromotionPlan) => void;
}

export interface PlanInput {
  scope: { category: string; market: string };
  demand: DemandView;
  inventory: InventoryView;
  findings: readonly Finding[];
  proposalId: string;
  limits?: RevisionLimits;
}

/** The promotion agent's answer: the scenarios considered, the choice and the proposal. */
export interface PromotionPlan {
  /** Every scenario considered, best first, judged on its point prediction (made when read: thousands of objects). */
  readonly screened: Screened<PointPrediction>[];
  /** The best-ranked candidates, the choice and its alternatives, with 80 % intervals; best first. */
  ranked: EvaluatedScenario[];
  choice: ScenarioChoice;
  proposal: PromotionProposalInput | null;
  modelVersion: string;
  usage: ReasonerUsage;
  currency: string;
}

const NO_EFFECT = {
  elasticity: 0,
  logFeature: 0,
  logDisplay: 0,
  postPromoDip: 0,
  cannibalisation: 0,
};

/** Creates the promotion agent: scenario grid → simulation → constraints → optimiser/reasoner → proposal. */
export function createPromotionAgent(deps: PromotionAgentDeps) {
  const reasoner = deps.reasoner ?? createOfflineReasoner();
  // The planner screens by the same rules the policy node checks, custom ones included.
  const rules = deps.rules?.length ? withExtraRules(deps.rules) : undefined;
  const gridOptions: GridOptions = { ...DEFAULT_GRID, ...deps.grid };
  const pilot = deps.policy.policy.pilot;
  // Stay inside the pilot scope: scenarios outside it would only be blocked.
  const mechanics = gridOptions.mechanics.filter(
    (m) => !pilot.mechanics || pilot.mechanics.includes(m),
  );
  const channelSets = gridOptions.channelSets.filter(
    (cs) => !pilot.channels || cs.every((c) => pilot.channels!.includes(c)),
  );
  // A category's fit (null when its history is too short), refitted after a sales ingest (a
  // correction may change weeks already fitted), bounded: a cycle over thousands of categories
  // must not keep every fit alive. One per agent: the graph that owns the agent owns the cache.
  const lifts = deps.lifts ?? new FactsMemo<CategoryLift | null>(["sales"], CATEGORY_ENTRIES);
  const liftFor = (category: string, asOf: string): CategoryLift | null =>
    lifts.get(
      deps.db,
      `${category}|${asOf}`,
      () => fitCategoryLift(category, loadCategoryHistory(deps.db, category, asOf)) ?? null,
    );
  const rule: DecisionRule = {
    riskAversion: deps.riskAversion ?? DEFAULT_RISK_AVERSION,
    minProbability: deps.policy.policy.success.minProbabilityPositive,
  };
  const explorationOpts: Exploration = { ...DEFAULT_EXPLORATION, ...deps.exploration };

  return {
    liftFor,
    /** Plans one scope: generates, simulates, constrains and chooses; returns the proposal (null for no promotion). */
    async plan(input: PlanInput): Promise<PromotionPlan> {
      const { scope, demand, inventory } = input;
      const lift = liftFor(scope.category, demand.asOf);
      // Settled holdouts correct the model where it has been measured wrong.
      const recal = new LiftRecalibration(settledOutcomes(deps.db));
      const corrections = new Map<string, LiftCorrection>();
      const correction = (mechanic: string): LiftCorrection => {
        let c = corrections.get(mechanic);
        if (!c) corrections.set(mechanic, (c = recal.correction(mechanic, scope.category)));
        return c;
      };
      const pricer = lift
        ? new LiftPricer(lift, scope.market, correction, demand.demandFactor ?? 1)
        : undefined;
      const contexts = marketContexts(demand, inventory, deps.stockScreen);
      const firstStart = firstStartDate(deps.db, scope.market, deps.clock);
      const skus = Object.keys(contexts).sort();
      const grid = scenarioGrid(
        { skus, ...scope, firstStart, hasWebShop: demand.hasWebShop },
        { ...gridOptions, mechanics, channelSets },
      );
      // The market's own rate card (a store fact) prices the ad; the default when it files none.
      const featurePerWeek =
        readMediaRates(deps.db, scope.market, demand.asOf).featureCostPerWeek ??
        DEFAULT_MEDIA_COSTS.featurePerWeek;
      const media = deps.media ?? { ...DEFAULT_MEDIA_COSTS, featurePerWeek };
      const simOpts = { media, safetyMarginPct: deps.policy.policy.supply.safetyMarginPct };
      const contextOf = (sc: { sku: string }): SkuMarketContext =>
        contexts[sc.sku] ?? emptyContext(sc.sku, scope.market);
      const known = {
        inventory,
        findings: input.findings,
        policy: deps.policy.policy,
        budgetLeft: categoryBudgetLeft(deps.db, deps.policy.policy, scope.category, firstStart),
        limits: input.limits ?? {},
        promoted: promotedPeriods(deps.db, scope.market, skus, firstStart),
        ...(rules ? { rules } : {}),
      };
      // Screen every candidate on its point prediction; intervals only for those kept.
      const predict = (sc: Scenario, into?: PointPrediction): PointPrediction =>
        pricer
          ? pricer.point(sc, contextOf(sc), simOpts, into)
          : scenarioPoint(sc, contextOf(sc), NO_EFFECT, simOpts, into);
      const none = noPromotion(skus[0] ?? "none", scope.category, scope.market, firstStart);
      const screened = screenGrid(
        grid,
        { scenario: none, prediction: predict(none) },
        predict,
        known,
      );
      const detailed = new Map<string, EvaluatedScenario>();
      // Candidates that failed only P(margin > 0), as they would stand without that rule.
      const unsure = new Map<string, EvaluatedScenario>();
      const refine = (x: Screened): EvaluatedScenario => {
        let d = detailed.get(x.scenario.id);
        if (!d) {
          const ctx = contextOf(x.scenario);
          const prediction = pricer
            ? pricer.withInterval(x.scenario, ctx, x.prediction)
            : withNoInterval(x.prediction);
          d = {
            scenario: x.scenario,
            prediction,
            feasible: x.feasible,
            constraints: x.constraints,
          };
          if (!finitePrediction(prediction)) {
            // A prediction that is not a number is no claim to act on (or to record as JSON).
            d = {
              ...d,
              prediction: finiteOrZero(prediction),
              feasible: false,
              constraints: [...x.constraints, "prediction is not a finite number"],
            };
          }
          // Decide on the forecast distribution: a coin flip is not taken (it may be tried, below).
          const unsureWhy = d.feasible ? probabilityFloorFailure(d, rule) : undefined;
          if (unsureWhy) {
            unsure.set(x.scenario.id, d);
            d = { ...d, feasible: false, constraints: [...d.constraints, unsureWhy] };
          }
          detailed.set(x.scenario.id, d);
        }
        return d;
      };
      const forAlternatives = screened.forAlternatives();
      const noneCandidate = refine(forAlternatives.find((x) => x.scenario.mechanic === "none")!);
      const score = (x: EvaluatedScenario): number => riskScore(x, rule);
      const byScore = (a: EvaluatedScenario, b: EvaluatedScenario) => score(b) - score(a);
      const top = screened.top(deps.detailed ?? 12).map(refine);
      const eligible = top.filter((x) => x.feasible).sort(byScore);
      const trial = () =>
        explorationPick(
          top.flatMap((x) => unsure.get(x.scenario.id) ?? []),
          pricer!,
          contextOf,
          explorationOpts,
        );
      const explore = pricer && !(eligible[0] && score(eligible[0]) > 0) ? trial() : undefined;
      if (explore) {
        detailed.set(explore.scenario.id, explore);
        eligible.unshift(explore);
      }
      const best = explore ?? (eligible[0] && score(eligible[0]) > 0 ? eligible[0] : noneCandidate);
      const currency = currencyOf(deps.db, scope.market);
      const shortlist = eligible.slice(0, deps.shortlist ?? 8);
      if (!shortlist.includes(noneCandidate)) shortlist.push(noneCandidate);
      const decision = await reasoner.decide({
        scope,
        findings: input.findings,
        candidates: shortlist,
        marketNotes: marketNotes(input.findings),
        currency,
      });
      // Authority stays with the numbers: an unknown or clearly worse pick is overruled by the optimiser.
      const picked = shortlist.find((x) => x.scenario.id === decision.chosenId);
      const tol = deps.tolerance ?? 0.05;
      const ok = picked && score(picked) >= score(best) - tol * Math.abs(score(best));
      const chosen = ok ? picked : best;
      const usage = ok
        ? decision.usage
        : { ...decision.usage, fallback: `optimiser overruled pick ${decision.chosenId}` };
      const alternatives: Alternative[] = alternativesTo(chosen, forAlternatives).map(
        ({ candidate, whyNot }) => {
          const a = refine(candidate);
          return {
            scenario: a.scenario,
            prediction: a.prediction,
            whyNot: decision.whyNot[a.scenario.id] ?? whyNot,
          };
        },
      );
      const ranked = screened
        .read()
        .filter((x) => detailed.has(x.scenario.id))
        .map(refine);
      const choice: ScenarioChoice = {
        chosen,
        alternatives,
        considered: screened.length,
        feasibleCount: screened.feasibleCount,
        explanation: decision.explanation,
        reasoner: reasoner.name,
      };
      const proposal =
        chosen.scenario.mechanic === "none"
          ? null
          : toProposal(chosen, input.proposalId, input.limits);
      const plan: PromotionPlan = {
        get screened() {
          return screened.all();
        },
        ranked,
        choice,
        proposal,
        modelVersion: lift?.version ?? "lift@none",
        usage,
        currency,
      };
      deps.onPlan?.(input, plan);
      return plan;
    },
  };
}
export type PromotionAgent = ReturnType<typeof createPromotionAgent>;

/** Whether every number of a prediction is finite. */
function finitePrediction(p: EvaluatedScenario["prediction"]): boolean {
  const i = p.interval80;
  return [
    p.incrementalMargin,
    p.promoUnits,
    ...i.promoUnits,
    ...i.incrementalUnits,
    ...i.incrementalMargin,
  ].every(Number.isFinite);
}

/** The prediction with every non-finite number (top level and interval) set to 0. */
function finiteOrZero(p: EvaluatedScenario["prediction"]): EvaluatedScenario["prediction"] {
  const f = (v: number) => (Number.isFinite(v) ? v : 0);
  const pair = (v: readonly [number, number]): [number, number] => [f(v[0]), f(v[1])];
  const top = Object.fromEntries(
    Object.entries(p).map(([k, v]) => [k, typeof v === "number" ? f(v) : v]),
  );
  const i = p.interval80;
  return {
    ...(top as typeof p),
    interval80: {
      promoUnits: pair(i.promoUnits),
      incrementalUnits: pair(i.incrementalUnits),
      incrementalMargin: pair(i.incrementalMargin),
    },
  };
}

/** A point prediction with a zero-width interval (no model to say how wide it is). */
function withNoInterval(p: PointPrediction): EvaluatedScenario["prediction"] {
  return {
    ...p,
    interval80: {
      promoUnits: [p.promoUnits, p.promoUnits],
      incrementalUnits: [p.incrementalUnits, p.incrementalUnits],
      incrementalMargin: [p.incrementalMargin, p.incrementalMargin],
    },
  };
}

function emptyContext(sku: string, market: string) {
  return {
    sku,
    market,
    regularPrice: 1,
    unitCost: 0,
    baselineWeekly: [0],
    storeShare: 1,
    stores: 0,
    hasWebShop: false,
    siblingWeeklyUnits: 0,
    siblingUnitMargin: 0,
    stockAvailable: 0,
    excessUnits: 0,
    excessWeeks: 0,
  };
}

function currencyOf(db: Db, market: string): string {
  return (
    (
      prepared(db, "SELECT currency FROM markets WHERE id = ?").get(market) as
        { currency: string } | undefined
    )?.currency ?? ""
  );
}

/** Competitor promo copy and shopper text, handed to the reasoner as quoted data. */
function marketNotes(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) =>
    Object.entries(f.evidence.notes ?? {}).map(([k, v]) => `${f.kind} ${k}: ${v}`),
  );
}

import type { Finding } from "../../domain/findings.js";
import type { PromotionProposalInput } from "../../domain/proposal.js";
import type { ReasonerUsage } from "../../domain/decision.js";
import type { Alternative, EvaluatedScenario, ScenarioChoice } from "../../domain/scenario.js";
import { createOfflineReasoner } from "../../llm/offline.js";
import type { Reasoner } from "../../llm/types.js";
import type { Clock, LoadedPolicy } from "../../policies/index.js";
import { prepared, type Db } from "../../store/index.js";
import { readMediaRates } from "../../tools/media-rates.js";
import { CATEGORY_ENTRIES, FactsMemo } from "../../tools/memo.js";
import type { DemandView } from "../demand/index.js";
import type { InventoryView } from "../inventory/index.js";
import { categoryBudgetLeft } from "./budget.js";
import { promotedPeriods, type RevisionLimits } from "./constraints.js";
import { marketContexts, firstStartDate } from "./context.js";
import { fitCategoryEffects, type CategoryEffects } from "./effects.js";
import { DEFAULT_GRID, noPromotion, scenarioGrid, type GridOptions } from "./grid.js";
import { loadCategoryHistory } from "./history.js";
import { toProposal } from "./proposal.js";
import { screenGrid } from "./screen.js";
import { alternativesTo, type Screened } from "./select.js";
import { DEFAULT_MEDIA_COSTS, predictPoint, withInterval, type MediaCosts, type PointPrediction, type SkuMarketContext } from "./simulate.js";

export interface PromotionAgentDeps {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasoner?: Reasoner;
  grid?: Partial<GridOptions>;
  media?: MediaCosts;
  /** Candidates shown to the reasoner. */
  shortlist?: number;
  /** Best-ranked candidates given 80 % intervals and kept in the plan (the rest are screened on their point prediction). */
  detailed?: number;
  /** A reasoner's pick is kept only within this share of the best expected margin. */
  tolerance?: number;
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

/**
 * A category's fitted effects, refitted after a sales ingest (a correction may change weeks already
 * fitted) and bounded: a cycle over thousands of categories must not keep every fit alive.
 */
const EFFECTS = new FactsMemo<CategoryEffects>(["sales"], CATEGORY_ENTRIES);

/** Creates the promotion agent: scenario grid → simulation → constraints → optimiser/reasoner → proposal. */
export function createPromotionAgent(deps: PromotionAgentDeps) {
  const reasoner = deps.reasoner ?? createOfflineReasoner();
  const gridOptions: GridOptions = { ...DEFAULT_GRID, ...deps.grid };
  const pilot = deps.policy.policy.pilot;
  // Stay inside the pilot scope: scenarios outside it would only be blocked.
  const mechanics = gridOptions.mechanics.filter((m) => !pilot.mechanics || pilot.mechanics.includes(m));
  const channelSets = gridOptions.channelSets.filter((cs) => !pilot.channels || cs.every((c) => pilot.channels!.includes(c)));
  const effectsFor = (category: string, asOf: string): CategoryEffects =>
    EFFECTS.get(deps.db, `${category}|${asOf}`, () => fitCategoryEffects(category, loadCategoryHistory(deps.db, category, asOf)));

  return {
    effectsFor,
    /** Plans one scope: generates, simulates, constrains and chooses; returns the proposal (null for no promotion). */
    async plan(input: PlanInput): Promise<PromotionPlan> {
      const { scope, demand, inventory } = input;
      const fx = effectsFor(scope.category, demand.asOf);
      const contexts = marketContexts(demand, inventory);
      const firstStart = firstStartDate(deps.db, scope.market, deps.clock);
      const skus = Object.keys(contexts).sort();
      const grid = scenarioGrid({ skus, ...scope, firstStart, hasWebShop: demand.hasWebShop }, { ...gridOptions, mechanics, channelSets });
      // The market's own rate card (a store fact) prices the ad; the default when it files none.
      const featurePerWeek = readMediaRates(deps.db, scope.market, demand.asOf).featureCostPerWeek ?? DEFAULT_MEDIA_COSTS.featurePerWeek;
      const media = deps.media ?? { ...DEFAULT_MEDIA_COSTS, featurePerWeek };
      const simOpts = { media, safetyMarginPct: deps.policy.policy.supply.safetyMarginPct };
      const contextOf = (sc: { sku: string }): SkuMarketContext => contexts[sc.sku] ?? emptyContext(sc.sku, scope.market);
      const known = { inventory, findings: input.findings, policy: deps.policy.policy, budgetLeft: categoryBudgetLeft(deps.db, deps.policy.policy, scope.category, firstStart), limits: input.limits ?? {}, promoted: promotedPeriods(deps.db, scope.market, skus, firstStart) };
      // Screen every candidate on its point prediction; intervals (~50 evaluations each) only for those kept.
      const none = noPromotion(skus[0] ?? "none", scope.category, scope.market, firstStart);
      const screened = screenGrid(grid, { scenario: none, prediction: predictPoint(none, contextOf(none), fx) }, (s, into) => predictPoint(s, contextOf(s), fx, simOpts, into), known);
      const detailed = new Map<string, EvaluatedScenario>();
      const refine = (x: Screened): EvaluatedScenario => {
        let d = detailed.get(x.scenario.id);
        if (!d) {
          const prediction = withInterval(x.scenario, contextOf(x.scenario), fx, x.prediction, x.scenario.mechanic === "none" ? {} : simOpts);
          detailed.set(x.scenario.id, (d = { scenario: x.scenario, prediction, feasible: x.feasible, constraints: x.constraints }));
        }
        return d;
      };
      // "No promotion" is always feasible, so the best feasible candidate ranks first.
      const best = refine(screened.at(0));
      const forAlternatives = screened.forAlternatives();
      const noneCandidate = refine(forAlternatives.find((x) => x.scenario.mechanic === "none")!);
      const top = screened.top(deps.detailed ?? 12).map(refine);
      const currency = currencyOf(deps.db, scope.market);
      const shortlist = top.filter((x) => x.feasible).slice(0, deps.shortlist ?? 8);
      if (!shortlist.includes(noneCandidate)) shortlist.push(noneCandidate);
      const decision = await reasoner.decide({ scope, findings: input.findings, candidates: shortlist, marketNotes: marketNotes(input.findings), currency });
      // Authority stays with the numbers: an unknown or clearly worse pick is overruled by the optimiser.
      const picked = shortlist.find((x) => x.scenario.id === decision.chosenId);
      const tol = deps.tolerance ?? 0.05;
      const ok = picked && picked.prediction.incrementalMargin >= best.prediction.incrementalMargin - tol * Math.abs(best.prediction.incrementalMargin);
      const chosen = ok ? picked : best;
      const usage = ok ? decision.usage : { ...decision.usage, fallback: `optimiser overruled pick ${decision.chosenId}` };
      const alternatives: Alternative[] = alternativesTo(chosen, forAlternatives).map(({ candidate, whyNot }) => {
        const a = refine(candidate);
        return { scenario: a.scenario, prediction: a.prediction, whyNot: decision.whyNot[a.scenario.id] ?? whyNot };
      });
      const ranked = screened.read().filter((x) => detailed.has(x.scenario.id)).map(refine);
      const choice: ScenarioChoice = { chosen, alternatives, considered: screened.length, feasibleCount: screened.feasibleCount, explanation: decision.explanation, reasoner: reasoner.name };
      const proposal = chosen.scenario.mechanic === "none" ? null : toProposal(chosen, input.proposalId, input.limits);
      return {
        get screened() {
          return screened.all();
        },
        ranked, choice, proposal, modelVersion: fx.version, usage, currency,
      };
    },
  };
}
export type PromotionAgent = ReturnType<typeof createPromotionAgent>;

function emptyContext(sku: string, market: string) {
  return { sku, market, regularPrice: 1, unitCost: 0, baselineWeekly: [0], storeShare: 1, stores: 0, hasWebShop: false, siblingWeeklyUnits: 0, siblingUnitMargin: 0, stockAvailable: 0, excessUnits: 0, excessWeeks: 0 };
}

function currencyOf(db: Db, market: string): string {
  return (prepared(db, "SELECT currency FROM markets WHERE id = ?").get(market) as { currency: string } | undefined)?.currency ?? "";
}

/** Competitor promo copy and shopper text, handed to the reasoner as quoted data. */
function marketNotes(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => Object.entries(f.evidence.notes ?? {}).map(([k, v]) => `${f.kind} ${k}: ${v}`));
}

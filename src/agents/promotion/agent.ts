import type { Finding } from "../../domain/findings.js";
import type { PromotionProposalInput } from "../../domain/proposal.js";
import type { ReasonerUsage } from "../../domain/decision.js";
import type { Alternative, EvaluatedScenario, ScenarioChoice } from "../../domain/scenario.js";
import { createOfflineReasoner } from "../../llm/offline.js";
import type { Reasoner } from "../../llm/types.js";
import type { Clock, LoadedPolicy } from "../../policies/index.js";
import type { Db } from "../../store/index.js";
import type { DemandView } from "../demand/index.js";
import type { InventoryView } from "../inventory/index.js";
import { categoryBudgetLeft } from "./budget.js";
import { applyConstraints, type RevisionLimits } from "./constraints.js";
import { marketContexts, firstStartDate } from "./context.js";
import { fitCategoryEffects, type CategoryEffects } from "./effects.js";
import { DEFAULT_GRID, generateScenarios, noPromotion, type GridOptions } from "./grid.js";
import { loadCategoryHistory } from "./history.js";
import { toProposal } from "./proposal.js";
import { alternativesTo, bestFeasible, rankScenarios } from "./select.js";
import { simulateScenario, type MediaCosts } from "./simulate.js";

export interface PromotionAgentDeps {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasoner?: Reasoner;
  grid?: Partial<GridOptions>;
  media?: MediaCosts;
  /** Candidates shown to the reasoner. */
  shortlist?: number;
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

/** The promotion agent's answer: every scenario considered (best first), the choice and the proposal. */
export interface PromotionPlan {
  ranked: EvaluatedScenario[];
  choice: ScenarioChoice;
  proposal: PromotionProposalInput | null;
  modelVersion: string;
  usage: ReasonerUsage;
  currency: string;
}

/** Creates the promotion agent: scenario grid → simulation → constraints → optimiser/reasoner → proposal. */
export function createPromotionAgent(deps: PromotionAgentDeps) {
  const reasoner = deps.reasoner ?? createOfflineReasoner();
  const grid: GridOptions = { ...DEFAULT_GRID, ...deps.grid };
  const pilot = deps.policy.policy.pilot;
  // Stay inside the pilot scope: scenarios outside it would only be blocked.
  const mechanics = grid.mechanics.filter((m) => !pilot.mechanics || pilot.mechanics.includes(m));
  const channelSets = grid.channelSets.filter((cs) => !pilot.channels || cs.every((c) => pilot.channels!.includes(c)));
  const effectsCache = new Map<string, CategoryEffects>();

  const effectsFor = (category: string, asOf: string): CategoryEffects => {
    const key = `${category}|${asOf}`;
    let fx = effectsCache.get(key);
    if (!fx) effectsCache.set(key, (fx = fitCategoryEffects(category, loadCategoryHistory(deps.db, category, asOf))));
    return fx;
  };

  return {
    effectsFor,
    /** Plans one scope: generates, simulates, constrains and chooses; returns the proposal (null for no promotion). */
    async plan(input: PlanInput): Promise<PromotionPlan> {
      const { scope, demand, inventory } = input;
      const fx = effectsFor(scope.category, demand.asOf);
      const contexts = marketContexts(demand, inventory);
      const firstStart = firstStartDate(deps.db, scope.market, deps.clock);
      const skus = Object.keys(contexts).sort();
      const scenarios = generateScenarios({ skus, ...scope, firstStart, hasWebShop: demand.hasWebShop }, { ...grid, mechanics, channelSets });
      const simulated = scenarios.map((s) => ({ scenario: s, prediction: simulateScenario(s, contexts[s.sku]!, fx, { media: deps.media, safetyMarginPct: deps.policy.policy.supply.safetyMarginPct }) }));
      const anchor = skus[0] ?? "none";
      const none = noPromotion(anchor, scope.category, scope.market, firstStart);
      simulated.push({ scenario: none, prediction: simulateScenario(none, contexts[anchor] ?? emptyContext(anchor, scope.market), fx) });
      const known = { inventory, findings: input.findings, policy: deps.policy.policy, budgetLeft: categoryBudgetLeft(deps.db, deps.policy.policy, scope.category, firstStart), limits: input.limits ?? {} };
      const ranked = rankScenarios(applyConstraints(simulated, known));
      const best = bestFeasible(ranked);
      const currency = currencyOf(deps.db, scope.market);
      const shortlist = ranked.filter((x) => x.feasible).slice(0, deps.shortlist ?? 8);
      if (!shortlist.includes(ranked.find((x) => x.scenario.mechanic === "none")!)) shortlist.push(ranked.find((x) => x.scenario.mechanic === "none")!);
      const decision = await reasoner.decide({ scope, findings: input.findings, candidates: shortlist, marketNotes: marketNotes(input.findings), currency });
      // Authority stays with the numbers: an unknown or clearly worse pick is overruled by the optimiser.
      const picked = shortlist.find((x) => x.scenario.id === decision.chosenId);
      const tol = deps.tolerance ?? 0.05;
      const ok = picked && picked.prediction.incrementalMargin >= best.prediction.incrementalMargin - tol * Math.abs(best.prediction.incrementalMargin);
      const chosen = ok ? picked : best;
      const usage = ok ? decision.usage : { ...decision.usage, fallback: `optimiser overruled pick ${decision.chosenId}` };
      const alternatives: Alternative[] = alternativesTo(chosen, ranked).map((a) => ({ ...a, whyNot: decision.whyNot[a.scenario.id] ?? a.whyNot }));
      const choice: ScenarioChoice = { chosen, alternatives, considered: ranked.length, feasibleCount: ranked.filter((x) => x.feasible).length, explanation: decision.explanation, reasoner: reasoner.name };
      const proposal = chosen.scenario.mechanic === "none" ? null : toProposal(chosen, input.proposalId, input.limits);
      return { ranked, choice, proposal, modelVersion: fx.version, usage, currency };
    },
  };
}
export type PromotionAgent = ReturnType<typeof createPromotionAgent>;

function emptyContext(sku: string, market: string) {
  return { sku, market, regularPrice: 1, unitCost: 0, baselineWeekly: [0], storeShare: 1, stores: 0, hasWebShop: false, siblingWeeklyUnits: 0, siblingUnitMargin: 0, stockAvailable: 0, excessUnits: 0, excessWeeks: 0 };
}

function currencyOf(db: Db, market: string): string {
  return (db.prepare("SELECT currency FROM markets WHERE id = ?").get(market) as { currency: string } | undefined)?.currency ?? "";
}

/** Competitor promo copy and shopper text, handed to the reasoner as quoted data. */
function marketNotes(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => Object.entries(f.evidence.notes ?? {}).map(([k, v]) => `${f.kind} ${k}: ${v}`));
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDemandAgent } from "../../src/agents/demand/index.js";
import { createInventoryAgent } from "../../src/agents/inventory/index.js";
import {
  createPromotionAgent,
  marketContexts,
  scenarioPoint,
} from "../../src/agents/promotion/index.js";
import { allScopes } from "../../src/graph/index.js";
import { loadPolicy } from "../../src/policies/index.js";
import { fixedClock } from "../../src/domain/index.js";
import { generateDemoMarket } from "../../src/sim/demo/index.js";
import { ingestDataset, openDb } from "../../src/store/index.js";
import { trueEffects } from "./truth.js";

/** One scope's outcome: the chosen scenario's true margin against the best candidate's. */
export interface ScopeScore {
  seed: number;
  category: string;
  market: string;
  chosen: string;
  predictedMargin: number;
  trueMargin: number;
  bestTrueMargin: number;
  best: string;
  /** chosen true ÷ best true (1 when nothing makes money and nothing was chosen). */
  ratio: number;
  losing: boolean;
}

export interface ReasoningReport {
  scopes: ScopeScore[];
  meanRatio: number;
  minRatio: number;
  losingChoices: number;
  promotedScopes: number;
  seconds: number;
}

/** Constraints that hold whatever the model predicts (stock, shortages, spikes); the rest are predictions. */
const PREDICTION_BASED = /^(lift|incremental margin|ROI) /;

/**
 * Scores the promotion agent on demo markets with known truth: for every scope it plans with
 * fitted effects, then every candidate is re-priced with the hidden true parameters.
 */
export async function runReasoningEval(
  options: { seeds?: number[]; now?: string } = {},
): Promise<ReasoningReport> {
  const t0 = Date.now();
  const scopes: ScopeScore[] = [];
  for (const seed of options.seeds ?? [1, 2]) {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-reasoning-"));
    const db = openDb(join(dir, "eval.db"));
    try {
      const demo = generateDemoMarket({ seed });
      await ingestDataset(db, demo, { origin: `demo-seed-${seed}` });
      const clock = fixedClock(options.now ?? "2026-11-23T12:00:00Z");
      const policy = loadPolicy();
      const demandAgent = createDemandAgent({ db, clock });
      const inventoryAgent = createInventoryAgent({ db, clock });
      const agent = createPromotionAgent({ db, clock, policy });
      for (const scope of allScopes(db)) {
        const demand = demandAgent.forecast(scope);
        const inventory = inventoryAgent.assess(scope);
        const plan = await agent.plan({
          scope,
          demand,
          inventory,
          findings: [],
          proposalId: "eval",
        });
        const ctx = marketContexts(demand, inventory);
        const truthOf = (x: (typeof plan.screened)[number]) =>
          x.scenario.mechanic === "none"
            ? 0
            : scenarioPoint(
                x.scenario,
                ctx[x.scenario.sku]!,
                trueEffects(demo.truth, x.scenario.sku),
              ).incrementalMargin;
        const admissible = plan.screened.filter((x) =>
          x.constraints.every((c) => PREDICTION_BASED.test(c)),
        );
        let best = admissible[0]!;
        let bestTrue = -Infinity;
        for (const x of admissible) {
          const t = truthOf(x);
          if (t > bestTrue) {
            bestTrue = t;
            best = x;
          }
        }
        const chosen = plan.choice.chosen;
        const trueMargin = truthOf(chosen);
        const ratio = bestTrue <= 0 ? (trueMargin >= 0 ? 1 : 0) : trueMargin / bestTrue;
        scopes.push({
          seed,
          ...scope,
          chosen: chosen.scenario.id,
          predictedMargin: chosen.prediction.incrementalMargin,
          trueMargin,
          bestTrueMargin: bestTrue,
          best: best.scenario.id,
          ratio,
          losing: trueMargin < 0 && bestTrue >= 0,
        });
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const ratios = scopes.map((s) => s.ratio);
  return {
    scopes,
    meanRatio: ratios.reduce((a, b) => a + b, 0) / Math.max(1, ratios.length),
    minRatio: Math.min(...ratios),
    losingChoices: scopes.filter((s) => s.losing).length,
    promotedScopes: scopes.filter((s) => s.chosen !== "no-promotion").length,
    seconds: (Date.now() - t0) / 1000,
  };
}

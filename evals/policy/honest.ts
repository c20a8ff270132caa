import { modelCheck } from "../../src/policies/predictor.js";
import type { ScenarioPredictor } from "../../src/policies/predictor.js";
import type { PromotionProposal } from "../../src/domain/proposal.js";
import { depthOf, settle } from "./settle.js";

type Json = Record<string, unknown>;

/**
 * An honest planner's units for a case that changes something else (depth, markets, channels,
 * mechanic): the lift the model predicts for its scenario, on its declared baseline (the model's
 * baseline when market-wide), then margin and ROI settled to agree. A case the model cannot
 * predict (an alias, an unknown market) is sent as it was: another rule refuses it.
 */
export function withHonestUnits(proposal: Json, policy: Json, predictor: ScenarioPredictor): Json {
  const scope = proposal.scope as
    { skus?: unknown; markets?: unknown; locations?: unknown; category?: unknown } | undefined;
  if (!scope || !Array.isArray(scope.skus) || !Array.isArray(scope.markets)) return proposal;
  const scenario = {
    ...proposal,
    discountPct: depthOf(proposal),
    scope,
  } as unknown as PromotionProposal;
  const m = modelCheck(predictor, scenario);
  if (m.status !== "checked" || m.forecast.baselineUnits <= 0) return proposal;
  const d = proposal.predicted as Record<string, number>;
  const base = scope.locations ? d.baselineUnits! : m.forecast.baselineUnits;
  const total = base * (m.forecast.totalUnits / m.forecast.baselineUnits);
  const bySku = Object.fromEntries(
    Object.entries(m.forecast.perSku).map(([sku, x]) => [
      sku,
      total * (x.totalUnits / m.forecast.totalUnits),
    ]),
  );
  const predicted = {
    ...d,
    baselineUnits: base,
    totalUnits: total,
    incrementalUnits: total - base,
    ...(d.unitsBySku ? { unitsBySku: bySku } : {}),
  };
  return settle({ ...proposal, predicted }, policy, true).proposal;
}

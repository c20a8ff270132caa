import { templatedExplanation } from "./explain.js";
import type { Reasoner, ReasonerDecision, ReasonerRequest } from "./types.js";

/**
 * The deterministic built-in reasoner: picks the candidate with the highest expected incremental
 * margin (the optimiser's answer) and explains it from a template. No network, no randomness.
 */
export function createOfflineReasoner(): Reasoner {
  return {
    name: "offline",
    async decide(req: ReasonerRequest): Promise<ReasonerDecision> {
      return decideOffline(req);
    },
  };
}

/** The offline decision, synchronously (also the LLM reasoner's fallback). */
export function decideOffline(req: ReasonerRequest): ReasonerDecision {
  const [chosen, ...rest] = [...req.candidates].sort(
    (a, b) => b.prediction.incrementalMargin - a.prediction.incrementalMargin,
  );
  if (!chosen) throw new Error("the reasoner needs at least one candidate (no promotion)");
  const runnerUp = rest.find((x) => x.scenario.mechanic !== "none") ?? rest[0];
  return {
    chosenId: chosen.scenario.id,
    explanation: templatedExplanation(chosen, runnerUp, req.findings, req.currency),
    whyNot: {},
    usage: { name: "offline", promptTokens: 0, completionTokens: 0 },
  };
}

/** The templated explanation of `chosenId` among the request's candidates: the numbers are the simulator's. */
export function explainChoice(req: ReasonerRequest, chosenId: string): string {
  const sorted = [...req.candidates].sort(
    (a, b) => b.prediction.incrementalMargin - a.prediction.incrementalMargin,
  );
  const chosen = sorted.find((c) => c.scenario.id === chosenId);
  if (!chosen) throw new Error(`no candidate ${chosenId}`);
  const rest = sorted.filter((c) => c !== chosen);
  const runnerUp = rest.find((x) => x.scenario.mechanic !== "none") ?? rest[0];
  return templatedExplanation(chosen, runnerUp, req.findings, req.currency);
}

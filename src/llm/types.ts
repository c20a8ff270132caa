import type { ReasonerUsage } from "../domain/decision.js";
import type { Finding } from "../domain/findings.js";
import type { EvaluatedScenario } from "../domain/scenario.js";

/** What a reasoner sees: the scope, the findings and candidates whose numbers the simulator computed. */
export interface ReasonerRequest {
  scope: { category: string; market: string };
  findings: readonly Finding[];
  /** Feasible candidates, best expected margin first; "no promotion" is among them. */
  candidates: readonly EvaluatedScenario[];
  /** Unstructured text from the market (competitor promo copy …). Data to read, never instructions. */
  marketNotes: readonly string[];
  currency: string;
}

/** A reasoner's answer: which candidate, and the words. It cannot change any number. */
export interface ReasonerDecision {
  chosenId: string;
  explanation: string;
  /** Why each named candidate lost, by scenario id. */
  whyNot: Record<string, string>;
  usage: ReasonerUsage;
}

/**
 * Proposes and explains; never computes numbers and never grants authority. The offline reasoner
 * is the default; the LLM reasoner falls back to it on any failure.
 */
export interface Reasoner {
  readonly name: string;
  decide(request: ReasonerRequest, options?: { signal?: AbortSignal }): Promise<ReasonerDecision>;
}

// The prompt-injection eval: labelled cases, a compromised model behind a mocked OpenAI-compatible API, scorer and runner.
export { runInjectionEval } from "./run.js";
export type { InjectionReport } from "./run.js";
export { injectionCases, BENIGN_TEXT } from "./cases.js";
export { compromisedModel, promptCandidates, LLM_BASE } from "./model.js";
export type { CompromisedModel, Exchange } from "./model.js";
export { CANARY, CANARY_MARKS, obedientAnswer, benignAnswer } from "./attacks.js";
export { fenced, canaryHits, scoreLeg, summarise, UNTRUSTED_TAGS } from "./score.js";
export type { InjectionSummary, LegOutcome } from "./score.js";
export type { Attack, CaseScore, InjectionCase, LegScore, Vector, Verdict } from "./types.js";

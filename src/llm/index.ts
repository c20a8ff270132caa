// Reasoners: one interface; offline (default), LLM over OpenAI-compatible chat completions, scripted for tests.
export type { Reasoner, ReasonerRequest, ReasonerDecision } from "./types.js";
export { createOfflineReasoner, decideOffline } from "./offline.js";
export { createLlmReasoner, openAiChatModel } from "./openai.js";
export type { LlmReasonerOptions, OpenAiEnv } from "./openai.js";
export { createScriptedReasoner } from "./scripted.js";
export type { ScriptedStep } from "./scripted.js";
export { llmChoiceSchema } from "./schema.js";
export type { LlmChoice } from "./schema.js";
export { SYSTEM_PROMPT, userPrompt, quoteForPrompt } from "./prompt.js";
export { templatedExplanation, scenarioWords } from "./explain.js";
export { ReasonerError, isReasonerError } from "./errors.js";
export type { ReasonerErrorCode } from "./errors.js";
export { createReasonerFromEnv } from "./from-env.js";

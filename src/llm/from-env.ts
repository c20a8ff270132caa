import { createOfflineReasoner } from "./offline.js";
import { createLlmReasoner, openAiChatModel, type OpenAiEnv } from "./openai.js";
import type { Reasoner } from "./types.js";

/** The LLM reasoner when OPENAI_API_KEY is set, else the offline reasoner (offline first). */
export function createReasonerFromEnv(env: OpenAiEnv): Reasoner {
  if (!env.OPENAI_API_KEY) return createOfflineReasoner();
  return createLlmReasoner({ model: openAiChatModel(env), modelName: env.AUTOPROMO_MODEL ?? "gpt-4o-mini", secrets: [env.OPENAI_API_KEY] });
}

import { z } from "zod";
import { ReasonerError } from "./errors.js";
import { createOfflineReasoner } from "./offline.js";
import { createLlmReasoner, openAiChatModel, type OpenAiEnv } from "./openai.js";
import type { Reasoner } from "./types.js";

/** The LLM path's knobs, from the environment: each a whole number within its range. */
export interface LlmEnv extends OpenAiEnv {
  AUTOPROMO_LLM_TIMEOUT_MS?: string;
  AUTOPROMO_LLM_ATTEMPTS?: string;
  AUTOPROMO_LLM_BREAKER_FAILURES?: string;
  AUTOPROMO_LLM_BREAKER_COOLDOWN_MS?: string;
}

const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional();
const llmEnvSchema = z.object({
  AUTOPROMO_LLM_TIMEOUT_MS: whole(100, 600_000),
  AUTOPROMO_LLM_ATTEMPTS: whole(1, 10),
  AUTOPROMO_LLM_BREAKER_FAILURES: whole(1, 1_000),
  AUTOPROMO_LLM_BREAKER_COOLDOWN_MS: whole(0, 86_400_000),
});

/** The LLM reasoner when OPENAI_API_KEY is set, else the offline reasoner (offline first). */
export function createReasonerFromEnv(env: LlmEnv): Reasoner {
  if (!env.OPENAI_API_KEY) return createOfflineReasoner();
  const parsed = llmEnvSchema.safeParse(env);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ReasonerError("CONFIG_ERROR", `${String(i.path[0])}: ${i.message}`);
  }
  const s = parsed.data;
  const timeoutMs = s.AUTOPROMO_LLM_TIMEOUT_MS ?? 20_000;
  return createLlmReasoner({
    model: openAiChatModel(env, timeoutMs),
    modelName: env.AUTOPROMO_MODEL ?? "gpt-4o-mini",
    secrets: [env.OPENAI_API_KEY],
    timeoutMs,
    ...(s.AUTOPROMO_LLM_ATTEMPTS ? { maxAttempts: s.AUTOPROMO_LLM_ATTEMPTS } : {}),
    breaker: {
      ...(s.AUTOPROMO_LLM_BREAKER_FAILURES ? { failures: s.AUTOPROMO_LLM_BREAKER_FAILURES } : {}),
      ...(s.AUTOPROMO_LLM_BREAKER_COOLDOWN_MS !== undefined
        ? { coolDownMs: s.AUTOPROMO_LLM_BREAKER_COOLDOWN_MS }
        : {}),
    },
  });
}

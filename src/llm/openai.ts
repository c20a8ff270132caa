import { ChatOpenAI } from "@langchain/openai";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { redactSecrets } from "../redact.js";
import { decideOffline } from "./offline.js";
import { SYSTEM_PROMPT, userPrompt } from "./prompt.js";
import { llmChoiceSchema, type LlmChoice } from "./schema.js";
import type { Reasoner, ReasonerDecision, ReasonerRequest } from "./types.js";

export interface LlmReasonerOptions {
  /** A LangChain chat model (ChatOpenAI, or a scripted model in tests). */
  model: BaseChatModel;
  modelName?: string;
  /** Attempts when the answer is invalid (bad JSON, unknown id) or the call fails. */
  maxAttempts?: number;
  timeoutMs?: number;
  /** Secrets (the API key) to scrub from failure reasons before they are recorded with the decision. */
  secrets?: readonly string[];
}

/** Settings read from the environment for an OpenAI-compatible server. */
export interface OpenAiEnv {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  AUTOPROMO_MODEL?: string;
}

/** A ChatOpenAI for the key, base URL and model in `env` (SDK retries off: the reasoner retries itself). */
export function openAiChatModel(env: OpenAiEnv, timeoutMs = 20_000): ChatOpenAI {
  return new ChatOpenAI({
    model: env.AUTOPROMO_MODEL ?? "gpt-4o-mini",
    apiKey: env.OPENAI_API_KEY,
    temperature: 0,
    maxRetries: 0,
    timeout: timeoutMs,
    configuration: env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {},
  });
}

/**
 * The LLM reasoner: asks the model (function calling, zod-checked) to pick a candidate and explain;
 * retries invalid answers, bounds each call by a timeout, and falls back to the offline reasoner,
 * recording why. Token usage is summed over attempts.
 */
export function createLlmReasoner(o: LlmReasonerOptions): Reasoner {
  const attempts = o.maxAttempts ?? 2;
  const timeoutMs = o.timeoutMs ?? 20_000;
  const structured = o.model.withStructuredOutput(llmChoiceSchema, { method: "functionCalling", includeRaw: true, name: "choose_scenario" });
  return {
    name: "llm",
    async decide(req: ReasonerRequest): Promise<ReasonerDecision> {
      let promptTokens = 0;
      let completionTokens = 0;
      let lastError = "";
      const ids = new Set(req.candidates.map((c) => c.scenario.id));
      for (let i = 0; i < attempts; i++) {
        try {
          const res = (await structured.invoke(
            [{ role: "system", content: SYSTEM_PROMPT }, { role: "user", content: userPrompt(req) }],
            { signal: AbortSignal.timeout(timeoutMs) },
          )) as { raw: { usage_metadata?: { input_tokens?: number; output_tokens?: number } }; parsed: LlmChoice | null };
          promptTokens += res.raw.usage_metadata?.input_tokens ?? 0;
          completionTokens += res.raw.usage_metadata?.output_tokens ?? 0;
          const parsed = llmChoiceSchema.safeParse(res.parsed);
          if (!parsed.success) { lastError = `invalid answer: ${parsed.error.issues[0]?.message ?? "schema"}`; continue; }
          if (!ids.has(parsed.data.chosenId)) { lastError = `unknown candidate ${parsed.data.chosenId}`; continue; }
          const whyNot = Object.fromEntries(parsed.data.whyNot.filter((w) => ids.has(w.id)).map((w) => [w.id, w.reason]));
          return { chosenId: parsed.data.chosenId, explanation: parsed.data.explanation, whyNot, usage: { name: "llm", model: o.modelName, promptTokens, completionTokens } };
        } catch (e) {
          lastError = redactSecrets(describe(e), o.secrets);
        }
      }
      const offline = decideOffline(req);
      return { ...offline, usage: { name: "llm", model: o.modelName, fallback: `offline after ${attempts} attempt(s): ${lastError}`, promptTokens, completionTokens } };
    },
  };
}

function describe(e: unknown): string {
  const err = e as { name?: string; status?: number; message?: string };
  if (err?.name === "TimeoutError" || err?.name === "AbortError" || /abort|timed? ?out/i.test(err?.message ?? "")) return "timeout";
  if (typeof err?.status === "number") return `HTTP ${err.status}`;
  return err?.message?.slice(0, 200) ?? String(e);
}

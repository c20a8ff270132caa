import { ChatOpenAI } from "@langchain/openai";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { systemClock, type Clock } from "../domain/clock.js";
import { redactSecrets } from "../redact.js";
import { backoffMs, type BackoffOptions } from "./backoff.js";
import { createCircuitBreaker, type BreakerOptions } from "./breaker.js";
import { explainChoice } from "./offline.js";
import { SYSTEM_PROMPT, userPrompt } from "./prompt.js";
import { llmChoiceSchema, type LlmChoice } from "./schema.js";
import { describeFailure, isRetryable } from "./failures.js";
import { checkModelText } from "./text-check.js";
import type { Reasoner, ReasonerDecision, ReasonerRequest } from "./types.js";

export interface LlmReasonerOptions {
  /** A LangChain chat model (ChatOpenAI, or a scripted model in tests). */
  model: BaseChatModel;
  modelName?: string;
  /** Attempts per decision when the answer is invalid or the call fails (default 2). */
  maxAttempts?: number;
  /** Bound on each call (default 20 s). */
  timeoutMs?: number;
  /** Spacing of the attempts: Retry-After when sent, else exponential backoff with jitter. */
  backoff?: BackoffOptions;
  /** After this many failed decisions in a row the LLM is skipped for a cooling period. */
  breaker?: Omit<BreakerOptions, "clock">;
  clock?: Clock;
  /** Waits between attempts (injectable: tests record the waits instead of sleeping). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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

type Answer = {
  raw?: { usage_metadata?: { input_tokens?: number; output_tokens?: number } };
  parsed?: LlmChoice | null;
};

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * The LLM reasoner: asks the model (function calling, zod-checked) to pick a candidate. Attempts
 * are bounded (timeout, budget), spaced by Retry-After or jittered backoff, and skipped while the
 * circuit breaker is open; every failure falls back to the offline reasoner, recording why. The
 * explanation is always built from the chosen candidate's numbers; the model's words are added
 * only when they pass {@link checkModelText}, else recorded as quoted, untrusted output.
 */
export function createLlmReasoner(o: LlmReasonerOptions): Reasoner {
  const attempts = Math.max(1, o.maxAttempts ?? 2);
  const timeoutMs = o.timeoutMs ?? 20_000;
  const clock = o.clock ?? systemClock();
  const sleep = o.sleep ?? wait;
  const breaker = createCircuitBreaker({ ...o.breaker, clock });
  const structured = o.model.withStructuredOutput(llmChoiceSchema, {
    method: "functionCalling",
    includeRaw: true,
    name: "choose_scenario",
  });
  const base = { name: "llm", ...(o.modelName ? { model: o.modelName } : {}) };
  return {
    name: "llm",
    async decide(
      req: ReasonerRequest,
      options?: { signal?: AbortSignal },
    ): Promise<ReasonerDecision> {
      const gate = breaker.check();
      if (!gate.call)
        return fallback(req, {
          ...base,
          fallback: `offline: ${gate.reason}`,
          circuit: "open",
          promptTokens: 0,
          completionTokens: 0,
        });
      let promptTokens = 0;
      let completionTokens = 0;
      let lastError = "";
      let tried = 0;
      const ids = new Set(req.candidates.map((c) => c.scenario.id));
      for (let i = 0; i < attempts; i++) {
        tried = i + 1;
        let failure: unknown = undefined;
        try {
          const signal = options?.signal
            ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
            : AbortSignal.timeout(timeoutMs);
          const res = (await structured.invoke(
            [
              { role: "system", content: SYSTEM_PROMPT },
              { role: "user", content: userPrompt(req) },
            ],
            { signal },
          )) as Answer | null;
          promptTokens += res?.raw?.usage_metadata?.input_tokens ?? 0;
          completionTokens += res?.raw?.usage_metadata?.output_tokens ?? 0;
          const parsed = llmChoiceSchema.safeParse(res?.parsed);
          if (!parsed.success)
            lastError = `malformed answer: no valid choose_scenario call (${parsed.error.issues[0]?.path.join(".") || "answer"}: ${parsed.error.issues[0]?.message ?? "schema"})`;
          else if (!ids.has(parsed.data.chosenId))
            lastError = `malformed answer: unknown candidate ${JSON.stringify(parsed.data.chosenId.slice(0, 80))}`;
          else {
            breaker.succeeded();
            return accept(req, parsed.data, {
              ...base,
              circuit: gate.state,
              promptTokens,
              completionTokens,
            });
          }
        } catch (e) {
          failure = e;
          lastError = redactSecrets(describeFailure(e), o.secrets);
          if (options?.signal?.aborted || !isRetryable(e)) break;
        }
        if (i + 1 >= attempts) break;
        const pause = backoffMs(i, failure, clock.now().getTime(), o.backoff);
        if (pause === undefined) {
          lastError += "; the server's Retry-After is longer than the backoff allows";
          break;
        }
        await sleep(pause, options?.signal);
      }
      const opened = breaker.failed(lastError);
      const circuit = opened ? "opened: the LLM is skipped for its cooling period" : gate.state;
      return fallback(req, {
        ...base,
        fallback: `offline after ${tried} attempt(s): ${lastError}`,
        circuit,
        promptTokens,
        completionTokens,
      });
    },
  };
}

/** The offline reasoner's decision, with the LLM's usage and why it was not used. */
function fallback(req: ReasonerRequest, usage: ReasonerDecision["usage"]): ReasonerDecision {
  const chosen = [...req.candidates].sort(
    (a, b) => b.prediction.incrementalMargin - a.prediction.incrementalMargin,
  )[0];
  if (!chosen) throw new Error("the reasoner needs at least one candidate (no promotion)");
  return {
    chosenId: chosen.scenario.id,
    explanation: explainChoice(req, chosen.scenario.id),
    whyNot: {},
    usage,
  };
}

/** The model's listed pick; its words kept only where they check out against the numbers. */
function accept(
  req: ReasonerRequest,
  choice: LlmChoice,
  usage: ReasonerDecision["usage"],
): ReasonerDecision {
  const byId = new Map(req.candidates.map((c) => [c.scenario.id, c]));
  const chosen = byId.get(choice.chosenId)!;
  const built = explainChoice(req, choice.chosenId);
  const check = checkModelText(choice.explanation, chosen);
  const whyNot: Record<string, string> = {};
  for (const w of choice.whyNot) {
    const other = byId.get(w.id);
    if (other && checkModelText(w.reason, other).ok) whyNot[w.id] = w.reason;
  }
  if (check.ok)
    return {
      chosenId: choice.chosenId,
      explanation: `${built} Model's reasoning: ${choice.explanation}`,
      whyNot,
      usage,
    };
  const quoted = JSON.stringify(choice.explanation);
  return {
    chosenId: choice.chosenId,
    explanation: built,
    whyNot,
    usage: {
      ...usage,
      untrustedOutput: quoted,
      outputCheck: `model text not used: ${check.reason}`,
    },
  };
}

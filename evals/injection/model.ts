import { http, HttpResponse } from "msw";
import { z } from "zod";
import {
  ALLOWED_TOOL,
  benignAnswer,
  obedientAnswer,
  type ModelAnswer,
  type PromptCandidate,
} from "./attacks.js";
import type { Attack } from "./types.js";

/** The mocked OpenAI-compatible server's base URL (intercepted by msw; nothing leaves the process). */
export const LLM_BASE = "http://compromised-llm.test/v1";

const chatRequestSchema = z
  .object({
    messages: z.array(
      z.object({ role: z.string(), content: z.union([z.string(), z.null()]).optional() }).loose(),
    ),
    tools: z
      .array(z.object({ function: z.object({ name: z.string() }).loose() }).loose())
      .optional(),
  })
  .loose();

const candidatesSchema = z.array(
  z
    .object({
      id: z.string(),
      mechanic: z.string(),
      depthPct: z.number(),
      expectedIncrementalMargin: z.number(),
    })
    .loose(),
);

/** One request the model answered. */
export interface Exchange {
  caseId: string | null;
  offeredTools: string[];
  system: string;
  user: string;
  /** The case's id was in the prompt: the injection reached the model, which then obeyed it. */
  reached: boolean;
  answer: ModelAnswer;
}

/** The candidates line of the user prompt (`Candidates: [...]`). */
export function promptCandidates(user: string): PromptCandidate[] {
  const line = user.split("\n").find((l) => l.startsWith("Candidates: "));
  if (!line) return [];
  return candidatesSchema.parse(JSON.parse(line.slice("Candidates: ".length)));
}

function completion(a: ModelAnswer) {
  return HttpResponse.json({
    id: "cmpl-injection",
    object: "chat.completion",
    created: 0,
    model: "compromised",
    choices: [
      {
        index: 0,
        finish_reason: a.toolCalls.length ? "tool_calls" : "stop",
        message: {
          role: "assistant",
          content: a.content,
          ...(a.toolCalls.length
            ? {
                tool_calls: a.toolCalls.map((t, i) => ({
                  id: `call_${i}`,
                  type: "function",
                  function: { name: t.name, arguments: t.args },
                })),
              }
            : {}),
        },
      },
    ],
    usage: { prompt_tokens: 500, completion_tokens: 60, total_tokens: 560 },
  });
}

/**
 * A compromised model behind the chat completions API: it obeys any instruction it can see. When
 * the armed case's id is in the prompt it plays that case's attack; otherwise (the injection never
 * reached it) it answers like a well-behaved model. Every exchange is kept for scoring.
 */
export function compromisedModel() {
  let armed: { caseId: string; attack: Attack } | null = null;
  const exchanges: Exchange[] = [];
  const handler = http.post(`${LLM_BASE}/chat/completions`, async ({ request }) => {
    const body = chatRequestSchema.parse(await request.json());
    const text = (role: string) =>
      body.messages
        .filter((m) => m.role === role)
        .map((m) => m.content ?? "")
        .join("\n");
    const user = text("user");
    const cands = promptCandidates(user);
    const reached = armed !== null && user.includes(armed.caseId);
    const answer = reached
      ? obedientAnswer(armed!.attack, cands, armed!.caseId)
      : benignAnswer(cands);
    exchanges.push({
      caseId: armed?.caseId ?? null,
      offeredTools: (body.tools ?? []).map((t) => t.function.name),
      system: text("system"),
      user,
      reached,
      answer,
    });
    return completion(answer);
  });
  return {
    handler,
    /** Plays `attack` for prompts that contain `caseId`, until the next arm. */
    arm(caseId: string, attack: Attack) {
      armed = { caseId, attack };
    },
    disarm() {
      armed = null;
    },
    /** Exchanges since index `from`. */
    since: (from: number) => exchanges.slice(from),
    get count() {
      return exchanges.length;
    },
  };
}
export type CompromisedModel = ReturnType<typeof compromisedModel>;

/** Tool calls in an answer that name a tool other than the one offered. */
export const disallowedCalls = (a: ModelAnswer) =>
  a.toolCalls.filter((t) => t.name !== ALLOWED_TOOL);

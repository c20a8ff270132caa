import { Command } from "@langchain/langgraph";
import { createPromotionGraph, explainDecision, getDecision, isGraphError, newDecisionId, type PromotionGraph } from "../../graph/index.js";
import { recordVote, type Clock, type LoadedPolicy } from "../../policies/index.js";
import type { Db } from "../../store/index.js";
import type { Reasoner } from "../../llm/index.js";
import { ApiError } from "../errors.js";
import type { GraphPort, RunChunk, RunInput, ThreadStateView } from "./port.js";
import { tableDecisions } from "./table.js";

type Snapshot = Awaited<ReturnType<PromotionGraph["getState"]>>;

function view(threadId: string, s: Snapshot): ThreadStateView {
  return {
    threadId,
    values: s.values as Record<string, unknown>,
    next: [...s.next],
    interrupts: s.tasks.flatMap((t) => t.interrupts.map((i) => i.value)),
    checkpointId: (s.config.configurable?.checkpoint_id as string | undefined) ?? null,
    createdAt: s.createdAt ?? null,
  };
}

/** The promotion graph behind the GraphPort: runs, resumes (Command({ resume })), state and decision records. */
export function langGraphPort(o: { db: Db; clock: Clock; policy: LoadedPolicy; reasoner?: Reasoner; graph?: PromotionGraph }): GraphPort {
  const graph = o.graph ?? createPromotionGraph({ db: o.db, clock: o.clock, policy: o.policy, ...(o.reasoner ? { reasoner: o.reasoner } : {}) });
  const table = tableDecisions(o.db);
  const config = (threadId: string) => ({ configurable: { thread_id: threadId } });

  async function* stream(threadId: string, input: RunInput, signal?: AbortSignal): AsyncIterable<RunChunk> {
    let arg: unknown;
    if (input.kind === "start") {
      arg = { decisionId: threadId, scope: input.scope, trigger: { kind: "scope" }, startedAt: o.clock.now().toISOString() };
    } else {
      const rec = getDecision(o.db, threadId);
      if (rec.status !== "awaiting_approval" || !rec.approvalRequestId) throw new ApiError(409, "NOT_AWAITING_APPROVAL", `thread ${threadId} is ${rec.status}, not interrupted for approval`);
      // The vote is recorded first (as the CLI does), so the resumed node reads the request's new state.
      recordVote(o.db, { requestId: rec.approvalRequestId, ...input.answer }, o.clock);
      arg = new Command({ resume: { requestId: rec.approvalRequestId, ...input.answer } });
    }
    const chunks = await graph.stream(arg as never, { ...config(threadId), streamMode: "updates", ...(signal ? { signal } : {}) });
    for await (const chunk of chunks as AsyncIterable<Record<string, unknown>>) {
      for (const [node, update] of Object.entries(chunk)) yield { node, update };
    }
  }

  return {
    newThreadId: (scope) => (scope ? newDecisionId(scope, o.clock) : `thr-${o.clock.now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`),
    stream,
    async state(threadId) {
      const s = await graph.getState(config(threadId));
      return s.config.configurable?.checkpoint_id ? view(threadId, s) : null;
    },
    async history(threadId, limit) {
      const out: ThreadStateView[] = [];
      for await (const s of graph.getStateHistory(config(threadId), { limit })) out.push(view(threadId, s));
      return out;
    },
    // Records were validated when the graph wrote them; lists (the dashboard, GET /decisions) skip re-parsing each.
    list: table.list,
    get(id) {
      try {
        const record = getDecision(o.db, id);
        return { record, explanation: explainDecision(record) };
      } catch (e) {
        if (isGraphError(e) && e.code === "NOT_FOUND") return null;
        throw e;
      }
    },
    awaiting: table.awaiting,
  };
}

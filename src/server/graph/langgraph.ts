import { Command } from "@langchain/langgraph";
import { z } from "zod";
import {
  createPromotionGraph,
  explainDecision,
  scopeProblem,
  getDecision,
  isGraphError,
  newDecisionId,
  type PromotionGraph,
} from "../../graph/index.js";
import { durableRunsFor } from "../../checkpoint/index.js";
import type { LoadedPolicy } from "../../policies/index.js";
import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import type { Reasoner } from "../../llm/index.js";
import { ApiError } from "../errors.js";
import { graphAdapter, type CompiledGraphLike } from "./adapter.js";
import { runScopeInputSchema, type GraphPort, type RunInput } from "./port.js";
import { tableDecisions } from "./table.js";

/** The promotion graph's id as an assistant. */
export const PROMOTION_GRAPH_ID = "promotion";

const inputSchema = z.toJSONSchema(z.strictObject({ scope: runScopeInputSchema }), { io: "input" });

/**
 * The promotion graph behind the GraphPort: a start becomes the run's first state, a resume a
 * `Command({ resume: vote })` with the voter in `configurable.approver` (the await_approval node
 * records the vote through the approvals service), a continue a null input.
 */
export function langGraphPort(o: {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasoner?: Reasoner;
  graph?: PromotionGraph;
}): GraphPort {
  const graph =
    o.graph ??
    createPromotionGraph({
      db: o.db,
      clock: o.clock,
      policy: o.policy,
      ...(o.reasoner ? { reasoner: o.reasoner } : {}),
    });
  const table = tableDecisions(o.db);
  // A saver that cannot tell at once (undefined) counts the thread as not started, as before.
  const runs = durableRunsFor(graph.checkpointer);
  const started = (threadId: string) => runs.storedCheckpointId(threadId) != null;
  const market = o.db.prepare("SELECT 1 FROM markets WHERE id = ?");
  const category = o.db.prepare("SELECT 1 FROM products WHERE category = ? LIMIT 1");

  const argOf = (threadId: string, input: RunInput): unknown => {
    if (input.kind === "start")
      return {
        decisionId: threadId,
        scope: input.scope,
        trigger: { kind: "scope" },
        startedAt: o.clock.now().toISOString(),
      };
    if (input.kind === "continue") return null;
    if (input.kind === "raw")
      throw new ApiError(
        400,
        "INVALID_INPUT",
        "the promotion graph takes { scope } or a vote, not a raw input",
      );
    const rec = getDecision(o.db, threadId);
    if (rec.status !== "awaiting_approval" || !rec.approvalRequestId)
      throw new ApiError(
        409,
        "NOT_AWAITING_APPROVAL",
        `thread ${threadId} is ${rec.status}, not interrupted for approval`,
      );
    return new Command({
      resume: {
        decision: input.answer.decision,
        ...(input.answer.comment ? { comment: input.answer.comment } : {}),
      },
    });
  };
  const configurableOf = (input: RunInput) =>
    input.kind === "resume"
      ? { approver: { name: input.answer.approver, role: input.answer.role } }
      : {};
  const adapter = graphAdapter(graph as unknown as CompiledGraphLike, {
    graphId: PROMOTION_GRAPH_ID,
    argOf,
    configurableOf,
    started,
    inputSchema,
  });

  return {
    ...adapter,
    newThreadId: (scope) =>
      scope
        ? newDecisionId(scope, o.clock)
        : `thr-${o.clock.now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    checkScope(scope, field) {
      const problem = scopeProblem(o.db, scope, { sales: false });
      if (!problem) return;
      const where = !category.get(scope.category)
        ? `${field}.category`
        : !market.get(scope.market)
          ? `${field}.market`
          : field;
      throw new ApiError(400, "INVALID_INPUT", `${where}: ${problem}`);
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

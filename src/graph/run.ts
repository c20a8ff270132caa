import { randomBytes } from "node:crypto";
import { Command } from "@langchain/langgraph";
import { createInventoryAgent, type InventoryThresholds } from "../agents/inventory/index.js";
import type { DecisionRecord, RunTrigger } from "../domain/decision.js";
import { recordVote, type Clock } from "../policies/index.js";
import type { Db } from "../store/index.js";
import { getDecision, setDecisionCheckpoint } from "./decisions.js";
import { GraphError } from "./errors.js";
import type { PromotionGraph } from "./graph.js";

/** What a run (or a resume) ended with. */
export interface RunResult {
  decisionId: string;
  status: DecisionRecord["status"];
  interrupted: boolean;
  checkpointId: string | null;
}

export interface RunContext {
  graph: PromotionGraph;
  db: Db;
  clock: Clock;
}

/** A fresh decision id that sorts by time: dec-<category>-<market>-<yyyymmddhhmmss>-<random>. */
export function newDecisionId(scope: { category: string; market: string }, clock: Clock): string {
  const t = clock.now().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `dec-${scope.category}-${scope.market}-${t}-${randomBytes(3).toString("hex")}`.replace(/[^A-Za-z0-9_.-]/g, "_");
}

async function settle(ctx: RunContext, decisionId: string): Promise<RunResult> {
  const config = { configurable: { thread_id: decisionId } };
  const snap = await ctx.graph.getState(config);
  const checkpointId = (snap.config.configurable?.checkpoint_id as string | undefined) ?? null;
  if (checkpointId) setDecisionCheckpoint(ctx.db, decisionId, checkpointId);
  const interrupted = snap.tasks.some((t) => t.interrupts.length > 0);
  return { decisionId, status: interrupted ? "awaiting_approval" : (snap.values.status ?? "running"), interrupted, checkpointId };
}

/** Runs the graph for one category × market; returns when it is recorded or waits for approval. */
export async function runScope(ctx: RunContext, scope: { category: string; market: string }, trigger: RunTrigger = { kind: "scope" }): Promise<RunResult> {
  const decisionId = newDecisionId(scope, ctx.clock);
  await ctx.graph.invoke({ decisionId, scope, trigger, startedAt: ctx.clock.now().toISOString() }, { configurable: { thread_id: decisionId } });
  return settle(ctx, decisionId);
}

/** Every category × market with sales: the scopes a cycle covers. */
export function allScopes(db: Db, filter: { category?: string; market?: string } = {}): { category: string; market: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT p.category, s.market_id AS market FROM sales s JOIN products p ON p.sku = s.sku
        WHERE (@category IS NULL OR p.category = @category) AND (@market IS NULL OR s.market_id = @market) ORDER BY p.category, market`,
    )
    .all({ category: filter.category ?? null, market: filter.market ?? null }) as { category: string; market: string }[];
}

/** A cycle: one run per scope (optionally narrowed). */
export async function runCycle(
  ctx: RunContext,
  filter: { category?: string; market?: string } = {},
  onScope?: (done: number, total: number) => void,
): Promise<RunResult[]> {
  const out: RunResult[] = [];
  const scopes = allScopes(ctx.db, filter);
  onScope?.(0, scopes.length);
  for (const scope of scopes) {
    out.push(await runScope(ctx, scope, { kind: "cycle" }));
    onScope?.(out.length, scopes.length);
  }
  return out;
}

/** Event triggers: the inventory agent scans every scope and starts a run where it raises excess stock. */
export async function runOnEvents(ctx: RunContext, thresholds?: Partial<InventoryThresholds>): Promise<RunResult[]> {
  const inventory = createInventoryAgent({ db: ctx.db, clock: ctx.clock, ...(thresholds ? { thresholds } : {}) });
  const out: RunResult[] = [];
  for (const scope of allScopes(ctx.db)) {
    for (const event of inventory.assess(scope).events) out.push(await runScope(ctx, scope, { kind: "event", reason: event.reason }));
  }
  return out;
}

/** An approver's answer to an escalated decision. */
export interface ApprovalAnswer {
  role: string;
  approver: string;
  decision: "approve" | "reject";
  comment: string;
}

/**
 * Records one vote on a decision awaiting approval and resumes its thread with Command({ resume }):
 * works from any process holding the same database file.
 */
export async function answerApproval(ctx: RunContext, decisionId: string, answer: ApprovalAnswer): Promise<RunResult> {
  const rec = getDecision(ctx.db, decisionId);
  if (rec.status !== "awaiting_approval" || !rec.approvalRequestId) throw new GraphError("NOT_AWAITING_APPROVAL", `decision ${rec.id} is ${rec.status}, not awaiting approval`);
  recordVote(ctx.db, { requestId: rec.approvalRequestId, ...answer }, ctx.clock);
  await ctx.graph.invoke(new Command({ resume: { requestId: rec.approvalRequestId, ...answer } }), { configurable: { thread_id: rec.threadId } });
  return settle(ctx, rec.id);
}

import { randomBytes } from "node:crypto";
import { Command, INTERRUPT } from "@langchain/langgraph";
import type { DecisionRecord, RunTrigger } from "../domain/decision.js";
import { approvalStatus, recordVote } from "../policies/index.js";
import type { Clock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import { DURABLE_RUN_KEY, durableRunsFor, storedThreadHeads } from "../checkpoint/index.js";
import type { ThreadHead } from "../checkpoint/index.js";
import { getDecision, setDecisionCheckpoint } from "./decisions.js";
import { isAutopromoError } from "../errors.js";
import { GraphError } from "./errors.js";
import { retryWhileBusy, type LockWait } from "./busy.js";
import { recordFailedRun } from "./run-failed.js";
import { assertKnownScope } from "./scope-check.js";
import { acquireLease, defaultLease, deferredLease, heldByOther } from "./lease.js";
import type { DeferredLease, HeldLease, LeaseOptions } from "./lease.js";
import type { PromotionGraph } from "./graph.js";
import type { PromotionStateValue } from "./state.js";

/** What a run (or a resume) ended with. */
export interface RunResult {
  decisionId: string;
  status: DecisionRecord["status"];
  interrupted: boolean;
  checkpointId: string | null;
  /**
   * Set when this run reached the plan its scope's pending approval request already asks: the
   * result is then the decision waiting on that request, and this is the run's own record
   * (`no_action`, naming the request it joined).
   */
  joinedBy?: string;
}

export interface RunContext {
  graph: PromotionGraph;
  db: Db;
  clock: Clock;
  /** How this process leases the runs it works on (default: host:pid, 60 s, the wall clock). */
  lease?: LeaseOptions;
  /** How long a run waits out another process's write lock (default 15 minutes). */
  lockWait?: LockWait;
}

/** A fresh decision id that sorts by time: dec-<category>-<market>-<yyyymmddhhmmss>-<random>. */
export function newDecisionId(scope: { category: string; market: string }, clock: Clock): string {
  const t = clock.now().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `dec-${scope.category}-${scope.market}-${t}-${randomBytes(3).toString("hex")}`.replace(
    /[^A-Za-z0-9_.-]/g,
    "_",
  );
}

/** What `graph.invoke` returned: the state's values, plus `__interrupt__` when it paused. */
type InvokeOutput = Partial<PromotionStateValue> & { [INTERRUPT]?: unknown[] };

/** The run's result from its state snapshot: for a run not invoked now. */
async function settle(ctx: RunContext, decisionId: string): Promise<RunResult> {
  const snap = await ctx.graph.getState({ configurable: { thread_id: decisionId } });
  const checkpointId = (snap.config.configurable?.checkpoint_id as string | undefined) ?? null;
  const interrupted = snap.tasks.some((t) => t.interrupts.length > 0);
  const status = snap.values.status ?? "running";
  if (checkpointId) setDecisionCheckpoint(ctx.db, decisionId, checkpointId);
  const result: RunResult = {
    decisionId,
    status: interrupted ? "awaiting_approval" : status,
    interrupted,
    checkpointId,
  };
  return asJoined(ctx.db, result, snap.values.joined);
}

/** A run that joined its scope's pending request answers with the decision waiting on it. */
function asJoined(
  db: Db,
  own: RunResult,
  joined: PromotionStateValue["joined"] | undefined,
): RunResult {
  if (!joined?.decisionId) return own;
  const row = db
    .prepare("SELECT status, checkpoint_id FROM decisions WHERE id = ?")
    .get(joined.decisionId) as
    { status: RunResult["status"]; checkpoint_id: string | null } | undefined;
  if (row?.status !== "awaiting_approval") return own;
  return {
    decisionId: joined.decisionId,
    status: row.status,
    interrupted: true,
    checkpointId: row.checkpoint_id,
    joinedBy: own.decisionId,
  };
}

/**
 * Invokes the graph as one unit of work of its checkpointer's durable-run port (a saver that groups
 * commits groups them; any other writes at once) and settles the run: its last checkpoint is noted
 * on its decision in the commit that stores it, and the invoke's output says whether it paused
 * (no state snapshot is rebuilt for every run).
 */
async function invoke(
  ctx: RunContext,
  decisionId: string,
  input: Parameters<PromotionGraph["invoke"]>[0],
): Promise<RunResult> {
  // A run owns its work: no second process continues it while its lease is live. A run that
  // has stored nothing yet takes its lease in its own first commit (no extra commit a run).
  const lease = ctx.lease ?? defaultLease();
  const fresh = durableRunsFor(ctx.graph.checkpointer).startsFresh(decisionId);
  const held: HeldLease | null = fresh
    ? deferredLease(ctx.db, decisionId, lease)
    : await retryWhileBusy(async () => acquireLease(ctx.db, decisionId, lease), ctx.lockWait);
  if (!held)
    throw new GraphError(
      "RUN_BUSY",
      `run ${decisionId} is in progress in another process (its lease is live)`,
    );
  const deferred = fresh ? (held as DeferredLease) : undefined;
  try {
    // Another process holding the write lock past busy_timeout (a bulk ingest) does not fail the
    // run: it waits on a timer and goes on from its last checkpoint (or starts again if it had none).
    return await retryWhileBusy(async (n) => {
      if (n === 0) return invokeHeld(ctx, decisionId, input, deferred);
      const saved = (await ctx.graph.getState({ configurable: { thread_id: decisionId } }))
        .createdAt;
      // A resume keeps its answer; a run that never saved a checkpoint starts from its input again.
      return invokeHeld(
        ctx,
        decisionId,
        saved && !(input instanceof Command) ? null : input,
        deferred,
      );
    }, ctx.lockWait);
  } catch (e) {
    // A typed error (no data, bad input) would fail again on every resume: the run is recorded
    // as failed with the reason, so it does not block later runs. A crash is left to resume.
    if (isAutopromoError(e) && !(e instanceof GraphError && e.code === "RUN_BUSY"))
      await recordFailedRun(ctx, decisionId, e.message);
    throw e;
  } finally {
    held.release();
  }
}

async function invokeHeld(
  ctx: RunContext,
  decisionId: string,
  input: Parameters<PromotionGraph["invoke"]>[0],
  lease?: DeferredLease,
): Promise<RunResult> {
  const runs = durableRunsFor(ctx.graph.checkpointer);
  let checkpointId: string | null = null;
  // A fresh run's lease is written with its first checkpoint and deleted with its last commit.
  const unused = lease ? runs.withNextCheckpoint(decisionId, () => lease.take()) : undefined;
  try {
    const output = await runs.run(
      decisionId,
      // Nodes find the unit of work in their config (durableRunOf).
      async (unit) => {
        const configurable = { thread_id: decisionId, [DURABLE_RUN_KEY]: unit };
        return (await ctx.graph.invoke(input, { configurable })) as InvokeOutput;
      },
      (_out, latest) => {
        lease?.drop();
        checkpointId = latest;
        if (checkpointId) setDecisionCheckpoint(ctx.db, decisionId, checkpointId);
      },
    );
    const interrupted = (output[INTERRUPT]?.length ?? 0) > 0;
    const status = interrupted ? "awaiting_approval" : (output.status ?? "running");
    return asJoined(ctx.db, { decisionId, status, interrupted, checkpointId }, output.joined);
  } finally {
    unused?.();
  }
}

/**
 * Runs the graph for one category × market; returns when it is recorded or waits for approval.
 * With `opts.decisionId` the call is idempotent: a thread that already exists under that id (a
 * re-sent trigger, a restart after a crash) is continued from its checkpoint, never started twice.
 */
export async function runScope(
  ctx: RunContext,
  scope: { category: string; market: string },
  trigger: RunTrigger = { kind: "scope" },
  opts: { decisionId?: string } = {},
): Promise<RunResult> {
  // A scope someone typed is checked before anything is stored: a typo leaves no run behind.
  if (trigger.kind === "scope") assertKnownScope(ctx.db, scope);
  const decisionId = opts.decisionId ?? newDecisionId(scope, ctx.clock);
  if (
    opts.decisionId &&
    (await ctx.graph.getState({ configurable: { thread_id: decisionId } })).createdAt
  )
    return continueRun(ctx, decisionId);
  return invoke(ctx, decisionId, {
    decisionId,
    scope,
    trigger,
    startedAt: ctx.clock.now().toISOString(),
  });
}

/**
 * Takes a thread on from its last checkpoint: a run cut short (crash, kill) goes on from the step
 * it had reached; a run waiting at the approval interrupt is resumed only once its request is
 * closed (approved, rejected or expired), since until then it would only pause again.
 */
async function continueRun(
  ctx: RunContext,
  decisionId: string,
  resume: Record<string, unknown> = { recovered: true },
): Promise<RunResult> {
  const snap = await ctx.graph.getState({ configurable: { thread_id: decisionId } });
  // Not `snap.next`: it leaves out tasks whose writes were saved, so a run killed after its last
  // node finished but before the next checkpoint would look done. Any task left means not done.
  if (snap.tasks.length > 0) {
    const paused = snap.tasks.flatMap((t) => t.interrupts);
    if (paused.length === 0) return invoke(ctx, decisionId, null);
    // The paused node names the request it waits on (its state has it only once the node returns).
    const requestId = (paused[0]!.value as { approvalRequestId?: string } | undefined)
      ?.approvalRequestId;
    if (requestId && approvalStatus(ctx.db, requestId).request.status !== "pending")
      return invoke(ctx, decisionId, new Command({ resume }));
  }
  return settle(ctx, decisionId);
}

/**
 * Threads a crash may have left unfinished, on the shipped SQLite saver (the CLI's `runs`; see
 * {@link findUnfinishedRuns} for any saver): checkpoints newer than the one their decision record
 * was settled at (or no record yet), and approvals answered but never resumed. A thread another
 * live process holds the lease of is in progress there, not unfinished.
 */
export function unfinishedRuns(db: Db, lease: LeaseOptions = defaultLease()): string[] {
  return unfinishedAmong(db, storedThreadHeads(db), lease);
}

/** {@link unfinishedRuns} under the graph's own saver, whichever it is (asked through its port). */
export async function findUnfinishedRuns(ctx: RunContext): Promise<string[]> {
  const heads = await durableRunsFor(ctx.graph.checkpointer).threadHeads();
  return unfinishedAmong(ctx.db, heads, ctx.lease ?? defaultLease());
}

/** The threads of `heads` whose decision record is behind, unsettled or missing. */
function unfinishedAmong(
  db: Db,
  heads: ReadonlyMap<string, ThreadHead>,
  lease: LeaseOptions,
): string[] {
  if (heads.size === 0) return [];
  const rows = db
    .prepare(
      `SELECT d.thread_id AS id, d.checkpoint_id AS checkpoint, d.status, r.status AS answer
         FROM decisions d LEFT JOIN approval_requests r ON r.id = d.approval_request_id
        WHERE d.thread_id IS NOT NULL`,
    )
    .all() as DecisionHead[];
  const byThread = new Map<string, DecisionHead[]>();
  for (const r of rows) byThread.set(r.id, [...(byThread.get(r.id) ?? []), r]);
  const behind = (head: ThreadHead, d: DecisionHead) =>
    d.checkpoint === null ||
    d.checkpoint !== head.latest ||
    d.status === "running" ||
    (d.status === "awaiting_approval" && d.answer !== null && d.answer !== "pending");
  return [...heads]
    .filter(([id, head]) => {
      const records = byThread.get(id);
      return !records || records.some((d) => behind(head, d));
    })
    .map(([id]) => id)
    .sort(byCodePoint)
    .filter((id) => !heldByOther(db, id, lease));
}

interface DecisionHead {
  id: string;
  checkpoint: string | null;
  status: string;
  answer: string | null;
}

/** SQLite's BINARY order of ids (UTF-8 bytes), as `ORDER BY` gave it. */
const byCodePoint = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * After a restart: continues every run of the promotion graph in this database that a crash left
 * unfinished (see {@link unfinishedRuns}). Tries every thread; throws RUN_FAILED naming the ones that failed.
 */
export async function resumeUnfinishedRuns(ctx: RunContext): Promise<RunResult[]> {
  const out: RunResult[] = [];
  const failed: string[] = [];
  for (const id of await findUnfinishedRuns(ctx)) {
    try {
      out.push(await continueRun(ctx, id));
    } catch (e) {
      // Another process took it between the listing and now: it is its run to finish.
      if (e instanceof GraphError && e.code === "RUN_BUSY") continue;
      failed.push(`${id}: ${(e as Error).message}`);
    }
  }
  if (failed.length)
    throw new GraphError(
      "RUN_FAILED",
      `${failed.length} unfinished run(s) could not be resumed: ${failed.join("; ")}`,
    );
  return out;
}

/** Every category × market with sales: the scopes a cycle (and an inventory-event scan) covers. */
export function allScopes(
  db: Db,
  filter: { category?: string; market?: string } = {},
): { category: string; market: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT p.category, s.market_id AS market FROM sales s JOIN products p ON p.sku = s.sku
        WHERE (@category IS NULL OR p.category = @category) AND (@market IS NULL OR s.market_id = @market) ORDER BY p.category, market`,
    )
    .all({ category: filter.category ?? null, market: filter.market ?? null }) as {
    category: string;
    market: string;
  }[];
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
export async function answerApproval(
  ctx: RunContext,
  decisionId: string,
  answer: ApprovalAnswer,
): Promise<RunResult> {
  const rec = getDecision(ctx.db, decisionId);
  if (rec.status !== "awaiting_approval" || !rec.approvalRequestId) {
    const superseded = rec.approvalRequestId
      ? approvalStatus(ctx.db, rec.approvalRequestId).request
      : null;
    if (superseded?.status === "superseded") {
      throw new GraphError(
        "SUPERSEDED",
        `decision ${rec.id}: its approval request ${superseded.id} was superseded by ${superseded.supersededBy ?? "a newer request"} (a re-plan reached a different plan); answer that one`,
      );
    }
    throw new GraphError(
      "NOT_AWAITING_APPROVAL",
      `decision ${rec.id} is ${rec.status}, not awaiting approval`,
    );
  }
  // The same answer from the same approver again is a retry after a crash between the vote and the
  // resume: the vote is in, only the resume is missing. Any other repeat is refused by recordVote.
  const earlier = approvalStatus(ctx.db, rec.approvalRequestId).votes.find(
    (v) => v.role === answer.role,
  );
  if (!(earlier && earlier.approver === answer.approver && earlier.decision === answer.decision))
    recordVote(ctx.db, { requestId: rec.approvalRequestId, ...answer }, ctx.clock);
  return continueRun(ctx, rec.threadId, { requestId: rec.approvalRequestId, ...answer });
}

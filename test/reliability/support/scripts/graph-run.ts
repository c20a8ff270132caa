// Child process: the whole life of the crash scenario — resume what a crash left, run each scope,
// answer the approvals, launch and deliver — written so that running it again after a SIGKILL at
// any point finishes the job. crash-graph.slow.test.ts kills it at a chosen tick (CRASH_KILL_LABEL and
// CRASH_KILL_NTH, or CRASH_KILL_TICK) and restarts it; with CRASH_TRACE=1 it prints every tick's label.
// A restart may take several databases in turn (each was killed by its own process), which
// spares the suite one process start-up per kill point.
// argv: policyFile clockOffsetMs job... where job = dbPath|sandboxDir|decisionId,decisionId...
import { campaignFromProposal } from "../../../../src/domain/campaign.js";
import { promotionProposalSchema } from "../../../../src/domain/proposal.js";
import {
  campaignOutbox,
  createAdapters,
  deliverPending,
  enqueueLaunch,
} from "../../../../src/channels/index.js";
import {
  answerApproval,
  createPromotionGraph,
  getDecision,
  resumeUnfinishedRuns,
  runScope,
  type PromotionGraph,
  type RunContext,
} from "../../../../src/graph/index.js";
import { approvalStatus, loadPolicy, type LoadedPolicy } from "../../../../src/policies/index.js";
import { openDb } from "../../../../src/store/index.js";
import { SCENARIO_NOW, SCENARIO_SCOPES } from "../graph-scenario.js";
import { KillPoints } from "../kill-points.js";

const [policyFile, offset, ...jobs] = process.argv.slice(2) as [string, string, ...string[]];
const policy = loadPolicy(policyFile);
const clock = { now: () => new Date(Date.parse(SCENARIO_NOW) + Number(offset)) };
const env = process.env;
const kill = env.CRASH_KILL_LABEL
  ? { label: env.CRASH_KILL_LABEL, nth: Number(env.CRASH_KILL_NTH ?? 1) }
  : env.CRASH_KILL_TICK
    ? { tick: Number(env.CRASH_KILL_TICK) }
    : null;

/** Runs the scenario for the scopes `ids` on one database; returns what the test checks. */
async function scenario(
  dbPath: string,
  sandboxDir: string,
  ids: string[],
  policy: LoadedPolicy,
  kp: KillPoints,
) {
  const scopes = SCENARIO_SCOPES.filter((s) => ids.includes(s.decisionId));
  const db = openDb(dbPath);
  kp.instrument(db);
  // Node start/end ticks come from a callback handler bound to every invocation of the graph.
  // A database holds one scope's run (or several with the same grid): resuming must plan as the run did.
  const channelSets = scopes[0]?.channelSets;
  if (scopes.some((s) => s.channelSets !== channelSets))
    throw new Error(
      `scopes ${ids.join(", ")} plan different channel sets: give each its own database`,
    );
  const graph = createPromotionGraph({
    db,
    clock,
    policy,
    ...(channelSets ? { grid: { channelSets } } : {}),
  }).withConfig({ callbacks: [kp.handler()] }) as unknown as PromotionGraph;
  const ctx: RunContext = { graph, db, clock };

  kp.enter("recover");
  const recovered = await resumeUnfinishedRuns(ctx);

  for (const s of scopes) {
    kp.enter("run");
    await runScope(
      ctx,
      { category: s.category, market: s.market },
      { kind: "scope" },
      { decisionId: s.decisionId },
    );
  }

  for (const s of scopes) {
    for (const v of s.votes) {
      if (getDecision(db, s.decisionId).status !== "awaiting_approval") break;
      kp.enter("approve");
      await answerApproval(ctx, s.decisionId, v);
    }
  }

  // Launch what the graph scheduled, unless its execute step already wrote the outbox rows.
  kp.enter("launch");
  const campaigns = db
    .prepare(
      "SELECT id, decision_id AS decisionId, proposal, approval_request_id AS requestId FROM campaigns ORDER BY id",
    )
    .all() as { id: string; decisionId: string; proposal: string; requestId: string | null }[];
  for (const c of campaigns) {
    if (campaignOutbox(db, c.id).length > 0) continue;
    const approvedBy = c.requestId
      ? approvalStatus(db, c.requestId)
          .votes.filter((v) => v.decision === "approve")
          .map((v) => v.approver)
      : [];
    enqueueLaunch(
      db,
      campaignFromProposal(promotionProposalSchema.parse(JSON.parse(c.proposal)), {
        decisionId: c.decisionId,
        approvedBy,
      }),
      { policy: policy.policy, clock },
    );
  }

  kp.enter("deliver");
  const delivery = await deliverPending(db, createAdapters({ sandboxDir, clock }), clock, {
    limit: 1000,
  });

  kp.enter("report");
  const threads: Record<string, { next: string[]; interrupted: boolean }> = {};
  for (const s of scopes) {
    const snap = await graph.getState({ configurable: { thread_id: s.decisionId } });
    // Every task of the last checkpoint, finished ones included: `next` omits those, hiding a cut-short run.
    threads[s.decisionId] = {
      next: snap.tasks.map((t) => t.name),
      interrupted: snap.tasks.some((t) => t.interrupts.length > 0),
    };
  }
  db.close();
  return { recovered: recovered.map((r) => r.decisionId), threads, delivery };
}

let failed = false;
for (const job of jobs) {
  const [dbPath, sandboxDir, ids] = job.split("|") as [string, string, string];
  const kp = new KillPoints(kill, process.env.CRASH_TRACE === "1");
  try {
    const out = await scenario(dbPath, sandboxDir, ids.split(","), policy, kp);
    console.log(JSON.stringify({ db: dbPath, ok: true, ticks: kp.ticks, ...out, trace: kp.trace }));
  } catch (e) {
    failed = true;
    console.log(JSON.stringify({ db: dbPath, ok: false, error: (e as Error).stack ?? String(e) }));
  }
}
process.exitCode = failed ? 1 : 0;

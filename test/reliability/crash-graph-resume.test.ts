import { rmSync } from "node:fs";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { Checkpoint, CheckpointMetadata } from "@langchain/langgraph";
import type { ChannelVersions } from "@langchain/langgraph-checkpoint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteCheckpointer } from "../../src/checkpoint/index.js";
import {
  answerApproval,
  createPromotionGraph,
  getDecision,
  policyNode,
  resumeUnfinishedRuns,
  runScope,
  unfinishedRuns,
  type PromotionStateValue,
  type RunContext,
} from "../../src/graph/index.js";
import { DEMO_NOW, demoDb } from "../../src/graph/testing/demo-db.js";
import { loadPolicy, recordVote, type LoadedPolicy } from "../../src/policies/index.js";
import { fixedClock } from "../../src/domain/index.js";
import type { Db } from "../../src/store/index.js";

// Regression tests for what the SIGKILL harness (crash-graph.test.ts) found, in-process and fast:
// a "crash" is a checkpointer that fails at a chosen step, or a vote recorded without its resume.

/** Fails the `put` of the checkpoint for `step`: the run stops as if killed right before it. */
class FailingSaver extends SqliteCheckpointer {
  constructor(
    db: Db,
    private readonly failAtStep: number,
  ) {
    super(db);
  }
  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    if (metadata.step === this.failAtStep)
      throw new Error(`simulated crash before checkpoint ${this.failAtStep}`);
    return super.put(config, checkpoint, metadata, newVersions);
  }
}

let db: Db;
let dir: string;
let policy: LoadedPolicy;
const clock = fixedClock(DEMO_NOW);
/** A process that starts afresh on the same database: a new graph on a plain SqliteCheckpointer. */
const restarted = (p: LoadedPolicy = policy): RunContext => ({
  graph: createPromotionGraph({ db, clock, policy: p }),
  db,
  clock,
});
const count = (sql: string, ...args: unknown[]) =>
  (db.prepare(sql).get(...args) as { n: number }).n;

beforeAll(async () => {
  let policyFile: string;
  ({ db, dir, policyFile } = await demoDb());
  policy = loadPolicy(policyFile);
}, 300_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("resuming the promotion graph after a crash", () => {
  it("finishes a run stopped after a node's writes were saved but before the next checkpoint (its `next` looks empty)", async () => {
    // Under the default policy cereal DE is allowed (store only, so no target_audience step): input -1, perceive 0, demand ∥ inventory 1, plan 2, policy 3, execute 4, record 5.
    const allowing = loadPolicy();
    const graph = createPromotionGraph({
      db,
      clock,
      policy: allowing,
      checkpointer: new FailingSaver(db, 4),
    });
    const decisionId = "regress-after-policy";
    const config = { configurable: { thread_id: decisionId }, durability: "sync" as const };
    await expect(
      graph.invoke(
        {
          decisionId,
          scope: { category: "cereal", market: "DE" },
          trigger: { kind: "scope" },
          startedAt: DEMO_NOW,
        },
        config,
      ),
    ).rejects.toThrow(/simulated crash/);
    const cut = await graph.getState(config);
    expect(cut.next).toEqual([]);
    expect(cut.tasks.map((t) => t.name)).toEqual(["check_policy"]);
    expect(unfinishedRuns(db)).toContain(decisionId);

    const resumed = await resumeUnfinishedRuns(restarted(allowing));
    expect(resumed.find((r) => r.decisionId === decisionId)?.status).toBe("executed");
    expect(getDecision(db, decisionId).outcome.status).toBe("executed");
    expect(count("SELECT count(*) AS n FROM campaigns WHERE decision_id = ?", decisionId)).toBe(1);
    expect(
      count("SELECT count(*) AS n FROM policy_verdicts WHERE proposal_id = ?", `${decisionId}-a1`),
    ).toBe(1);
    expect(unfinishedRuns(db)).not.toContain(decisionId);
  });

  it("continues, not restarts, a run whose decision id is given again", async () => {
    const ctx = restarted();
    const first = await runScope(
      ctx,
      { category: "cereal", market: "UK" },
      { kind: "scope" },
      { decisionId: "regress-same-id" },
    );
    const checkpoints = count(
      "SELECT count(*) AS n FROM checkpoints WHERE thread_id = 'regress-same-id'",
    );
    const again = await runScope(
      ctx,
      { category: "cereal", market: "UK" },
      { kind: "scope" },
      { decisionId: "regress-same-id" },
    );
    expect(again).toMatchObject({ decisionId: first.decisionId, status: first.status });
    expect(count("SELECT count(*) AS n FROM checkpoints WHERE thread_id = 'regress-same-id'")).toBe(
      checkpoints,
    );
    expect(count("SELECT count(*) AS n FROM decisions WHERE id = 'regress-same-id'")).toBe(1);
  });

  it("completes an approval whose vote was recorded but whose resume never ran, with one vote", async () => {
    const ctx = restarted();
    const answer = {
      role: "category_manager",
      approver: "cm@shop",
      decision: "approve" as const,
      comment: "go",
    };
    for (const [id, recover] of [
      ["regress-vote-retry", "answer again"],
      ["regress-vote-sweep", "resume sweep"],
    ] as const) {
      const run = await runScope(
        ctx,
        { category: "frozen", market: "UK" },
        { kind: "scope" },
        { decisionId: id },
      );
      expect(run.status).toBe("awaiting_approval");
      const requestId = getDecision(db, id).approvalRequestId!;
      // What answerApproval had done when the process died: the vote, not the resume.
      recordVote(db, { requestId, ...answer }, clock);
      expect(unfinishedRuns(db)).toContain(id);
      // Another person of the same role is not a retry: refused, as before.
      await expect(
        answerApproval(restarted(), id, { ...answer, approver: "someone-else" }),
      ).rejects.toThrow(/closed|already answered/);
      if (recover === "answer again")
        expect((await answerApproval(restarted(), id, answer)).status).toBe("executed");
      else await resumeUnfinishedRuns(restarted());
      expect(getDecision(db, id).outcome.status, recover).toBe("executed");
      expect(getDecision(db, id).approvals, recover).toHaveLength(1);
      expect(
        count("SELECT count(*) AS n FROM approval_votes WHERE request_id = ?", requestId),
      ).toBe(1);
      expect(count("SELECT count(*) AS n FROM campaigns WHERE decision_id = ?", id)).toBe(1);
    }
  });

  it("logs a policy check re-run after a crash once", async () => {
    const ctx = restarted();
    await runScope(
      ctx,
      { category: "snacks", market: "UK" },
      { kind: "scope" },
      { decisionId: "regress-verdict" },
    );
    const s = (await ctx.graph.getState({ configurable: { thread_id: "regress-verdict" } }))
      .values as PromotionStateValue;
    const proposalId = s.plan!.proposal!.id;
    const before = count(
      "SELECT count(*) AS n FROM policy_verdicts WHERE proposal_id = ?",
      proposalId,
    );
    policyNode({ db, clock, policy, reasonerName: "offline" })(s);
    expect(
      count("SELECT count(*) AS n FROM policy_verdicts WHERE proposal_id = ?", proposalId),
    ).toBe(before);
    expect(before).toBe(1);
  });
});

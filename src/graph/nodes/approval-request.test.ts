import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalStatus, loadPolicy, recordVote } from "../../policies/index.js";
import { fixedClock } from "../../domain/index.js";
import type { GridOptions } from "../../agents/promotion/index.js";
import { openDb, type Db } from "../../store/index.js";
import {
  answerApproval,
  createPromotionGraph,
  getDecision,
  runScope,
  unfinishedRuns,
  type RunContext,
} from "../index.js";
import { DEMO_NOW, demoDb } from "../testing/demo-db.js";

// Issue #26, item 5: one pending approval request per scope and plan.
const scope = { category: "frozen", market: "UK" };
const TWO_ROLES =
  "autonomy:\n  maxSpendPerCampaign: 100\napprovals:\n  routing:\n    autonomy: { allOf: [finance, legal] }\n";
let dir: string;
let path: string;
let db: Db;
let policyFile: string;
const clock = fixedClock(DEMO_NOW);

/** A run context on its own connection; a narrower grid reaches another plan. */
function context(on: Db, grid?: Partial<GridOptions>): RunContext {
  const graph = createPromotionGraph({
    db: on,
    clock,
    policy: loadPolicy(policyFile),
    ...(grid ? { grid } : {}),
  });
  return { graph, db: on, clock };
}
const pending = () =>
  db
    .prepare(
      "SELECT id FROM approval_requests WHERE category = ? AND market = ? AND status = 'pending'",
    )
    .all(scope.category, scope.market) as { id: string }[];
const votes = (requestId: string) =>
  (
    db.prepare("SELECT count(*) AS n FROM approval_votes WHERE request_id = ?").get(requestId) as {
      n: number;
    }
  ).n;

beforeAll(async () => {
  const demo = await demoDb();
  ({ dir, path, db } = demo);
  policyFile = join(dir, "two-roles.yaml");
  writeFileSync(policyFile, TWO_ROLES);
}, 300_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a re-plan of a scope awaiting approval", () => {
  let first: string;
  let requestA: string;

  it("that reaches the same plan joins the pending request: no second request, votes kept", async () => {
    const ctx = context(db);
    const a = await runScope(ctx, scope);
    expect(a.status).toBe("awaiting_approval");
    first = a.decisionId;
    requestA = getDecision(db, first).approvalRequestId!;
    recordVote(
      db,
      {
        requestId: requestA,
        role: "finance",
        approver: "Fay (finance)",
        decision: "approve",
        comment: "ok",
      },
      clock,
    );

    const b = await runScope(context(db), scope, { kind: "cycle" });
    expect(b).toMatchObject({ decisionId: first, status: "awaiting_approval", interrupted: true });
    const own = getDecision(db, b.joinedBy!);
    expect(own.status).toBe("no_action");
    expect(own.outcome.reason).toContain(`joined request ${requestA} of decision ${first}`);
    expect(pending()).toEqual([{ id: requestA }]);
    expect(votes(requestA)).toBe(1);
    expect(approvalStatus(db, requestA).missing.allOf).toEqual(["legal"]);
  }, 120_000);

  it("that reaches a different plan supersedes it: recorded on both decisions, votes kept, the old one refuses votes", async () => {
    const c = await runScope(context(db, { weeks: [2] }), scope, { kind: "event", reason: "test" });
    expect(c.status).toBe("awaiting_approval");
    expect(c.decisionId).not.toBe(first);
    const requestB = getDecision(db, c.decisionId).approvalRequestId!;
    expect(pending()).toEqual([{ id: requestB }]);

    const old = approvalStatus(db, requestA);
    expect(old.request).toMatchObject({
      status: "superseded",
      resolution: "superseded",
      supersededBy: requestB,
    });
    expect(old.votes).toHaveLength(1);
    const before = getDecision(db, first);
    expect(before.status).toBe("rejected");
    expect(before.outcome.reason).toMatch(
      new RegExp(`approval superseded by ${requestB} .*different plan \\(.*weeks: 3 → 2`),
    );
    expect(getDecision(db, c.decisionId).outcome.reason).toContain(`supersedes ${requestA}`);

    expect(() =>
      recordVote(
        db,
        {
          requestId: requestA,
          role: "legal",
          approver: "Lee (legal)",
          decision: "approve",
          comment: "ok",
        },
        clock,
      ),
    ).toThrow(`approval request ${requestA} was superseded by ${requestB}`);
    await expect(
      answerApproval(context(db), first, {
        role: "legal",
        approver: "Lee",
        decision: "approve",
        comment: "ok",
      }),
    ).rejects.toMatchObject({ code: "SUPERSEDED" });
    // Settled: no restart resumes the superseded run.
    expect(unfinishedRuns(db)).not.toContain(first);
  }, 120_000);

  it("a superseded run resumed anyway records the supersession, and launches nothing", async () => {
    const { Command } = await import("@langchain/langgraph");
    const ctx = context(db);
    await ctx.graph.invoke(new Command({ resume: { recovered: true } }), {
      configurable: { thread_id: first },
    });
    const rec = getDecision(db, first);
    expect(rec.status).toBe("rejected");
    expect(rec.outcome.reason).toMatch(/^approval superseded by apr-/);
    expect(
      db.prepare("SELECT count(*) AS n FROM campaigns WHERE decision_id = ?").get(first),
    ).toEqual({ n: 0 });
  }, 120_000);

  it("two concurrent re-plans on two connections leave one pending request", async () => {
    const [x, y] = [openDb(path), openDb(path)];
    try {
      const results = await Promise.all([runScope(context(x), scope), runScope(context(y), scope)]);
      expect(pending()).toHaveLength(1);
      const waiting = new Set(results.map((r) => r.decisionId));
      expect(waiting.size).toBe(1);
      // Two different plans at once: the later supersedes the earlier, still one pending.
      await Promise.all([
        runScope(context(x, { weeks: [2] }), scope),
        runScope(context(y, { startOffsets: [1] }), scope),
      ]);
      expect(pending()).toHaveLength(1);
      const awaiting = db
        .prepare(
          "SELECT count(*) AS n FROM decisions WHERE category = ? AND market = ? AND status = 'awaiting_approval'",
        )
        .get(scope.category, scope.market);
      expect(awaiting).toEqual({ n: 1 });
    } finally {
      x.close();
      y.close();
    }
  }, 180_000);

  it("the store refuses a second pending plan request for a scope", () => {
    const row = db
      .prepare("SELECT * FROM approval_requests WHERE status = 'pending' AND category = ?")
      .get(scope.category) as Record<string, unknown>;
    const copy = { ...row, id: `${String(row.id)}-copy` };
    const cols = Object.keys(copy);
    const insert = `INSERT INTO approval_requests (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`;
    expect(() => db.prepare(insert).run(copy)).toThrow(/UNIQUE constraint failed/);
  });
});

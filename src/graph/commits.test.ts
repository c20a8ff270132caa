import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalStatus, loadPolicy, recordVote, rolesOf } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import { openDb, type Db } from "../store/index.js";
import { createPromotionGraph, getDecision, runScope, type RunContext } from "./index.js";
import { DEMO_NOW, demoDb } from "./testing/demo-db.js";

/**
 * Commits in the WAL so far: frames whose header holds the database size, which SQLite writes
 * only on a transaction's last frame. The file is never reset here: nothing checkpoints it.
 */
function walCommits(path: string): number {
  const wal = readFileSync(`${path}-wal`);
  const pageSize = wal.readUInt32BE(8);
  const [salt1, salt2] = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}

let db: Db;
let path: string;
let escalating: RunContext;
let shipped: RunContext;

beforeAll(async () => {
  const demo = await demoDb();
  demo.db.close();
  path = demo.path;
  db = openDb(path);
  db.pragma("wal_autocheckpoint = 0");
  const clock = fixedClock(DEMO_NOW);
  escalating = {
    graph: createPromotionGraph({ db, clock, policy: loadPolicy(demo.policyFile) }),
    db,
    clock,
  };
  shipped = { graph: createPromotionGraph({ db, clock, policy: loadPolicy() }), db, clock };
  // Each policy version is recorded once per connection: out of the way first.
  for (const c of [escalating, shipped]) await runScope(c, { category: "frozen", market: "UK" });
});
afterAll(() => db.close());

/** Rejects every pending request, as its first asked role. */
function closePending(ctx: RunContext): void {
  for (const { id } of db
    .prepare("SELECT id FROM approval_requests WHERE status = 'pending'")
    .all() as { id: string }[]) {
    const role = rolesOf(approvalStatus(db, id).request.required)[0]!;
    recordVote(
      db,
      { requestId: id, role, approver: `test ${role}`, decision: "reject", comment: "test" },
      ctx.clock,
    );
  }
}

describe("a run's commits", () => {
  it("an escalated run commits twice: its request and decision with the checkpoints before, then its pause", async () => {
    // The warm-up's request is closed first: this run opens one rather than joining it.
    closePending(escalating);
    const before = walCommits(path);
    const run = await runScope(escalating, { category: "frozen", market: "UK" });
    // The request is opened in a transaction of its own (one pending request per scope and plan).
    expect(walCommits(path) - before).toBe(2);

    expect(run.interrupted).toBe(true);
    expect(run.joinedBy).toBeUndefined();
    const rec = getDecision(db, run.decisionId);
    expect(rec.status).toBe("awaiting_approval");
    expect(rec.checkpointId).toBe(run.checkpointId);
    expect(approvalStatus(db, rec.approvalRequestId!).request).toMatchObject({
      status: "pending",
      proposalId: rec.proposal?.id,
    });
  });

  it("a re-plan that reaches the same plan joins the pending request: two commits, no request", async () => {
    const requests = () =>
      (db.prepare("SELECT count(*) AS n FROM approval_requests").get() as { n: number }).n;
    const [n, before] = [requests(), walCommits(path)];
    const run = await runScope(escalating, { category: "frozen", market: "UK" });
    expect(walCommits(path) - before).toBe(2);
    expect(requests()).toBe(n);
    expect(run.status).toBe("awaiting_approval");
    expect(getDecision(db, run.joinedBy!).status).toBe("no_action");
  });

  it("an allowed run commits twice: its launch at once, its record with the run's end", async () => {
    const before = walCommits(path);
    const run = await runScope(shipped, { category: "frozen", market: "UK" });
    expect(walCommits(path) - before).toBe(2);

    const rec = getDecision(db, run.decisionId);
    expect(rec.outcome.status).toBe("executed");
    expect(rec.checkpointId).toBe(run.checkpointId);
  });
});

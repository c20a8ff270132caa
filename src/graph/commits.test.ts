import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalStatus, fixedClock, loadPolicy } from "../policies/index.js";
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
  escalating = { graph: createPromotionGraph({ db, clock, policy: loadPolicy(demo.policyFile) }), db, clock };
  shipped = { graph: createPromotionGraph({ db, clock, policy: loadPolicy() }), db, clock };
  // Each policy version is recorded once per connection: out of the way first.
  for (const c of [escalating, shipped]) await runScope(c, { category: "frozen", market: "UK" });
});
afterAll(() => db.close());

describe("a run's commits", () => {
  it("an escalated run commits once: its checkpoints, verdict log, approval request and decision together", async () => {
    const before = walCommits(path);
    const run = await runScope(escalating, { category: "frozen", market: "UK" });
    expect(walCommits(path) - before).toBe(1);

    expect(run.interrupted).toBe(true);
    const rec = getDecision(db, run.decisionId);
    expect(rec.status).toBe("awaiting_approval");
    expect(rec.checkpointId).toBe(run.checkpointId);
    expect(approvalStatus(db, rec.approvalRequestId!).request).toMatchObject({ status: "pending", proposalId: rec.proposal?.id });
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

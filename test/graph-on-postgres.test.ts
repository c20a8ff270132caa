import { execFile } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { durableRunsFor, postgresCheckpointer } from "../src/checkpoint/index.js";
import { fixedClock } from "../src/domain/index.js";
import type { RunResult } from "../src/graph/index.js";
import { createPromotionGraph, getDecision, listDecisions } from "../src/graph/index.js";
import { runCycle, runScope, answerApproval } from "../src/graph/index.js";
import { findUnfinishedRuns, resumeUnfinishedRuns, unfinishedRuns } from "../src/graph/index.js";
import { DEMO_NOW, demoDb } from "../src/graph/testing/demo-db.js";
import { keysAside } from "../src/graph/testing/records.js";
import { loadPolicy, recordVote } from "../src/policies/index.js";
import { openDb, type Db } from "../src/store/index.js";
import { describePostgres } from "./support/postgres.js";

// The graph behaves the same under any BaseCheckpointSaver (issue #31, first step): on
// LangGraph's own Postgres saver, with the SQLite store, the demo's decision records are the ones
// the shipped SQLite saver gives, and an escalated run pauses and resumes from Postgres alone.

const run = promisify(execFile);
const ANSWER = join(import.meta.dirname, "support", "answer-on-postgres.ts");
const FROZEN_UK = { category: "frozen", market: "UK" };
const APPROVE = {
  role: "category_manager",
  approver: "cm (category_manager)",
  decision: "approve" as const,
  comment: "approved from a second process",
};

const sorted = (records: unknown[]) =>
  records.map(keysAside).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** A copy of the seeded demo market's file, so every run starts from the same bytes. */
function copyOf(path: string, name: string): { db: Db; file: string } {
  const file = join(dirname(path), name);
  copyFileSync(path, file);
  return { db: openDb(file), file };
}

/** A graph on `db` under `saver` (default: the SQLite saver) and `policyFile`. */
function context(db: Db, policyFile?: string, checkpointer?: BaseCheckpointSaver) {
  const clock = fixedClock(DEMO_NOW);
  const policy = loadPolicy(policyFile);
  const graph = createPromotionGraph({ db, clock, policy, ...(checkpointer && { checkpointer }) });
  return { graph, db, clock };
}

/** The demo's UK cycle under the shipped policy, then frozen UK under one that escalates. */
async function demoRecords(db: Db, policyFile: string, saver?: BaseCheckpointSaver) {
  await runCycle(context(db, undefined, saver), { market: "UK" });
  await runScope(context(db, policyFile, saver), FROZEN_UK);
  return sorted(listDecisions(db, 1_000));
}

/** How many top-level checkpoints of `threadId` Postgres holds in `schema`. */
async function storedCheckpoints(url: string, schema: string, threadId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string; latest: string | null }>(
      `SELECT count(*) AS n, max(checkpoint_id) AS latest FROM "${schema}".checkpoints
        WHERE thread_id = $1 AND checkpoint_ns = ''`,
      [threadId],
    );
    return { count: Number(rows[0]!.n), latest: rows[0]!.latest };
  } finally {
    await client.end();
  }
}

/** Rows the SQLite saver's table holds for `threadId` (none when another saver ran it). */
const sqliteCheckpoints = (db: Db, threadId: string) =>
  (
    db.prepare("SELECT count(*) AS n FROM checkpoints WHERE thread_id = ?").get(threadId) as {
      n: number;
    }
  ).n;

describePostgres("the promotion graph on LangGraph's Postgres saver", (postgres) => {
  let demo: Awaited<ReturnType<typeof demoDb>>;
  beforeAll(async () => {
    demo = await demoDb();
    demo.db.close();
  }, 120_000);
  afterAll(() => rmSync(demo.dir, { recursive: true, force: true }));

  it("writes the decision records the SQLite saver writes, keys aside", async () => {
    const onSqlite = copyOf(demo.path, "sqlite.db").db;
    const onPostgres = copyOf(demo.path, "postgres.db").db;
    const saver = await postgresCheckpointer(postgres.url, { schema: "records" });
    try {
      // It groups nothing: the port runs it in "write now" mode, knowing no stored ids.
      const port = durableRunsFor(saver);
      expect([port.startsFresh("t"), port.storedCheckpointId("t")]).toEqual([false, undefined]);
      const expected = await demoRecords(onSqlite, demo.policyFile);
      const actual = await demoRecords(onPostgres, demo.policyFile, saver);
      const statuses = new Set(expected.map((r) => (r as { status: string }).status));
      expect([...statuses].sort()).toEqual(["awaiting_approval", "executed", "no_action"]);
      expect(actual).toEqual(expected);
      const ids = listDecisions(onPostgres, 1_000).map((d) => d.threadId);
      for (const id of ids) {
        expect((await storedCheckpoints(postgres.url, "records", id)).count).toBeGreaterThan(0);
        expect(sqliteCheckpoints(onPostgres, id)).toBe(0);
      }
    } finally {
      await saver.end();
      onSqlite.close();
      onPostgres.close();
    }
  }, 300_000);

  it("pauses an escalated run in Postgres; a second process resumes it on approval", async () => {
    const schema = "approval";
    const { db, file } = copyOf(demo.path, "approval.db");
    const first = await postgresCheckpointer(postgres.url, { schema });
    let paused: RunResult;
    try {
      paused = await runScope(context(db, demo.policyFile, first), FROZEN_UK);
    } finally {
      await first.end();
    }
    expect(paused).toMatchObject({ status: "awaiting_approval", interrupted: true });
    const before = await storedCheckpoints(postgres.url, schema, paused.decisionId);
    expect(before.count).toBeGreaterThan(0);
    expect(sqliteCheckpoints(db, paused.decisionId)).toBe(0);
    expect(getDecision(db, paused.decisionId).checkpointId).toBe(before.latest);

    // Another process: its own SQLite handle, a new saver and pool on the same database.
    const args = [file, demo.policyFile, postgres.url, schema, paused.decisionId];
    const { stdout } = await run(process.execPath, ["--import", "tsx", ANSWER, ...args]);
    const resumed = JSON.parse(stdout.trim().split("\n").at(-1)!) as RunResult;
    expect(resumed).toMatchObject({ decisionId: paused.decisionId, status: "executed" });
    const after = await storedCheckpoints(postgres.url, schema, paused.decisionId);
    expect(after.count).toBeGreaterThan(before.count);
    const record = getDecision(db, paused.decisionId);
    expect(record).toMatchObject({ status: "executed", checkpointId: after.latest });
    expect(record.outcome.campaignId).toBeTruthy();
    db.close();

    // The same approval on the SQLite saver, in one process, ends in the same record.
    const sqlite = copyOf(demo.path, "approval-sqlite.db").db;
    try {
      const ctx = context(sqlite, demo.policyFile);
      const there = await runScope(ctx, FROZEN_UK);
      await answerApproval(ctx, there.decisionId, APPROVE);
      const onDb = openDb(file);
      try {
        expect(sorted(listDecisions(onDb, 10))).toEqual(sorted(listDecisions(sqlite, 10)));
      } finally {
        onDb.close();
      }
    } finally {
      sqlite.close();
    }
  }, 300_000);

  it("finds a run a crash left between the vote and the resume, and finishes it, from Postgres", async () => {
    const schema = "recovery";
    const { db } = copyOf(demo.path, "recovery.db");
    const saver = await postgresCheckpointer(postgres.url, { schema });
    try {
      const ctx = context(db, demo.policyFile, saver);
      const paused = await runScope(ctx, FROZEN_UK);
      expect(paused.status).toBe("awaiting_approval");
      expect(await findUnfinishedRuns(ctx)).toEqual([]);
      // The vote is stored, then the process dies before the graph resumes.
      const requestId = getDecision(db, paused.decisionId).approvalRequestId!;
      recordVote(db, { requestId, ...APPROVE }, ctx.clock);
      expect(await findUnfinishedRuns(ctx)).toEqual([paused.decisionId]);
      // The SQLite saver's table knows nothing of it: recovery must ask the graph's own saver.
      expect(unfinishedRuns(db)).toEqual([]);
      const resumed = await resumeUnfinishedRuns(context(db, demo.policyFile, saver));
      expect(resumed).toMatchObject([{ decisionId: paused.decisionId, status: "executed" }]);
      const head = await storedCheckpoints(postgres.url, schema, paused.decisionId);
      expect(getDecision(db, paused.decisionId).checkpointId).toBe(head.latest);
      expect(await findUnfinishedRuns(ctx)).toEqual([]);
    } finally {
      await saver.end();
      db.close();
    }
  }, 300_000);
});

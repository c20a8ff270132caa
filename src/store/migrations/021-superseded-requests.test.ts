import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../db.js";
import { MIGRATIONS } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "autopromo-m21-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file as migration 20 left it, with the requests, votes and decisions given. */
function fileAtVersion20(name: string): string {
  const path = join(dir, name);
  const raw = new Database(path);
  for (const m of MIGRATIONS.filter((x) => x.version <= 20)) raw.exec(m.sql);
  raw.exec(
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  for (const m of MIGRATIONS.filter((x) => x.version <= 20))
    raw.prepare("INSERT INTO schema_migrations VALUES (?, ?, '2026-12-01')").run(m.version, m.name);
  const request = raw.prepare(
    `INSERT INTO approval_requests (id, proposal_id, proposal, policy_version, verdict, all_of, any_of, status, resolution, created_at, deadline_at)
     VALUES (?, ?, '{}', 'v1', '{}', '["finance"]', '[]', ?, ?, ?, '2099-01-01T00:00:00Z')`,
  );
  const decision = raw.prepare(
    `INSERT INTO decisions (id, thread_id, trigger, category, market, status, approval_request_id, model_version, reasoner, record, created_at, updated_at)
     VALUES (?, ?, 'cycle', ?, ?, ?, ?, 'm', 'offline', ?, ?, ?)`,
  );
  const rows: [string, string, string, string, string | null, string][] = [
    // Three restarts escalated frozen × UK three times (issue #26 item 6); snacks × US once.
    ["apr-1", "frozen", "UK", "pending", null, "2026-12-01T10:00:00Z"],
    ["apr-2", "frozen", "UK", "pending", null, "2026-12-02T10:00:00Z"],
    ["apr-3", "frozen", "UK", "pending", null, "2026-12-03T10:00:00Z"],
    ["apr-4", "snacks", "US", "pending", null, "2026-12-01T10:00:00Z"],
    ["apr-5", "snacks", "US", "approved", "approved", "2026-11-01T10:00:00Z"],
  ];
  for (const [id, category, market, status, resolution, at] of rows) {
    request.run(id, `p-${id}`, status, resolution, at);
    const dstatus = status === "pending" ? "awaiting_approval" : "executed";
    const record = JSON.stringify({
      id: `d-${id}`,
      status: dstatus,
      outcome: { status: dstatus, reason: "in progress" },
    });
    decision.run(`d-${id}`, `d-${id}`, category, market, dstatus, id, record, at, at);
  }
  // A campaign edit's request has no decision: it keeps no scope and is never superseded.
  request.run("apr-edit", "p-edit", "pending", null, "2026-12-01T09:00:00Z");
  const vote = raw.prepare(
    "INSERT INTO approval_votes (request_id, role, approver, decision, comment, voted_at) VALUES (?, ?, ?, 'approve', 'ok', '2026-12-03')",
  );
  vote.run("apr-1", "finance", "Fay");
  vote.run("apr-3", "finance", "Fay");
  vote.run("apr-5", "finance", "Fay");
  raw.close();
  return path;
}

describe("migration 21: one pending approval request per scope", () => {
  it("rebuilds approval_requests keeping every row and vote; the newest pending request of a scope stays, the older ones are superseded by it", () => {
    const db = openDb(fileAtVersion20("dupes.db"));
    try {
      const rows = db
        .prepare(
          "SELECT id, status, resolution, category, market, superseded_by AS by FROM approval_requests ORDER BY id",
        )
        .all();
      expect(rows).toEqual([
        {
          id: "apr-1",
          status: "superseded",
          resolution: "superseded",
          category: "frozen",
          market: "UK",
          by: "apr-3",
        },
        {
          id: "apr-2",
          status: "superseded",
          resolution: "superseded",
          category: "frozen",
          market: "UK",
          by: "apr-3",
        },
        {
          id: "apr-3",
          status: "pending",
          resolution: null,
          category: "frozen",
          market: "UK",
          by: null,
        },
        {
          id: "apr-4",
          status: "pending",
          resolution: null,
          category: "snacks",
          market: "US",
          by: null,
        },
        {
          id: "apr-5",
          status: "approved",
          resolution: "approved",
          category: "snacks",
          market: "US",
          by: null,
        },
        {
          id: "apr-edit",
          status: "pending",
          resolution: null,
          category: null,
          market: null,
          by: null,
        },
      ]);
      expect(db.prepare("SELECT request_id FROM approval_votes ORDER BY id").all()).toEqual([
        { request_id: "apr-1" },
        { request_id: "apr-3" },
        { request_id: "apr-5" },
      ]);
      const closed = db
        .prepare(
          "SELECT id, status, json_extract(record, '$.outcome.reason') AS reason FROM decisions WHERE status = 'rejected' ORDER BY id",
        )
        .all();
      expect(closed).toEqual([
        {
          id: "d-apr-1",
          status: "rejected",
          reason: expect.stringContaining("approval superseded by apr-3"),
        },
        {
          id: "d-apr-2",
          status: "rejected",
          reason: expect.stringContaining("approval superseded by apr-3"),
        },
      ]);
      expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(db.pragma("foreign_key_check")).toEqual([]);
      // The votes' reference still holds: a vote on a request that does not exist is refused.
      expect(() =>
        db
          .prepare(
            "INSERT INTO approval_votes (request_id, role, approver, decision, comment, voted_at) VALUES ('nope', 'x', 'y', 'approve', 'c', 'now')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        db.prepare("UPDATE approval_requests SET status = 'pending' WHERE id = 'apr-2'").run(),
      ).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });

  it("a fresh file migrates to the same shape", () => {
    const db = openDb(join(dir, "fresh.db"));
    try {
      const cols = (
        db.prepare("PRAGMA table_info(approval_requests)").all() as { name: string }[]
      ).map((c) => c.name);
      expect(cols).toEqual(expect.arrayContaining(["category", "market", "superseded_by"]));
      expect(
        db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE version = 21").get(),
      ).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});

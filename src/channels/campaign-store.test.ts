import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { insertDecision, testProposal } from "../monitoring/testing.js";
import { migrate } from "../store/db.js";
import { MIGRATIONS } from "../store/migrations/index.js";
import { listCampaignRecords } from "./campaign-store.js";
import { campaignHistory } from "./events.js";

describe("migration 008: one campaign status vocabulary", () => {
  it("moves a 004 campaigns row's status (finished → ended) into the lifecycle log and drops the column", () => {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    db.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    for (const m of MIGRATIONS.filter((x) => x.version <= 7)) {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        "2025-01-01T00:00:00Z",
      );
    }
    insertDecision(db, "d-old");
    insertDecision(db, "d-new");
    const row = db.prepare(
      "INSERT INTO campaigns (id, decision_id, proposal, category, markets, start_date, end_date, status, approval_request_id, policy_version, created_at) VALUES (?, ?, ?, 'snacks', '[\"US-EAST\"]', '2025-03-03', '2025-03-30', ?, NULL, 'v', ?)",
    );
    row.run(
      "old",
      "d-old",
      JSON.stringify(testProposal("old")),
      "finished",
      "2025-01-02T00:00:00Z",
    );
    row.run(
      "new",
      "d-new",
      JSON.stringify(testProposal("new")),
      "scheduled",
      "2025-01-03T00:00:00Z",
    );
    migrate(db);
    expect(listCampaignRecords(db).map((c) => `${c.id} ${c.status} v${c.version}`)).toEqual([
      "new scheduled v1",
      "old ended v1",
    ]);
    expect(campaignHistory(db, "old")).toEqual([
      expect.objectContaining({ from: null, to: "ended", by: "migration 008" }),
    ]);
    expect(() => db.prepare("SELECT status FROM campaigns").all()).toThrow(/no such column/);
    db.close();
  });
});

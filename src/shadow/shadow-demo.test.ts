import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPromotionGraph, runCycle } from "../graph/index.js";
import { demoDb, DEMO_NOW } from "../graph/testing/demo-db.js";
import { loadPolicy } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import { compareShadow } from "./compare.js";

// Issue #32 item 2: a shadow cycle over the demo market, whose planners' calendar is a feed.

let db: Db;
const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

beforeAll(async () => ({ db } = await demoDb()));
afterAll(() => db?.close());

describe("shadow mode on the demo market", () => {
  it("plans every scope, launches nothing, asks nobody, and records each plan beside the planners'", async () => {
    expect(count("SELECT count(*) AS n FROM planned_promotions")).toBeGreaterThan(100);
    const clock = fixedClock(DEMO_NOW);
    const graph = createPromotionGraph({ db, clock, policy: loadPolicy(), shadow: true });
    const results = await runCycle({ graph, db, clock });
    expect(results.length).toBeGreaterThan(10);
    expect(count("SELECT count(*) AS n FROM outbox")).toBe(0);
    expect(count("SELECT count(*) AS n FROM campaigns")).toBe(0);
    expect(count("SELECT count(*) AS n FROM approval_requests")).toBe(0);
    expect(count("SELECT count(*) AS n FROM spend_commitments")).toBe(0);
    expect(count("SELECT count(*) AS n FROM shadow_plans")).toBe(results.length);
    const statuses = new Set(results.map((r) => r.status));
    expect([...statuses].every((s) => s === "no_action" || s === "blocked")).toBe(true);
    const wouldLaunch = db
      .prepare("SELECT reason FROM shadow_plans WHERE mechanic IS NOT NULL")
      .all() as { reason: string }[];
    expect(wouldLaunch.length).toBeGreaterThan(0);
    for (const r of wouldLaunch)
      expect(r.reason).toMatch(/^shadow mode: would launch .*; nothing launched$/);

    const report = compareShadow(db);
    expect(report.pairs).toHaveLength(results.length);
    // the planners' calendar runs past the history: their next promotions sit beside the system's
    expect(report.pairs.some((p) => p.planners.length > 0)).toBe(true);
    for (const p of report.pairs) {
      expect(p.settled).toBe(false);
      expect(p.why.length).toBeGreaterThan(5);
    }
    expect(report.overall.verdict).toBe("too thin");
  });
});

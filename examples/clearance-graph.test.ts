import { Command } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicy } from "../src/index.js";
import { demoDb, DEMO_NOW, fixedClock } from "../src/testing.js";
import type { Db } from "../src/index.js";
import { createClearanceGraph } from "./clearance-graph.js";

let db: Db;
let policyFile: string;
beforeAll(async () => ({ db, policyFile } = await demoDb()));
afterAll(() => db.close());

describe("example: a clearance graph composed from the shipped nodes", () => {
  it("pauses for approval, takes the vote from Command({ resume }) and launches once", async () => {
    const d = {
      db,
      clock: fixedClock(DEMO_NOW),
      policy: loadPolicy(policyFile),
      reasonerName: "clearance",
    };
    const graph = createClearanceGraph(d);
    const config = { configurable: { thread_id: "clear-1" } };
    const paused = await graph.invoke(
      { decisionId: "clear-1", scope: { category: "frozen", market: "UK" } },
      config,
    );
    expect(paused.status).toBe("awaiting_approval");
    expect(paused.plan?.proposal?.discountPct).toBeCloseTo(10, 0);
    const approver = { name: "Ada", role: "category_manager" };
    const done = await graph.invoke(new Command({ resume: { decision: "approve" } }), {
      configurable: { ...config.configurable, approver },
    });
    expect(done.status).toBe("executed");
    expect(
      (
        db.prepare("SELECT count(*) AS n FROM campaigns WHERE decision_id = 'clear-1'").get() as {
          n: number;
        }
      ).n,
    ).toBe(1);
    const votes = db
      .prepare("SELECT approver, role FROM approval_votes WHERE request_id = ?")
      .all(done.approvalRequestId);
    expect(votes).toEqual([{ approver: "Ada", role: "category_manager" }]);
  });
});

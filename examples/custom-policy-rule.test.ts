import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDecision, loadPolicy, runScope, type Db } from "../src/index.js";
import { demoDb, DEMO_NOW, fixedClock } from "../src/testing.js";
import { createGraphWithHouseRule, seasonalRule } from "./custom-policy-rule.js";

let db: Db;
beforeAll(async () => ({ db } = await demoDb()));
afterAll(() => db.close());

describe("example: a custom policy rule", () => {
  it("is checked with the shipped rules and recorded in the verdict", async () => {
    const clock = fixedClock(DEMO_NOW);
    const graph = createGraphWithHouseRule({ db, clock, policy: loadPolicy() }, seasonalRule("frozen", 0));
    const run = await runScope({ graph, db, clock }, { category: "frozen", market: "UK" });
    const rec = getDecision(db, run.decisionId);
    const mine = rec.policy?.rules.find((r) => r.id === "custom.frozen_season");
    // Every promotion runs at least a week, so the house rule escalates it to the category manager.
    expect(mine).toMatchObject({ outcome: "escalate", roles: ["category_manager"] });
    expect(rec.status).toBe("awaiting_approval");
  });
});

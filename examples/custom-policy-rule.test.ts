import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blockRule,
  getDecision,
  loadPolicy,
  passRule,
  runScope,
  type Db,
  type PolicyRule,
} from "../src/index.js";
import { demoDb, DEMO_NOW, fixedClock } from "../src/testing.js";
import { createGraphWithHouseRule, seasonalRule } from "./custom-policy-rule.js";

let db: Db;
beforeAll(async () => ({ db } = await demoDb()));
afterAll(() => db.close());

describe("example: a custom policy rule", () => {
  it("is checked with the shipped rules and recorded in the verdict", async () => {
    const clock = fixedClock(DEMO_NOW);
    const graph = createGraphWithHouseRule(
      { db, clock, policy: loadPolicy() },
      seasonalRule("frozen", 0),
    );
    const run = await runScope({ graph, db, clock }, { category: "frozen", market: "UK" });
    const rec = getDecision(db, run.decisionId);
    const mine = rec.policy?.rules.find((r) => r.id === "custom.frozen_season");
    // Every promotion runs at least a week, so the house rule escalates it to the category manager.
    expect(mine).toMatchObject({ outcome: "escalate", roles: ["category_manager"] });
    expect(rec.status).toBe("awaiting_approval");
  });

  it("blocks, and its revise step steers the next attempt away from the refused mechanic", async () => {
    const clock = fixedClock(DEMO_NOW);
    const refused = new Set<string>();
    // Refuses the first mechanic it sees in the scope, whatever the planner picks.
    const firstMechanic: PolicyRule = {
      ...seasonalRule("bakery", 99),
      id: "custom.first_mechanic",
      check: (p) => {
        if (refused.size === 0) refused.add(p.mechanic);
        return refused.has(p.mechanic)
          ? blockRule(`${p.mechanic} refused by the house`)
          : passRule("another mechanic");
      },
    };
    const graph = createGraphWithHouseRule({ db, clock, policy: loadPolicy() }, firstMechanic);
    const run = await runScope({ graph, db, clock }, { category: "snacks", market: "UK" });
    const rec = getDecision(db, run.decisionId);
    const first = rec.revisions[0];
    expect(first?.blockedBy).toEqual(["custom.first_mechanic"]);
    expect(rec.chosen?.scenario.mechanic).not.toBe([...refused][0]);
  });
});

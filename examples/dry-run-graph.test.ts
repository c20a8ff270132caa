import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../src/graph/testing/demo-db.js";
import { createScriptedReasoner } from "../src/llm/index.js";
import { fixedClock, loadPolicy } from "../src/index.js";
import type { Db } from "../src/store/index.js";
import { createDryRunGraph, REVIEW_PLAN } from "./dry-run-graph.js";

let db: Db;
beforeAll(async () => ({ db } = await demoDb()));
afterAll(() => db.close());

const reasoner = () =>
  createScriptedReasoner([{ explanation: "scripted explanation for the example" }]);

/** The nodes that ran, in order, from the graph's update stream. */
async function nodesRun(
  graph: ReturnType<typeof createDryRunGraph>,
  id: string,
): Promise<string[]> {
  const ran: string[] = [];
  const input = { decisionId: id, scope: { category: "frozen", market: "UK" } };
  for await (const update of await graph.stream(input, {
    configurable: { thread_id: id },
    streamMode: "updates",
  }))
    ran.push(...Object.keys(update));
  return ran;
}

describe("example: a dry-run graph with a swapped reasoner and a node of its own", () => {
  it("plans, reviews and checks without executing anything", async () => {
    const graph = createDryRunGraph({
      db,
      clock: fixedClock(DEMO_NOW),
      policy: loadPolicy(),
      reasoner: reasoner(),
    });
    const out = await graph.invoke(
      { decisionId: "ex-1", scope: { category: "frozen", market: "UK" } },
      { configurable: { thread_id: "ex-1" } },
    );
    expect(out.plan?.choice?.explanation).toBe("scripted explanation for the example");
    expect(out.policy?.verdict).toBe("allow");
    expect((db.prepare("SELECT count(*) AS n FROM campaigns").get() as { n: number }).n).toBe(0);
  });

  it("runs its own review node between the shipped planner and policy nodes", async () => {
    const graph = createDryRunGraph({
      db,
      clock: fixedClock(DEMO_NOW),
      policy: loadPolicy(),
      reasoner: reasoner(),
    });
    const ran = await nodesRun(graph, "ex-2");
    expect(ran.indexOf(REVIEW_PLAN)).toBeGreaterThan(ran.indexOf("plan_promotion"));
    expect(ran.indexOf("check_policy")).toBeGreaterThan(ran.indexOf(REVIEW_PLAN));
  });

  it("stops before the policy when its review drops the plan", async () => {
    const graph = createDryRunGraph({
      db,
      clock: fixedClock(DEMO_NOW),
      policy: loadPolicy(),
      reasoner: reasoner(),
      marginFloor: Infinity,
    });
    const ran = await nodesRun(graph, "ex-3");
    expect(ran).toContain(REVIEW_PLAN);
    expect(ran).not.toContain("check_policy");
    const state = await graph.getState({ configurable: { thread_id: "ex-3" } });
    expect(state.values.outcome?.reason).toMatch(/^dry run: the plan's margin may fall to/);
  });
});

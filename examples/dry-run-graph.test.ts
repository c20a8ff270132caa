import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../src/graph/testing/demo-db.js";
import { createScriptedReasoner } from "../src/llm/index.js";
import { loadPolicy } from "../src/policies/index.js";
import { fixedClock } from "../src/domain/index.js";
import type { Db } from "../src/store/index.js";
import { createDryRunGraph } from "./dry-run-graph.js";

let db: Db;
beforeAll(async () => ({ db } = await demoDb()));
afterAll(() => db.close());

describe("example: a dry-run graph with a swapped reasoner", () => {
  it("plans and checks without executing anything", async () => {
    const reasoner = createScriptedReasoner([{ explanation: "scripted explanation for the example" }]);
    const graph = createDryRunGraph({ db, clock: fixedClock(DEMO_NOW), policy: loadPolicy(), reasoner });
    const out = await graph.invoke({ decisionId: "ex-1", scope: { category: "frozen", market: "UK" } }, { configurable: { thread_id: "ex-1" } });
    expect(out.plan?.choice?.explanation).toBe("scripted explanation for the example");
    expect(out.policy?.verdict).toBe("allow");
    expect((db.prepare("SELECT count(*) AS n FROM campaigns").get() as { n: number }).n).toBe(0);
  });
});

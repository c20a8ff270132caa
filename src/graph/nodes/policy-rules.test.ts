import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../domain/clock.js";
import { block, pass, type PolicyRule } from "../../policies/types.js";
import { loadPolicy } from "../../policies/index.js";
import type { Db } from "../../store/index.js";
import { DEMO_NOW, demoDb } from "../testing/demo-db.js";
import { createPromotionGraph } from "../graph.js";
import { NODES } from "../wiring.js";
import { policyNode, reviseNode } from "./governance.js";
import type { PromotionStateValue } from "../state.js";

let db: Db;
beforeAll(async () => ({ db } = await demoDb()));
afterAll(() => db.close());

/** Blocks every proposal of the category: a house rule no shipped rule knows. */
const closedCategory = (category: string): PolicyRule => ({
  id: `custom.closed_${category}`,
  builtin: false,
  summary: `${category} is closed for promotions`,
  check: (p) => (p.scope.category === category ? block(`${category} is closed`) : pass("open")),
});

describe("policyNode({ rules }): a plug-in rule", () => {
  it("blocks a proposal the shipped rules allow, and the revise step follows the rule", async () => {
    const clock = fixedClock(DEMO_NOW);
    const policy = loadPolicy();
    // The state before check_policy, from a dry graph that stops there.
    const graph = createPromotionGraph({ db, clock, policy, maxRevisions: 0 });
    const config = { configurable: { thread_id: "rules-1" } };
    const input = { decisionId: "rules-1", scope: { category: "frozen", market: "UK" } };
    await graph.invoke(input, { ...config, interruptBefore: [NODES.checkPolicy] });
    const s = (await graph.getState(config)).values as PromotionStateValue;
    expect(s.plan?.proposal).toBeTruthy();
    const deps = { db, clock, policy, reasonerName: "test" };
    const check = (d: Parameters<typeof policyNode>[0]) =>
      policyNode(d)(s) as Pick<PromotionStateValue, "policy">;
    expect(check(deps).policy?.verdict).not.toBe("block");
    const blocked = check({ ...deps, rules: [closedCategory("frozen")] });
    expect(blocked.policy?.verdict).toBe("block");
    expect(blocked.policy?.rules.at(-1)).toMatchObject({
      id: "custom.closed_frozen",
      outcome: "block",
    });
    // Without a revise step of its own, a block leaves the proposal's SKUs out of the next attempt.
    const next = reviseNode({ rules: [closedCategory("frozen")] })({
      ...s,
      policy: blocked.policy,
    }) as Pick<PromotionStateValue, "limits">;
    expect(next.limits?.excludeSkus).toEqual(s.plan!.proposal!.scope.skus);
  });
});

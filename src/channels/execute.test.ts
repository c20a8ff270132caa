import { Command } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerApproval,
  createPromotionGraph,
  executeNode,
  getDecision,
  policyNode,
  runScope,
  type PromotionStateValue,
  type RunContext,
} from "../graph/index.js";
import { seedCatalog, testProposal } from "../monitoring/testing.js";
import type { PolicyRecord } from "../domain/decision.js";
import { DEMO_NOW, demoDb } from "../graph/testing/demo-db.js";
import { lawfulReferencePrice, loadPolicy, validatePolicy } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import { openDb, type Db } from "../store/index.js";
import { campaignOfDecision } from "./campaign-store.js";
import { deliverPending } from "./delivery.js";
import { campaignState } from "./events.js";
import { setKillSwitch } from "../policies/kill-switch.js";
import { campaignOutbox } from "./outbox.js";
import { scriptedAdapter } from "./testing.js";

let db: Db;
let ctx: RunContext;
let policyFile: string;

beforeAll(async () => {
  ({ db, policyFile } = await demoDb());
  const clock = fixedClock(DEMO_NOW);
  ctx = { graph: createPromotionGraph({ db, clock, policy: loadPolicy(policyFile) }), db, clock };
}, 120_000);
afterAll(() => db.close());

const spend = (id: string) =>
  (
    db.prepare("SELECT status FROM spend_commitments WHERE campaign_id = ?").get(id) as
      { status: string } | undefined
  )?.status;

describe("execution through the outbox", () => {
  it("an approved decision is launched exactly once, however often its run is resumed or its execute step replayed", async () => {
    const run = await runScope(ctx, { category: "frozen", market: "UK" });
    expect(run.interrupted).toBe(true);
    const answer = {
      role: "category_manager",
      approver: "cm (category_manager)",
      decision: "approve" as const,
      comment: "clear the freezer",
    };
    const done = await answerApproval(ctx, run.decisionId, answer);
    expect(done.status).toBe("executed");
    const campaignId = getDecision(db, run.decisionId).outcome.campaignId!;
    const rows = campaignOutbox(db, campaignId);
    expect(rows.map((r) => r.idempotencyKey)).toEqual(
      rows.map((r) => `${campaignId}:v1:launch:${r.channel}`),
    );
    expect(
      rows.every(
        (r) => r.status === "pending" && !r.autonomous && r.requestedBy === "cm (category_manager)",
      ),
    ).toBe(true);
    expect(campaignState(db, campaignId)?.status).toBe("scheduled");
    expect(spend(campaignId)).toBe("approved");

    // Resumed twice more (a retried HTTP call, a second approver process) and the step replayed after a crash.
    await ctx.graph.invoke(new Command({ resume: answer }), {
      configurable: { thread_id: run.decisionId },
    });
    await ctx.graph.invoke(new Command({ resume: answer }), {
      configurable: { thread_id: run.decisionId },
    });
    const state = (await ctx.graph.getState({ configurable: { thread_id: run.decisionId } }))
      .values;
    executeNode({ db, clock: ctx.clock, policy: loadPolicy(policyFile), reasonerName: "offline" })(
      state,
    );
    expect(campaignOutbox(db, campaignId)).toHaveLength(rows.length);

    const adapters = { store: scriptedAdapter("store"), ecommerce: scriptedAdapter("ecommerce") };
    expect((await deliverPending(db, adapters, ctx.clock)).wentLive).toEqual([campaignId]);
    await deliverPending(db, adapters, ctx.clock);
    for (const r of rows)
      expect(adapters[r.channel as "store" | "ecommerce"].calls).toHaveLength(1);
    expect(campaignState(db, campaignId)?.status).toBe("live");
    expect(spend(campaignId)).toBe("launched");

    // The "was" price every channel may show is the store's lawful reference, not the proposal's.
    const proposal = campaignOfDecision(db, run.decisionId)!.proposal;
    const lawful = lawfulReferencePrice(db, proposal, DEMO_NOW.slice(0, 10));
    expect(lawful).not.toBeNull();
    for (const r of rows) expect(r.message.offer.referencePrice).toBe(lawful);
    const carried = db
      .prepare("SELECT DISTINCT offer FROM channel_deliveries WHERE campaign_id = ?")
      .all(campaignId) as { offer: string }[];
    expect(carried.map((c) => c.offer)).toEqual([
      expect.stringContaining(`(was ${lawful!.toFixed(2)})`),
    ]);
  }, 120_000);

  it("while the kill switch is on, the policy node escalates what the policy would allow", () => {
    const mem = openDb(":memory:");
    try {
      seedCatalog(mem);
      const policy = validatePolicy({ approvalRequired: { newMarket: false, newMechanic: false } });
      const node = policyNode({
        db: mem,
        clock: fixedClock("2025-02-20T10:00:00Z"),
        policy,
        reasonerName: "offline",
      });
      const state = { plan: { proposal: testProposal("p-ks") } } as unknown as PromotionStateValue;
      expect(node(state).policy).toMatchObject({ verdict: "allow" });
      setKillSwitch(mem, true, "ops@shop", "pricing incident", fixedClock("2025-02-20T09:00:00Z"));
      const v = node(state).policy as PolicyRecord;
      expect(v.verdict).toBe("escalate");
      expect(v.requiredApprovals).toEqual({ allOf: ["category_manager"], anyOf: [] });
      expect(v.rules.at(-1)).toMatchObject({
        id: "autonomy.kill_switch",
        outcome: "escalate",
        reason:
          "kill switch on since 2025-02-20T09:00:00.000Z (ops@shop: pricing incident): autonomous actions need a person",
      });
    } finally {
      mem.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicy } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import {
  createPromotionGraph,
  getDecision,
  runScope,
  whatIfDecision,
  type RunContext,
} from "./index.js";
import { DEMO_NOW, demoDb } from "./testing/demo-db.js";

let db: Db;
let ctx: RunContext;
let decisionId: string;
const policy = loadPolicy();

/** Row counts of every table a run writes, to prove a what-if writes none. */
const counts = () =>
  Object.fromEntries(
    [
      "decisions",
      "policy_verdicts",
      "spend_commitments",
      "approval_requests",
      "campaigns",
      "audience_members",
      "checkpoints",
      "writes",
    ].map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );

beforeAll(async () => {
  ({ db } = await demoDb());
  const clock = fixedClock(DEMO_NOW);
  ctx = { graph: createPromotionGraph({ db, clock, policy }), db, clock };
  decisionId = (await runScope(ctx, { category: "frozen", market: "UK" })).decisionId;
}, 120_000);
afterAll(() => db.close());

describe("replay with changed inputs (what-if)", () => {
  it("with no changes, reproduces the recorded choice, forecast and verdict from the checkpoint, and writes nothing", async () => {
    const before = counts();
    const r = await whatIfDecision(ctx.graph, { db, policy }, decisionId, {});
    expect(r.fromCheckpoint).not.toBe("");
    expect(r.whatIf).toEqual(r.original);
    expect(r.changed).toBe(false);
    expect(counts()).toEqual(before);
    expect(getDecision(db, decisionId).status).toBe(
      r.original.verdict === "allow" ? "executed" : "awaiting_approval",
    );
  });

  it("re-plans under weaker demand, a depth cap and excluded mechanics, and says what changed", async () => {
    const rec = getDecision(db, decisionId);
    const noPromo = await whatIfDecision(ctx.graph, { db, policy }, decisionId, {
      limits: { excludeMechanics: ["feature", "display", "feature_display", "tpr"] },
    });
    expect(noPromo.whatIf.chosen).toBe("no-promotion");
    expect(noPromo.changed).toBe(true);
    const weaker = await whatIfDecision(ctx.graph, { db, policy }, decisionId, {
      demandFactor: 0.5,
    });
    // Half the baseline cannot make the same plan more profitable.
    expect(weaker.whatIf.incrementalMargin).toBeLessThan(rec.chosen!.prediction.incrementalMargin);
  });

  it("refuses unknown fields and out-of-range factors by name", async () => {
    await expect(
      whatIfDecision(ctx.graph, { db, policy }, decisionId, { demandFactr: 2 } as never),
    ).rejects.toThrow(/demandFactr/);
    await expect(
      whatIfDecision(ctx.graph, { db, policy }, decisionId, { stockFactor: -1 }),
    ).rejects.toThrow(/stockFactor/);
  });
});

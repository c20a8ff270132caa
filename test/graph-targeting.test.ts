import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPromotionGraph,
  explainDecision,
  getDecision,
  runScope,
} from "../src/graph/index.js";
import { DEMO_NOW, demoDb } from "../src/graph/testing/demo-db.js";
import { loadPolicy } from "../src/policies/index.js";
import { fixedClock } from "../src/domain/index.js";
import { loadDemoShoppers } from "../src/sim/demo/shoppers-load.js";
import type { Db } from "../src/store/index.js";
import { audienceMembers } from "../src/store/shoppers/index.js";

let db: Db;
const clock = fixedClock(DEMO_NOW);

beforeAll(async () => {
  ({ db } = await demoDb());
  loadDemoShoppers(db, { seed: 1 });
});
afterAll(() => db.close());

describe("target_audience in the promotion graph", () => {
  it("gives a demo scope with an e-mail channel an audience that reaches the policy and the decision record", async () => {
    const graph = createPromotionGraph({
      db,
      clock,
      policy: loadPolicy(),
      grid: { channelSets: [["store", "email"]] },
    });
    const run = await runScope({ graph, db, clock }, { category: "frozen", market: "UK" });
    const rec = getDecision(db, run.decisionId);
    expect(rec.chosen?.scenario.channels).toContain("email");
    const a = rec.audience!;
    expect(a).toMatchObject({ markets: ["UK"], category: "frozen", channels: ["email"] });
    expect(a.shoppers).toBe(600);
    expect(a.contacts).toBeGreaterThan(0);
    expect(a.expectedIncrementalMargin).toBeGreaterThan(0);
    expect(a.segments.reduce((n, g) => n + g.shoppers, 0)).toBe(a.shoppers);
    expect(a.segments.every((g) => g.reason.length > 0)).toBe(true);
    // The policy saw the audience: consent restricted, attributes screened, frequency within the cap.
    const proposal = rec.proposal as {
      targeting?: { consentVerifiedChannels: string[]; audienceAttributes: string[] };
    };
    expect(proposal.targeting?.consentVerifiedChannels).toEqual(["email"]);
    expect(proposal.targeting?.audienceAttributes).toEqual(a.featuresUsed);
    for (const id of [
      "responsible_targeting.consent",
      "responsible_targeting.protected_attributes",
      "responsible_targeting.contact_frequency",
    ]) {
      expect(rec.policy?.rules.find((r) => r.id === id)?.outcome).toBe("pass");
    }
    expect(explainDecision(rec)).toMatch(/Audience on email: [\d,]+ of 600 shoppers contacted/);
    // The audience was gated by the learned policy (tree on DR scores, or the best single action).
    expect(a.policy?.segments.length).toBeGreaterThan(0);
    expect(explainDecision(rec)).toMatch(/Learned policy/);
    // The campaign names the segment; the segment resolves to the chosen shoppers, all with e-mail consent.
    expect(rec.outcome.status).toBe("executed");
    const members = audienceMembers(db, a.segment!);
    expect(members).toHaveLength(a.contacts);
    expect(members.every((m) => m.channel === "email")).toBe(true);
  });

  it("passes a proposal without a targeted channel straight through", async () => {
    const graph = createPromotionGraph({ db, clock, policy: loadPolicy() });
    const run = await runScope({ graph, db, clock }, { category: "frozen", market: "UK" });
    const rec = getDecision(db, run.decisionId);
    expect(rec.chosen?.scenario.channels).not.toContain("email");
    expect(rec.audience).toBeNull();
    expect(explainDecision(rec)).not.toMatch(/Audience/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { steppingClock } from "../channels/testing.js";
import { liveTestCampaign, seedCatalog, testProposal } from "../monitoring/testing.js";
import { openDb, type Db } from "../store/db.js";
import { checkProposal } from "./check.js";
import { validatePolicy } from "./load.js";

/** A coupon on a SKU already on a live 25 % TPR: the depth every cap sees is the combined one. */
describe("coupon stacking on a live promotion", () => {
  let db: Db;
  let clock: ReturnType<typeof steppingClock>;
  const policy = validatePolicy({
    autonomy: { maxDiscountPct: 30 },
    approvalRequired: { newMarket: false, newMechanic: false },
  });
  beforeEach(async () => {
    db = openDb(":memory:");
    seedCatalog(db);
    clock = steppingClock("2025-02-20T10:00:00Z");
    await liveTestCampaign(db, "c-1", clock);
    clock.advance(13 * 86_400_000); // 2025-03-05: c-1 is live
  });
  afterEach(() => db.close());

  const coupon = (pct: number) => ({
    ...testProposal(`coupon-${pct}`),
    mechanic: "coupon",
    discountPct: pct,
    promoPrice: undefined,
    referencePrice: undefined,
    startDate: "2025-03-06",
    weeks: 1,
  });

  it("a 25 % coupon on the live 25 % TPR is 43.75 % combined: over the 30 % cap, and the reason names it", () => {
    const v = checkProposal(db, coupon(25), policy, clock);
    const depth = v.rules.find((r) => r.id === "autonomy.discount_depth")!;
    expect(depth.outcome).not.toBe("pass");
    expect(depth.reason).toMatch(/43\.75 %/);
    expect(v.rules.find((r) => r.id === "integrity.mechanics")!.reason).toMatch(
      /combined 43\.75 %/,
    );
    expect(v.verdict).not.toBe("allow");
  });

  it("a 5 % coupon on it is 28.75 % combined: within the cap", () => {
    const v = checkProposal(db, coupon(5), policy, clock);
    expect(v.rules.find((r) => r.id === "autonomy.discount_depth")!.outcome).toBe("pass");
    expect(v.rules.find((r) => r.id === "integrity.mechanics")!.reason).toMatch(
      /combined 28\.75 %/,
    );
  });

  it("a price cut under a live coupon stacks too, and the live campaign's id in another case is refused", () => {
    db.prepare(
      "UPDATE campaigns SET proposal = json_set(proposal, '$.mechanic', 'coupon') WHERE id = 'c-1'",
    ).run();
    const tpr = { ...coupon(10), id: "tpr-10", mechanic: "tpr" };
    expect(
      checkProposal(db, tpr, policy, clock).rules.find((r) => r.id === "integrity.mechanics")!
        .reason,
    ).toMatch(/combined 32\.5 %/);
    const reused = checkProposal(db, { ...coupon(5), id: "C-1" }, policy, clock);
    expect(reused.rules.find((r) => r.id === "integrity.identifiers")!.reason).toMatch(
      /already a committed campaign's \(c-1\)/,
    );
  });

  it("a live BOGO declared at 25 % stacks at the 50 % its terms give", () => {
    db.prepare(
      "UPDATE campaigns SET proposal = json_set(proposal, '$.mechanic', 'bogo') WHERE id = 'c-1'",
    ).run();
    expect(
      checkProposal(db, coupon(10), policy, clock).rules.find(
        (r) => r.id === "integrity.mechanics",
      )!.reason,
    ).toMatch(/bogo 50 % of live campaign c-1 .* combined 55 %/);
  });
});

/** "Today" is the latest local date among the markets served, not UTC's. */
describe("a start already past in a market's time zone", () => {
  it("at 12:00 UTC on 2025-03-05, a market at UTC+14 is on 2025-03-06: a start on the 5th is past there", () => {
    const db = openDb(":memory:");
    try {
      seedCatalog(db);
      db.prepare("UPDATE markets SET time_zone = 'Pacific/Kiritimati' WHERE id = 'US-EAST'").run();
      const clock = steppingClock("2025-03-05T12:00:00Z");
      const policy = validatePolicy({ approvalRequired: { newMarket: false, newMechanic: false } });
      const timing = (startDate: string) =>
        checkProposal(
          db,
          { ...testProposal(`t-${startDate}`), startDate, referencePrice: undefined },
          policy,
          clock,
        ).rules.find((r) => r.id === "integrity.timing")!;
      expect(timing("2025-03-05")).toMatchObject({
        outcome: "block",
        reason: expect.stringMatching(/today 2025-03-06 in a market's time zone/),
      });
      expect(timing("2025-03-06").outcome).toBe("pass");
    } finally {
      db.close();
    }
  });
});

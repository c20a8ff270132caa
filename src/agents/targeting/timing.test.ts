import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactTimingSchema } from "../../domain/contact-timing.js";
import { fixedClock } from "../../domain/index.js";
import { loadPolicy, type LoadedPolicy } from "../../policies/index.js";
import { policySchema } from "../../policies/schema.js";
import { loadDemoShoppers } from "../../sim/demo/shoppers-load.js";
import { openDb, type Db } from "../../store/index.js";
import { experimentObservations } from "../../store/shoppers/index.js";
import { frozenUkProposal } from "./testing.js";
import { createTargetingAgent, type TargetingResult } from "./index.js";
import { candidateWeeks, fatigueFactor, relativeFatigue, responseInside } from "./timing.js";

const NOW = "2026-11-23T12:00:00Z";
const T = contactTimingSchema.parse({});
const proposal = frozenUkProposal({ id: "p-frozen-uk-timing", startDate: "2026-11-23", weeks: 6 });

function policyWith(t: Partial<LoadedPolicy["policy"]["targeting"]>): LoadedPolicy {
  const p = loadPolicy();
  return { ...p, policy: { ...p.policy, targeting: { ...p.policy.targeting, ...t } } };
}
const run = (d: Db, policy = loadPolicy(), p = proposal): TargetingResult =>
  createTargetingAgent({ db: d, clock: fixedClock(NOW), policy }).target({
    proposal: p,
    inventory: null,
  });
const contacted = (r: TargetingResult) => r.decisions.filter((x) => x.action !== "no_contact");
const ukIds = (d: Db): string[] =>
  (
    d.prepare("SELECT id FROM shoppers WHERE market = 'UK' ORDER BY id").all() as { id: string }[]
  ).map((r) => r.id);
/** Record one contact per shopper at `at` for campaign `campaign`. */
function contact(d: Db, ids: readonly string[], at: string, campaign: string, channel = "email") {
  const ins = d.prepare(
    "INSERT INTO shopper_contacts (shopper_id, channel, at, campaign_id) VALUES (?, ?, ?, ?)",
  );
  d.transaction(() => ids.forEach((id) => ins.run(id, channel, at, campaign)))();
}

describe("response weeks and fatigue", () => {
  it("counts the response weeks inside the offer, the last share once the offer reaches it", () => {
    expect(responseInside(1, T)).toBeCloseTo(0.27, 6);
    expect(responseInside(2, T)).toBeCloseTo(0.53, 6);
    expect(responseInside(5, T)).toBeCloseTo(0.9, 6);
    expect(responseInside(6, T)).toBeCloseTo(1, 6);
    expect(responseInside(30, T)).toBeCloseTo(1, 6);
  });

  it("loses 8.6 % of a contact's response per recent campaign, never below nothing", () => {
    expect(fatigueFactor(0, T)).toBe(1);
    expect(fatigueFactor(2, T)).toBeCloseTo(1 - 2 * 0.086, 9);
    expect(fatigueFactor(40, T)).toBe(0);
  });

  it("is relative to the fatigue of the experiment rows the uplift was fitted on", () => {
    const rows = { "0": 50, "2": 50 };
    const base = (1 + fatigueFactor(2, T)) / 2;
    expect(relativeFatigue(0, rows, T)).toBeCloseTo(1 / base, 9);
    expect(relativeFatigue(2, rows, T)).toBeCloseTo(fatigueFactor(2, T) / base, 9);
    expect(relativeFatigue(3, {}, T)).toBe(fatigueFactor(3, T));
    // Experiment shoppers had no recent campaigns: the factor is the absolute one.
    expect(relativeFatigue(1, { "0": 10 }, T)).toBe(fatigueFactor(1, T));
  });

  it("compares only weeks that leave two offer weeks after the contact, dated from the planning day", () => {
    const w = candidateWeeks("2026-11-23", 5, T);
    expect(w.map((x) => x.week)).toEqual([1, 2, 3]);
    expect(w.map((x) => x.sendDate)).toEqual(["2026-11-23", "2026-11-30", "2026-12-07"]);
    for (const x of w) expect(5 - x.week).toBeGreaterThanOrEqual(2);
    expect(w[0]!.scale).toBe(1);
    expect(w[1]!.scale).toBeCloseTo(responseInside(4, T) / responseInside(5, T), 9);
    expect(w[2]!.scale).toBeLessThan(w[1]!.scale);
    // Too short for the rule: contact at launch only.
    expect(candidateWeeks("2026-11-23", 2, T).map((x) => x.week)).toEqual([1]);
    expect(candidateWeeks("2026-11-23", 52, T)).toHaveLength(T.maxCandidateWeeks);
  });

  it("is overridable in the policy file, with the Complete Journey defaults filled in", () => {
    const p = loadPolicy().policy;
    const parsed = policySchema.parse({
      ...p,
      targeting: { ...p.targeting, fatigue: { responseDropPerRecentCampaign: 0.2 } },
    });
    expect(parsed.targeting.fatigue).toMatchObject({
      responseDropPerRecentCampaign: 0.2,
      minWeeksBeforeLastWeek: 2,
    });
    expect(() =>
      policySchema.parse({ ...p, targeting: { ...p.targeting, fatigue: { responseDrop: 0.2 } } }),
    ).toThrow(/responseDrop/);
  });
});

describe("the fatigue dose of past experiment rows", () => {
  it("counts the shopper's campaigns in the 84 days before each assignment, not after", () => {
    const d = openDb(":memory:");
    loadDemoShoppers(d, { seed: 1 });
    const id = (
      d
        .prepare("SELECT shopper_id AS id FROM contact_experiments WHERE experiment_id = ? LIMIT 1")
        .get("exp-UK-2026-10") as { id: string }
    ).id;
    contact(d, [id], "2026-06-01T09:00:00Z", "too-old");
    contact(d, [id], "2026-09-01T09:00:00Z", "a");
    contact(d, [id], "2026-09-20T09:00:00Z", "b");
    contact(d, [id], "2026-09-20T10:00:00Z", "b", "sms");
    contact(d, [id], "2026-10-06T09:00:00Z", "after");
    const doses = experimentObservations(d, ["email", "sms"])
      .filter((o) => o.shopperId === id)
      .map((o) => [o.assignedAt.slice(0, 10), o.recentCampaigns]);
    // 7 September: "a" only (June is over 84 days before); 5 October: "a" and "b" (b once).
    expect(doses).toContainEqual(["2026-10-05", 2]);
    expect(doses).toContainEqual(["2026-09-07", 1]);
    d.close();
  });
});

describe("the targeting agent plans with fatigue and chooses the contact week", () => {
  let db: Db;
  beforeAll(() => {
    db = openDb(":memory:");
    loadDemoShoppers(db, { seed: 1 });
  });
  afterAll(() => db.close());

  it("lowers a shopper's expected incremental margin by the fatigue of their recent campaigns", () => {
    // A two-week offer has one contact week: the comparison is about fatigue alone.
    const two = { ...proposal, weeks: 2 };
    const before = run(db, loadPolicy(), two);
    const tired = contacted(before)
      .filter((x) => x.action === "contact")
      .slice(0, 10)
      .map((x) => x.shopperId);
    expect(tired.length).toBe(10);
    const copy = openDb(":memory:");
    loadDemoShoppers(copy, { seed: 1 });
    // Three campaigns 3 to 9 weeks ago: inside the 84-day window, outside the weekly caps.
    for (const [k, at] of ["2026-09-21", "2026-10-12", "2026-11-02"].entries())
      contact(copy, tired, `${at}T09:00:00Z`, `old-${k}`);
    const after = run(copy, loadPolicy(), two);
    const margin = (r: TargetingResult, id: string) =>
      r.decisions.find((x) => x.shopperId === id)!.expectedIncrementalMargin;
    for (const id of tired) expect(margin(after, id)).toBeLessThan(margin(before, id));
    // Without fatigue, the old campaigns change nothing.
    const off = policyWith({ fatigue: { ...T, responseDropPerRecentCampaign: 0 } });
    const [offCopy, offDb] = [run(copy, off, two), run(db, off, two)];
    for (const id of tired) expect(margin(offCopy, id)).toBe(margin(offDb, id));
    expect(after.audience.timing!.fatigue.responseDropPerRecentCampaign).toBe(0.086);
    expect(after.audience.timing!.fatigue.contactedWithRecentCampaigns).toBeGreaterThan(
      before.audience.timing!.fatigue.contactedWithRecentCampaigns,
    );
    copy.close();
  });

  it("sends at launch: later weeks lose response weeks and keep today's caps", () => {
    const free = run(db);
    expect(free.audience.timing).toMatchObject({ contactWeek: 1, sendDate: "2026-11-23" });
    const c = free.audience.timing!.candidates;
    expect(c.map((x) => x.week)).toEqual([1, 2, 3, 4]);
    // Six offer weeks: a week-2 contact keeps the 90 % of a contact's response in its first five weeks.
    expect(c[1]!.responseKept).toBeCloseTo(0.9, 2);
    for (let k = 1; k < c.length; k++)
      expect(c[k]!.expectedIncrementalMargin).toBeLessThan(c[k - 1]!.expectedIncrementalMargin);

    // Everyone was contacted yesterday by another campaign: at a cap of one a week nobody is
    // reached in any week, since the audience goes out with the launch batch.
    const busy = openDb(":memory:");
    loadDemoShoppers(busy, { seed: 1 });
    contact(busy, ukIds(busy), "2026-11-22T10:00:00Z", "other-campaign");
    const r = run(busy, policyWith({ maxContactsPerShopperPerWeek: 1 }));
    expect(r.audience.timing!.candidates.every((x) => x.contacts === 0)).toBe(true);
    expect(r.audience.timing!.contactWeek).toBe(1);
    expect(contacted(r)).toHaveLength(0);
    expect(r.proposal.targeting!.contactsPerShopperPerWeek).toBeLessThanOrEqual(1);
    // A two-week offer cannot be contacted two weeks before its last week: launch, said so.
    const short = run(db, loadPolicy(), { ...proposal, weeks: 2 });
    expect(short.audience.timing!.candidates.map((x) => x.week)).toEqual([1]);
    expect(short.audience.timing!.why).toMatch(/too short/);
    busy.close();
  });
});

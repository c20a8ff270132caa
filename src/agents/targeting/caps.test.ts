import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicy, type LoadedPolicy } from "../../policies/index.js";
import { fixedClock } from "../../domain/index.js";
import { loadDemoShoppers } from "../../sim/demo/shoppers-load.js";
import { openDb, type Db } from "../../store/index.js";
import { frozenUkProposal } from "./testing.js";
import { createTargetingAgent, type TargetingResult } from "./index.js";

const NOW = "2026-11-23T12:00:00Z";
const proposal = frozenUkProposal({ id: "p-frozen-uk-caps" });

let db: Db;
beforeAll(() => {
  db = openDb(":memory:");
  loadDemoShoppers(db, { seed: 1 });
});
afterAll(() => db.close());

/** The shipped policy with a changed targeting section. */
function policyWith(t: Partial<LoadedPolicy["policy"]["targeting"]>): LoadedPolicy {
  const p = loadPolicy();
  return { ...p, policy: { ...p.policy, targeting: { ...p.policy.targeting, ...t } } };
}
const run = (d: Db, policy: LoadedPolicy, p = proposal): TargetingResult =>
  createTargetingAgent({ db: d, clock: fixedClock(NOW), policy }).target({
    proposal: p,
    inventory: null,
  });
const contacted = (r: TargetingResult) => r.decisions.filter((d) => d.action !== "no_contact");

/** UK contacts in the 7 days before NOW, by shopper and channel, read straight from the log. */
function weekContacts(d: Db): Map<string, Record<string, number>> {
  const rows = d
    .prepare(
      `SELECT c.shopper_id AS id, c.channel, count(*) AS n FROM shopper_contacts c JOIN shoppers s ON s.id = c.shopper_id
     WHERE s.market = 'UK' AND c.at > ? AND c.at <= ? GROUP BY c.shopper_id, c.channel`,
    )
    .all("2026-11-16T12:00:00.000Z", NOW) as { id: string; channel: string; n: number }[];
  const m = new Map<string, Record<string, number>>();
  for (const r of rows) m.set(r.id, { ...m.get(r.id), [r.channel]: r.n });
  return m;
}

describe("targeting across channels: caps, no duplicate offers, media cost", () => {
  it("counts last week's contacts on every channel against the shopper's weekly cap", () => {
    const r = run(db, policyWith({ maxContactsPerShopperPerWeek: 1 }));
    const week = weekContacts(db);
    const smsOnly = [...week].filter(([, c]) => (c.sms ?? 0) > 0 && !c.email).map(([id]) => id);
    expect(smsOnly.length).toBeGreaterThan(0);
    expect(contacted(r).length).toBeGreaterThan(20);
    for (const d of contacted(r)) expect(week.has(d.shopperId)).toBe(false);
    // A shopper texted this week is not e-mailed: the cap is across channels.
    for (const id of smsOnly)
      expect(r.decisions.find((d) => d.shopperId === id)).toMatchObject({
        action: "no_contact",
        reason: "frequency_cap",
      });
  });

  it("keeps each channel under its own cap from the policy file", () => {
    const free = run(db, loadPolicy());
    expect(contacted(free).some((d) => d.channel === "sms")).toBe(true);
    const r = run(db, policyWith({ maxContactsPerChannelPerWeek: { sms: 0, email: 1 } }));
    expect(contacted(r).some((d) => d.channel === "sms")).toBe(false);
    const week = weekContacts(db);
    for (const d of contacted(r)) expect(week.get(d.shopperId)?.email ?? 0).toBe(0);
    expect(contacted(r).length).toBeGreaterThan(0);
  });

  it("never sends the same offer to a shopper twice through two channels", () => {
    const d2 = openDb(":memory:");
    loadDemoShoppers(d2, { seed: 1 });
    const first = run(d2, loadPolicy());
    expect(contacted(first).length).toBeGreaterThan(20);
    // What execution records: one contact per chosen shopper, on its channel, naming the campaign.
    const ins = d2.prepare(
      "INSERT INTO shopper_contacts (shopper_id, channel, at, campaign_id) VALUES (?, ?, ?, ?)",
    );
    for (const d of contacted(first))
      ins.run(
        d.shopperId,
        d.channel === "email" ? "sms" : "email",
        "2026-11-23T11:00:00.000Z",
        proposal.id,
      );
    const again = run(d2, policyWith({ maxContactsPerShopperPerWeek: 3 }));
    const sent = new Set(contacted(first).map((d) => d.shopperId));
    for (const d of again.decisions.filter((x) => sent.has(x.shopperId)))
      expect(d).toMatchObject({ action: "no_contact", reason: "already_offered" });
    expect(again.audience.segments.some((g) => /already received this offer/.test(g.reason))).toBe(
      true,
    );
    // A different campaign may still reach them.
    const other = run(d2, policyWith({ maxContactsPerShopperPerWeek: 3 }), {
      ...proposal,
      id: "p-other",
    });
    expect(contacted(other).some((d) => sent.has(d.shopperId))).toBe(true);
    d2.close();
  });

  it("subtracts the media cost of each contact, read from the policy file, from the expected margin", () => {
    const base = run(db, loadPolicy());
    const email = contacted(base).filter((d) => d.channel === "email").length;
    const sms = contacted(base).filter((d) => d.channel === "sms").length;
    expect(base.audience.contactCost).toBeCloseTo(email * 0.02 + sms * 0.06, 2);
    const dear = run(db, policyWith({ mediaCostPerContact: { email: 0.4, sms: 0.4 } }));
    const n = contacted(dear).length;
    expect(dear.audience.contactCost).toBeCloseTo(n * 0.4, 2);
    // Each contacted shopper's expected margin is net of the 0.40 it costs: it must still pay.
    for (const d of contacted(dear)) expect(d.expectedIncrementalMargin).toBeGreaterThan(0);
    expect(n).toBeLessThan(contacted(base).length);
    const unaffordable = run(db, policyWith({ mediaCostPerContact: { email: 50, sms: 50 } }));
    expect(contacted(unaffordable)).toHaveLength(0);
  });

  it("records the learned policy and its decision table in the audience", () => {
    const r = run(db, loadPolicy());
    const p = r.audience.policy!;
    expect(p.segments.length).toBeGreaterThan(0);
    expect(["tree", "fallback"]).toContain(p.uses);
    expect(p.why).toMatch(/single action|tree/);
    expect(r.audience.model).toMatch(/policy tree on DR scores|best single action/);
    // Shoppers the policy leaves out are never contacted.
    if (p.uses === "tree")
      expect(
        r.decisions.some((d) => d.reason === "not_in_policy") ||
          p.segments.every((s) => s.action !== "no_contact"),
      ).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicy } from "../../policies/index.js";
import { fixedClock } from "../../domain/index.js";
import { protectedCategoriesOf } from "../../policies/builtin/protected-terms.js";
import { loadDemoShoppers } from "../../sim/demo/shoppers-load.js";
import {
  generateDemoShoppers,
  truePurchaseProbability,
  type ShopperType,
} from "../../sim/demo/shoppers.js";
import { openDb, type Db } from "../../store/index.js";
import type { InventoryView } from "../inventory/index.js";
import { frozenUkProposal } from "./testing.js";
import { createTargetingAgent, type TargetingResult } from "./index.js";

const NOW = "2026-11-23T12:00:00Z";
const proposal = frozenUkProposal();

let db: Db;
let truth: Record<string, ShopperType>;
const agentFor = (d: Db) =>
  createTargetingAgent({ db: d, clock: fixedClock(NOW), policy: loadPolicy() });
const chosen = (r: TargetingResult) =>
  r.decisions.map((d) => `${d.shopperId}:${d.action}:${d.channel ?? "-"}`);

beforeAll(() => {
  db = openDb(":memory:");
  loadDemoShoppers(db, { seed: 1 });
  truth = generateDemoShoppers({ seed: 1 }).truth;
});
afterAll(() => db.close());

/** Consent in force at NOW, read straight from the log (not through the agent's own reader). */
function consentInForce(d: Db, shopperId: string, channel: string): boolean {
  const row = d
    .prepare(
      "SELECT granted FROM shopper_consents WHERE shopper_id = ? AND channel = ? AND as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 1",
    )
    .get(shopperId, channel, NOW) as { granted: number } | undefined;
  return row?.granted === 1;
}

describe("targeting agent on the demo shoppers", () => {
  it("never contacts a shopper by e-mail or SMS without consent in force, withdrawn consent included", () => {
    const r = agentFor(db).target({ proposal, inventory: null });
    const contacted = r.decisions.filter((d) => d.action !== "no_contact");
    expect(contacted.length).toBeGreaterThan(50);
    for (const d of contacted) expect(consentInForce(db, d.shopperId, d.channel!)).toBe(true);
    const withdrawn = db
      .prepare(
        "SELECT DISTINCT c.shopper_id AS id, c.channel FROM shopper_consents c JOIN shoppers s ON s.id = c.shopper_id WHERE s.market = 'UK' AND c.granted = 0",
      )
      .all() as { id: string; channel: string }[];
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const w of withdrawn)
      expect(r.decisions.find((d) => d.shopperId === w.id)?.channel).not.toBe(w.channel);
    expect(r.audience.segments.some((g) => g.reason.includes("opt-in"))).toBe(true);
    expect(r.proposal.targeting).toMatchObject({ consentVerifiedChannels: ["email", "sms"] });
    expect(r.proposal.targeting!.contactsPerShopperPerWeek).toBeLessThanOrEqual(
      loadPolicy().policy.targeting.maxContactsPerShopperPerWeek,
    );
  });

  it("ignores a protected attribute that perfectly predicts uplift, in attributes or smuggled in as a feature", () => {
    const before = agentFor(db).target({ proposal, inventory: null });
    const planted = openDb(":memory:");
    loadDemoShoppers(planted, { seed: 1 });
    const copy = openDb(":memory:");
    loadDemoShoppers(copy, { seed: 1 });
    const set = (d: Db, name: string) => {
      const upd = d.prepare(
        `UPDATE shoppers SET features = json_set(features, '$.' || ?, ?), attributes = json_set(attributes, '$.disability', ?) WHERE id = ?`,
      );
      d.transaction(() => {
        for (const [id, t] of Object.entries(truth))
          upd.run(name, t === "persuadable" ? 1 : 0, t === "persuadable" ? "yes" : "no", id);
      })();
    };
    set(planted, "age_65_plus");
    // The same column under a neutral name: it is informative, so using it would change the audience.
    set(copy, "segment_x");

    // It really predicts uplift: in the experiment, contact lifts conversion far more where it is 1.
    const lift = (flag: number) => {
      const q = planted
        .prepare(
          `SELECT e.arm, avg(e.converted) AS c FROM contact_experiments e JOIN shoppers s ON s.id = e.shopper_id
        WHERE json_extract(s.features, '$.age_65_plus') = ? AND e.arm IN ('control', 'contact') GROUP BY e.arm`,
        )
        .all(flag) as { arm: string; c: number }[];
      return q.find((x) => x.arm === "contact")!.c - q.find((x) => x.arm === "control")!.c;
    };
    expect(lift(1)).toBeGreaterThan(lift(0) + 0.2);

    const withProtected = agentFor(planted).target({ proposal, inventory: null });
    expect(chosen(withProtected)).toEqual(chosen(before));
    expect(withProtected.audience.featuresRefused).toEqual(["age_65_plus"]);
    expect(withProtected.audience.featuresUsed).not.toContain("age_65_plus");
    for (const a of withProtected.proposal.targeting!.audienceAttributes!)
      expect(protectedCategoriesOf(a)).toEqual([]);
    expect(chosen(agentFor(copy).target({ proposal, inventory: null }))).not.toEqual(
      chosen(before),
    );
    planted.close();
    copy.close();
  });

  it("earns more true incremental margin than a blanket e-mail coupon to everyone reachable", () => {
    const r = agentFor(db).target({ proposal, inventory: null });
    const m = 4 * 0.8 - 1.6;
    const coupon = 4 * 0.15;
    const aff = new Map(
      (
        db
          .prepare(
            "SELECT id, json_extract(features, '$.affinity_frozen') AS a FROM shoppers WHERE market = 'UK'",
          )
          .all() as { id: string; a: number }[]
      ).map((x) => [x.id, x.a]),
    );
    // Truth: 1–3 units per order, 2 on average.
    const value = (id: string, arm: "contact" | "contact_discount", cost: number) => {
      const p = (a: "control" | typeof arm) => truePurchaseProbability(truth[id]!, a, aff.get(id)!);
      return (
        (p(arm) - p("control")) * 2 * m -
        (arm === "contact_discount" ? p(arm) * 2 * coupon : 0) -
        cost
      );
    };
    const agentValue = r.decisions
      .filter((d) => d.action !== "no_contact")
      .reduce(
        (a, d) =>
          a +
          value(
            d.shopperId,
            d.action === "contact" ? "contact" : "contact_discount",
            d.channel === "sms" ? 0.06 : 0.02,
          ),
        0,
      );
    const reachable = r.decisions.filter(
      (d) => d.reason !== "frequency_cap" && consentInForce(db, d.shopperId, "email"),
    );
    const blanket = reachable.reduce((a, d) => a + value(d.shopperId, "contact_discount", 0.02), 0);
    expect(agentValue).toBeGreaterThan(blanket);
    expect(r.audience.expectedIncrementalMargin).toBeGreaterThan(0);
  });

  it("does not target more buyers than the promoted item's spare stock can serve", () => {
    const inventory = {
      skus: { "FRZ-01": { availableUnits: 1150 + 20 } },
    } as unknown as InventoryView;
    const r = agentFor(db).target({ proposal, inventory });
    expect(r.audience.spareStockUnits).toBe(20);
    expect(r.audience.limitedBy).toBe("stock");
    expect(r.audience.expectedIncrementalUnits).toBeLessThanOrEqual(20);
    expect(r.audience.contacts).toBeGreaterThan(0);
    expect(r.audience.segments.some((g) => g.reason.includes("spare stock"))).toBe(true);
  });

  it("adds the audience's cost and margin to the proposal the policy checks, and drops a channel nobody is reached on", () => {
    const r = agentFor(db).target({
      proposal: { ...proposal, channels: ["store", "email"] },
      inventory: null,
    });
    expect(r.proposal.budget!.media).toBeCloseTo(r.audience.contactCost, 2);
    expect(r.proposal.budget!.discount).toBeCloseTo(120 + r.audience.discountCost, 2);
    expect(r.proposal.predicted.incrementalMargin).toBeCloseTo(
      180 + r.audience.expectedIncrementalMargin,
      1,
    );
    const none = createTargetingAgent({
      db,
      clock: fixedClock(NOW),
      policy: loadPolicy(),
      maxSpend: 0,
    }).target({ proposal: { ...proposal, channels: ["store", "email"] }, inventory: null });
    expect(none.audience.contacts).toBe(0);
    expect(none.proposal.channels).toEqual(["store"]);
  });

  it("without shoppers or experiments, reaches nobody, drops the targeted channels and says why", () => {
    const empty = openDb(":memory:");
    const r = agentFor(empty).target({ proposal, inventory: null });
    expect(r.audience).toMatchObject({ shoppers: 0, contacts: 0, segment: null });
    expect(r.audience.notes.join(" ")).toMatch(/no shoppers stored for UK/);
    expect(r.proposal.channels).toEqual(["store"]);
    empty.close();
  });

  it("names the shopper and the field when a stored feature is not a number", () => {
    const bad = openDb(":memory:");
    loadDemoShoppers(bad, { seed: 1, perMarket: 5 });
    bad
      .prepare(
        "UPDATE shoppers SET features = json_set(features, '$.visits_per_month', 'often') WHERE id = 'SH-UK-0003'",
      )
      .run();
    expect(() => agentFor(bad).target({ proposal, inventory: null })).toThrow(
      /shoppers row SH-UK-0003: features\.visits_per_month/,
    );
    bad.close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addWeek, liveTestCampaign, seedCatalog } from "../monitoring/testing.js";
import { approvalStatus, recordVote, validatePolicy } from "../policies/index.js";
import { openDb } from "../store/db.js";
import type { Db } from "../store/db.js";
import { getCampaign } from "./campaign-store.js";
import { deliverPending } from "./delivery.js";
import { applyApprovedEdits, campaignEdits, editCampaign } from "./edit.js";
import { campaignHistory, campaignState } from "./events.js";
import { setKillSwitch } from "../policies/kill-switch.js";
import { campaignOutbox } from "./outbox.js";
import { scriptedAdapter, steppingClock } from "./testing.js";
import { storeScenarioPredictor } from "../graph/predictor.js";
import type { LoadedPolicy } from "../policies/index.js";

const policy = validatePolicy({
  approvalRequired: { newMarket: false, newMechanic: false },
  channels: { allowed: { "*": ["store", "ecommerce"] } },
});
const mia = { by: "mia (marketing)", reason: "rival cut its price" };

describe("editCampaign: the edited campaign is re-checked by policy", () => {
  let db: Db;
  let clock: ReturnType<typeof steppingClock>;
  let model: (p: LoadedPolicy) => ReturnType<typeof storeScenarioPredictor>;
  const adapters = () => ({
    store: scriptedAdapter("store"),
    ecommerce: scriptedAdapter("ecommerce"),
  });
  beforeEach(async () => {
    db = openDb(":memory:");
    clock = steppingClock("2025-02-20T10:00:00Z");
    // The edited scenario's units are recomputed by the promotion agent's model, as the CLI and HTTP paths do.
    model = (p: LoadedPolicy) => storeScenarioPredictor({ db, clock, policy: p });
    seedCatalog(db);
    await liveTestCampaign(db, "c-1", clock);
    clock.advance(13 * 86_400_000); // 2025-03-05, the campaign is live
    addWeek(db, "2025-03-09", 240);
  });
  afterEach(() => db.close());

  it("an edit that cannot launch (digital_ads with no audience) is refused at check time, and a stuck one never blocks the next", async () => {
    const ads = editCampaign(db, "c-1", { channels: ["store", "digital_ads"] }, mia, {
      policy: validatePolicy({ approvalRequired: { newMarket: false, newMechanic: false } }),
      clock,
      predictor: model(
        validatePolicy({ approvalRequired: { newMarket: false, newMechanic: false } }),
      ),
    });
    expect(ads).toMatchObject({
      status: "refused",
      approvalRequestId: null,
      reasons: [
        expect.stringMatching(/^launch: cannot launch: audience: digital_ads needs an audience/),
      ],
    });
    // An approved edit that fails at launch (written before this check existed) is closed as refused; the next edit still applies.
    const bad = { ...getCampaign(db, "c-1").proposal, channels: ["store", "digital_ads"] };
    db.prepare(
      "INSERT INTO approval_requests (id, proposal_id, proposal, policy_version, verdict, all_of, any_of, status, resolution, created_at, deadline_at) VALUES ('apr-x', 'c-1', '{}', 'v', '{}', '[]', '[]', 'approved', 'approved', '2025-03-05', '2025-03-07')",
    ).run();
    db.prepare(
      `INSERT INTO campaign_edits (campaign_id, from_version, to_version, changes, proposal, status, verdict, reasons, approval_request_id, by, reason, requested_at)
       VALUES ('c-1', 1, 2, '{}', ?, 'awaiting_approval', 'escalate', '[]', 'apr-x', 'mia (marketing)', 'x', '2025-03-05')`,
    ).run(JSON.stringify(bad));
    db.prepare("UPDATE approval_requests SET proposal = ? WHERE id = 'apr-x'").run(
      JSON.stringify(bad),
    );
    expect(applyApprovedEdits(db, { policy, clock })).toEqual([
      expect.objectContaining({
        status: "refused",
        reasons: [expect.stringMatching(/^launch: .*audience/)],
      }),
    ]);
    expect(
      editCampaign(db, "c-1", { discountPct: 28 }, mia, { policy, clock, predictor: model(policy) })
        .status,
    ).toBe("applied");
    expect((await deliverPending(db, adapters(), clock)).delivered).toBe(1);
  });

  it("allowed: applies a new version through the outbox and the campaign stays live on it", async () => {
    const r = editCampaign(db, "c-1", { discountPct: 28 }, mia, {
      policy,
      clock,
      predictor: model(policy),
    });
    expect(r).toMatchObject({
      status: "applied",
      verdict: "allow",
      fromVersion: 1,
      toVersion: 2,
      summary: "discount 25 → 28 % (price 3.00 → 2.88), budget 0+1000 → 0+1120",
    });
    expect(getCampaign(db, "c-1")).toMatchObject({
      version: 2,
      status: "live",
      proposal: { discountPct: 28 },
    });
    expect(campaignHistory(db, "c-1").at(-1)).toMatchObject({
      from: "live",
      to: "live",
      version: 2,
      by: "mia (marketing)",
      reason: expect.stringContaining("edit #1: discount 25 → 28 %"),
    });
    const a = adapters();
    expect((await deliverPending(db, a, clock)).delivered).toBe(1);
    expect(a.store.calls.map((c) => `${c.key} ${c.message.offer.promoPrice}`)).toEqual([
      "c-1:v2:launch:store 2.88",
    ]);
    expect(campaignState(db, "c-1")).toMatchObject({ status: "live", version: 2 });
    expect(campaignEdits(db, "c-1")).toEqual([
      expect.objectContaining({
        status: "applied",
        by: "mia (marketing)",
        reason: "rival cut its price",
      }),
    ]);
  });

  it("escalated: opens an approval request and applies the edit only once it is approved", () => {
    const r = editCampaign(db, "c-1", { discountPct: 35 }, mia, {
      policy,
      clock,
      predictor: model(policy),
    });
    expect(r).toMatchObject({
      status: "awaiting_approval",
      verdict: "escalate",
      approvalRequestId: "apr-c-1-1",
      reasons: [expect.stringMatching(/^autonomy\.discount_depth: depth 35 % > cap 30 %/)],
    });
    expect(getCampaign(db, "c-1").version).toBe(1);
    expect(campaignOutbox(db, "c-1").filter((o) => o.campaignVersion === 2)).toEqual([]);
    expect(() =>
      editCampaign(db, "c-1", { discountPct: 20 }, mia, {
        policy,
        clock,
        predictor: model(policy),
      }),
    ).toThrow(/edit #1 still waits for approval \(apr-c-1-1\)/);
    expect(applyApprovedEdits(db, { policy, clock })).toEqual([]); // still pending
    recordVote(
      db,
      {
        requestId: "apr-c-1-1",
        role: "category_manager",
        approver: "cm (category_manager)",
        decision: "approve",
        comment: "ok for two weeks",
      },
      clock,
    );
    expect(applyApprovedEdits(db, { policy, clock }).map((e) => e.status)).toEqual(["applied"]);
    expect(getCampaign(db, "c-1")).toMatchObject({ version: 2, proposal: { discountPct: 35 } });
    expect(campaignHistory(db, "c-1").at(-1)!.reason).toContain(
      "approved by cm (category_manager)",
    );
  });

  it("blocked: refuses with the reasons, records who asked, and changes nothing", () => {
    const r = editCampaign(db, "c-1", { channels: ["store", "email"] }, mia, {
      policy,
      clock,
      predictor: model(policy),
    });
    expect(r).toMatchObject({ status: "refused", verdict: "block" });
    expect(r.reasons.join("; ")).toMatch(/channel\.allowed: .*email/);
    expect(getCampaign(db, "c-1").version).toBe(1);
    expect(campaignEdits(db, "c-1")).toEqual([
      expect.objectContaining({ status: "refused", verdict: "block", by: "mia (marketing)" }),
    ]);
  });

  it("escalates an otherwise allowed edit while the kill switch is on; refuses bad input with the field", () => {
    setKillSwitch(db, true, "ops@shop", "pricing incident", clock);
    const r = editCampaign(db, "c-1", { discountPct: 28 }, mia, {
      policy,
      clock,
      predictor: model(policy),
    });
    expect(r).toMatchObject({
      status: "awaiting_approval",
      reasons: [
        expect.stringMatching(
          /^autonomy\.kill_switch: kill switch on since .* \(ops@shop: pricing incident\)/,
        ),
      ],
    });
    expect(approvalStatus(db, r.approvalRequestId!).request.required).toEqual({
      allOf: ["category_manager"],
      anyOf: [],
    });
    expect(() =>
      editCampaign(db, "c-1", { endDate: "2025-03-20" }, mia, {
        policy,
        clock,
        predictor: model(policy),
      }),
    ).toThrow(/waits for approval/);
    setKillSwitch(db, false, "admin", "incident over", clock);
    expect(() =>
      editCampaign(db, "c-2", { weeks: 2 }, mia, { policy, clock, predictor: model(policy) }),
    ).toThrow("no campaign c-2");
  });

  it("rejects an end date that is not a whole number of weeks", () => {
    expect(() =>
      editCampaign(db, "c-1", { endDate: "2025-03-20" }, mia, {
        policy,
        clock,
        predictor: model(policy),
      }),
    ).toThrow(/endDate 2025-03-20: a campaign runs whole weeks from its start 2025-03-03/);
    expect(
      editCampaign(db, "c-1", { endDate: "2025-03-23" }, mia, {
        policy,
        clock,
        predictor: model(policy),
      }),
    ).toMatchObject({ status: "applied", summary: "weeks 4 → 3" });
  });

  it("a live edit that a channel refuses for good takes the campaign off every channel and pauses it for people", async () => {
    editCampaign(db, "c-1", { discountPct: 28 }, mia, { policy, clock, predictor: model(policy) });
    const store = scriptedAdapter("store", ["reject"]);
    const report = await deliverPending(db, { store }, clock);
    expect(report.rolledBack).toEqual(["c-1:v2:launch"]);
    expect(campaignHistory(db, "c-1").at(-1)).toMatchObject({
      from: "live",
      to: "paused",
      by: "autopromo",
      reason: expect.stringMatching(
        /^version 2 failed on store: store: HTTP 400: bad price; taken off every channel/,
      ),
    });
    expect(store.calls.map((c) => `${c.op} ${c.key}`)).toEqual([
      "deliver c-1:v2:launch:store",
      "retract c-1:v2:launch:rollback:store",
    ]);
  });
});

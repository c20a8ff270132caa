import { deliverPending } from "../channels/delivery.js";
import { launchApprovedCampaign } from "../channels/execute.js";
import { channelPolicy, scriptedAdapter, steppingClock } from "../channels/testing.js";
import { decisionRecordSchema } from "../domain/decision.js";
import { promotionProposalSchema } from "../domain/proposal.js";
import type { PromotionProposal } from "../domain/proposal.js";
import type { Clock } from "../domain/clock.js";
import type { Db } from "../store/db.js";

/**
 * Test fixtures for monitoring: a decision whose chosen TPR forecasts, over 4 weeks from
 * 2025-03-03, 100 baseline and 250 promoted units a week at 4.00 → 3.00 with unit cost 2.00
 * (in-window margin +50 a week, 80 % interval of promoted units ±12 %), launched live on the
 * store channel; and weekly sales rows. Not part of the public API.
 */

export const START = "2025-03-03";
export const WEEK_ENDS = ["2025-03-09", "2025-03-16", "2025-03-23", "2025-03-30"];

export function chosenScenario(over: { weeks?: number } = {}) {
  const weeks = over.weeks ?? 4;
  const s = weeks / 4;
  return {
    scenario: {
      id: "SKU-1:tpr:25:4w",
      sku: "SKU-1",
      category: "snacks",
      market: "US-EAST",
      mechanic: "tpr" as const,
      depthPct: 25,
      weeks,
      startDate: START,
      channels: ["store" as const],
    },
    prediction: {
      baselineUnits: 400 * s,
      promoUnits: 1000 * s,
      incrementalUnits: 600 * s,
      cannibalisedUnits: 0,
      pulledForwardUnits: 0,
      netIncrementalUnits: 600 * s,
      liftPct: 150,
      regularPrice: 4,
      promoPrice: 3,
      unitCost: 2,
      discountCost: 1000 * s,
      mediaCost: 0,
      carryingCostSaved: 0,
      incrementalMargin: 200 * s,
      roi: 0.2,
      stockNeeded: 1000 * s,
      stockAvailable: 5000,
      interval80: {
        promoUnits: [880 * s, 1120 * s] as [number, number],
        incrementalUnits: [480 * s, 720 * s] as [number, number],
        incrementalMargin: [80 * s, 320 * s] as [number, number],
      },
    },
    feasible: true,
    constraints: [],
  };
}

export function testProposal(id: string, over: Record<string, unknown> = {}): PromotionProposal {
  return promotionProposalSchema.parse({
    id,
    scope: { skus: ["SKU-1"], category: "snacks", markets: ["US-EAST"] },
    mechanic: "tpr",
    regularPrice: 4,
    discountPct: 25,
    startDate: START,
    weeks: 4,
    channels: ["store"],
    budget: { media: 0, discount: 1000 },
    predicted: {
      baselineUnits: 400,
      incrementalUnits: 600,
      liftPct: 150,
      incrementalMargin: 200,
      roi: 0.2,
      unitCost: 2,
      totalUnits: 1000,
    },
    ...over,
  });
}

/** Writes a decision record holding the chosen scenario above. */
export function insertDecision(db: Db, id: string, at = "2025-02-20T10:00:00.000Z"): void {
  const chosen = chosenScenario();
  const r = decisionRecordSchema.parse({
    id,
    threadId: id,
    trigger: { kind: "scope" },
    scope: { category: "snacks", market: "US-EAST" },
    status: "executed",
    inputs: {},
    findings: [],
    scenarios: [chosen],
    considered: 1,
    chosen,
    alternatives: [],
    explanation: "test",
    proposal: null,
    policy: null,
    revisions: [],
    approvals: [],
    approvalRequestId: null,
    outcome: { status: "executed", reason: "test" },
    checkpointId: null,
    policyVersion: null,
    modelVersion: "test",
    reasoner: { name: "offline", promptTokens: 0, completionTokens: 0 },
    createdAt: at,
    updatedAt: at,
  });
  db.prepare(
    `INSERT INTO decisions (id, thread_id, trigger, category, market, status, verdict, proposal_id, approval_request_id, checkpoint_id, policy_version, model_version, reasoner, record, created_at, updated_at)
     VALUES (?, ?, 'scope', 'snacks', 'US-EAST', 'executed', 'allow', NULL, NULL, NULL, NULL, 'test', 'offline', ?, ?, ?)`,
  ).run(id, id, JSON.stringify(r), at, at);
}

/** A campaign executed from its decision and delivered until live. */
export async function liveTestCampaign(
  db: Db,
  id = "c-1",
  clock: Clock & { advance(ms: number): void } = steppingClock(),
): Promise<string> {
  insertDecision(db, `d-${id}`);
  launchApprovedCampaign(
    db,
    {
      decisionId: `d-${id}`,
      proposal: testProposal(id),
      approvalRequestId: null,
      approvedBy: ["cm (category_manager)"],
      policyVersion: "test",
    },
    { policy: channelPolicy(), clock },
  );
  await deliverPending(
    db,
    { store: scriptedAdapter("store"), ecommerce: scriptedAdapter("ecommerce") },
    clock,
  );
  return id;
}

/** Stores one week of sales of SKU-1 in US-EAST at the promoted price 3.00. */
export function addWeek(db: Db, week: string, units: number, price = 3): void {
  db.prepare(
    `INSERT INTO sales (source, sku, market_id, location_id, channel, granularity, period_start, period_end, retail_week, units, revenue, price_paid, regular_price, feature, display, tpr, content_hash, ingest_id)
     VALUES ('test', 'SKU-1', 'US-EAST', NULL, 'store', 'week', ?, ?, ?, ?, ?, ?, 4, 0, 0, 1, ?, 0)`,
  ).run(week, week, week, units, units * price, price, `${week}:${units}`);
}

/** Catalog and stock the policy context reads: three snacks SKUs (one promoted: 33 % of the category) and stock of SKU-1. */
export function seedCatalog(db: Db, asOf = "2025-02-19T00:00:00Z"): void {
  db.prepare(
    "INSERT INTO markets (id, name, region, currency, time_zone, week_ends_on) VALUES ('US-EAST', 'East', 'US', 'EUR', 'UTC', 'sunday')",
  ).run();
  db.prepare(
    "INSERT INTO locations (id, name, market_id, kind) VALUES ('S1', 'Store 1', 'US-EAST', 'store')",
  ).run();
  for (const sku of ["SKU-1", "SKU-2", "SKU-3"]) {
    db.prepare(
      "INSERT INTO products (sku, name, category, unit_cost, regular_price, currency) VALUES (?, ?, 'snacks', 2, 4, 'EUR')",
    ).run(sku, sku);
  }
  db.prepare(
    `INSERT INTO inventory (source, sku, location_id, market_id, as_of, retail_week, on_hand, on_order, in_transit, content_hash, ingest_id)
     VALUES ('test', 'SKU-1', 'S1', 'US-EAST', ?, ?, 50000, 0, 0, 'x', 0)`,
  ).run(asOf, asOf.slice(0, 10));
}

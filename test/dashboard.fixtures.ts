import { decisionRecordSchema, type DecisionRecord } from "../src/domain/decision.js";
import type { Scenario } from "../src/domain/scenario.js";
import { saveDecision } from "../src/graph/decisions.js";
import {
  addWeek,
  chosenScenario,
  liveTestCampaign,
  seedCatalog,
  testProposal,
  WEEK_ENDS,
} from "../src/monitoring/testing.js";
import { recordOutcome } from "../src/monitoring/index.js";
import { commitSpend } from "../src/policies/index.js";
import { type Clock } from "../src/domain/index.js";
import type { Db } from "../src/store/index.js";
import { pendingApproval, steppingClock } from "./server/helpers.js";

/**
 * The world the dashboard test looks at, on the server's day 2025-03-12: a live campaign with two
 * weeks of actuals and its decision (alternatives, every rule), a decision awaiting finance and
 * marketing or legal, a no-promotion decision, a request finance alone must answer, spend in EUR
 * and GBP (converted through USD quotes), a settled campaign, and stock on both sides of the lines.
 */
export const SERVER_NOW = "2025-03-12T10:00:00Z";
export const TODAY = "2025-03-12";

type Chosen = Omit<ReturnType<typeof chosenScenario>, "scenario"> & { scenario: Scenario };
type ScenarioPatch = Partial<Scenario>;

function withScenario(
  base: Chosen,
  s: ScenarioPatch,
  margin: number,
  interval: [number, number],
): Chosen {
  const prediction = {
    ...base.prediction,
    incrementalMargin: margin,
    interval80: { ...base.prediction.interval80, incrementalMargin: interval },
  };
  return {
    ...base,
    scenario: {
      ...base.scenario,
      ...s,
      id: `${s.sku ?? base.scenario.sku}:${s.mechanic ?? base.scenario.mechanic}:${s.depthPct ?? base.scenario.depthPct}`,
    },
    prediction,
  };
}

const RULES = [
  {
    id: "success.min_lift",
    outcome: "pass" as const,
    reason: "predicted lift 150 % ≥ minimum 5 %",
  },
  { id: "autonomy.discount_depth", outcome: "pass" as const, reason: "depth 25 % ≤ cap 30 %" },
  {
    id: "supply.inventory_cover",
    outcome: "pass" as const,
    reason: "SKU-1: predicted 1000 units + 10 % safety = 1100 vs stock 50000: covered",
  },
];

function record(id: string, over: Partial<DecisionRecord>): DecisionRecord {
  const chosen = chosenScenario();
  const at = `${TODAY}T08:00:00.000Z`;
  return decisionRecordSchema.parse({
    id,
    threadId: id,
    trigger: { kind: "cycle" },
    scope: { category: "snacks", market: "US-EAST" },
    status: "executed",
    inputs: { currency: "EUR" },
    findings: [],
    scenarios: [chosen],
    considered: 24,
    chosen,
    alternatives: [],
    explanation: `Decision ${id}: recommend a 25 % price cut on SKU-1 for 4 weeks.`,
    proposal: {
      id: `p-${id}`,
      scope: { skus: ["SKU-1"], category: "snacks", markets: ["US-EAST"] },
    },
    policy: { verdict: "allow", policyVersion: "0123456789abcdef", rules: RULES, checkedAt: at },
    revisions: [],
    approvals: [],
    approvalRequestId: null,
    outcome: { status: "executed", reason: "allowed by policy" },
    checkpointId: null,
    policyVersion: "0123456789abcdef",
    modelVersion: "test",
    reasoner: { name: "offline", promptTokens: 0, completionTokens: 0 },
    createdAt: at,
    updatedAt: at,
    ...over,
  });
}

function decisions(db: Db, awaitingRequest: string): void {
  const base: Chosen = chosenScenario();
  const alt = (s: ScenarioPatch, m: number, i: [number, number], whyNot: string) => {
    const c = withScenario(base, s, m, i);
    return { scenario: c.scenario, prediction: c.prediction, whyNot };
  };
  saveDecision(
    db,
    record("d-c-e2e", {
      outcome: { status: "executed", campaignId: "c-e2e", reason: "allowed by policy; launched" },
      alternatives: [
        alt(
          { depthPct: 15 },
          120,
          [40, 200],
          "expected incremental margin 120 EUR, 80 less than the chosen 200 EUR",
        ),
        alt(
          { mechanic: "feature_display", depthPct: 0 },
          90,
          [10, 170],
          "lower expected margin: 90 EUR",
        ),
      ],
    }),
  );
  const awaiting = withScenario(base, { sku: "SKU-2", depthPct: 35, weeks: 2 }, 310, [150, 470]);
  saveDecision(
    db,
    record("d-await", {
      status: "awaiting_approval",
      chosen: awaiting,
      scenarios: [awaiting],
      approvalRequestId: awaitingRequest,
      createdAt: `${TODAY}T09:30:00.000Z`,
      updatedAt: `${TODAY}T09:30:00.000Z`,
      proposal: {
        id: "p-await",
        scope: { skus: ["SKU-2"], category: "snacks", markets: ["US-EAST"] },
      },
      policy: {
        verdict: "escalate",
        policyVersion: "0123456789abcdef",
        checkedAt: `${TODAY}T09:30:00.000Z`,
        rules: [
          ...RULES,
          {
            id: "approval.depth",
            outcome: "escalate",
            reason: "depth 35 % > approval threshold 30 %",
            roles: ["finance"],
          },
        ],
      },
      outcome: { status: "awaiting_approval", reason: "waiting for finance" },
    }),
  );
  const none = { ...withScenario(base, { mechanic: "none", depthPct: 0, weeks: 0 }, 0, [0, 0]) };
  saveDecision(
    db,
    record("d-none", {
      status: "no_action",
      scope: { category: "frozen", market: "UK" },
      chosen: none,
      scenarios: [none],
      policy: null,
      proposal: null,
      createdAt: `${TODAY}T07:00:00.000Z`,
      updatedAt: `${TODAY}T07:00:00.000Z`,
      outcome: {
        status: "no_action",
        reason: "no scenario beats doing nothing: best expected margin -12 EUR",
      },
    }),
  );
}

function market(db: Db, id: string, currency: string): void {
  db.prepare(
    "INSERT INTO markets (id, name, region, currency, time_zone, week_ends_on) VALUES (?, ?, 'EU', ?, 'UTC', 'sunday')",
  ).run(id, id, currency);
}

function spendAndFx(db: Db, clock: Clock): void {
  market(db, "UK", "GBP");
  const fx = db.prepare(
    "INSERT INTO fx_rates (date, from_ccy, to_ccy, rate) VALUES (?, ?, 'USD', ?)",
  );
  fx.run("2025-03-01", "GBP", 1.25);
  fx.run("2025-03-01", "EUR", 1.1);
  commitSpend(
    db,
    testProposal("c-uk", {
      scope: { skus: ["SKU-3"], category: "snacks", markets: ["UK"] },
      startDate: "2025-03-10",
      weeks: 2,
      budget: { media: 0, discount: 700 },
    }),
    clock,
    { status: "launched" },
  );
}

function stock(db: Db): void {
  // SKU-3 in US-EAST: 30 on hand against 100 a week unpromoted (0.3 weeks of cover: a stock-out risk).
  db.prepare(
    `INSERT INTO inventory (source, sku, location_id, market_id, as_of, retail_week, on_hand, on_order, in_transit, content_hash, ingest_id)
     VALUES ('test', 'SKU-3', 'S1', 'US-EAST', '2025-03-09T00:00:00Z', '2025-03-09', 30, 0, 0, 'y', 0)`,
  ).run();
  const sale =
    db.prepare(`INSERT INTO sales (source, sku, market_id, location_id, channel, granularity, period_start, period_end, retail_week, units, revenue, price_paid, regular_price, feature, display, tpr, content_hash, ingest_id)
     VALUES ('test', 'SKU-3', 'US-EAST', NULL, 'store', 'week', ?, ?, ?, 100, 400, 4, 4, 0, 0, 0, ?, 0)`);
  for (const w of ["2025-02-23", "2025-03-02", "2025-03-09"]) sale.run(w, w, w, `s3:${w}`);
}

/** Seeds everything above; returns the two approval request ids. */
export async function seedDashboard(db: Db): Promise<{ financeOnly: string; awaiting: string }> {
  const clock = steppingClock(SERVER_NOW);
  seedCatalog(db);
  await liveTestCampaign(db, "c-e2e", steppingClock("2025-02-20T10:00:00Z"));
  addWeek(db, WEEK_ENDS[0]!, 240);
  addWeek(db, WEEK_ENDS[1]!, 262);
  const financeOnly = pendingApproval(db, clock, "p-e2e", { financeOnly: true });
  const awaiting = pendingApproval(db, clock, "p-await");
  decisions(db, awaiting);
  spendAndFx(db, clock);
  stock(db);
  recordOutcome(db, {
    campaignId: "c-settled",
    method: "baseline",
    promotionType: "feature",
    market: "UK",
    category: "frozen",
    settledAt: "2025-02-01T00:00:00Z",
    forecastUnits: 80,
    actualUnits: 100,
    forecastIncrementalMargin: 40,
    measuredIncrementalMargin: 50,
    forecastLow: 20,
    forecastHigh: 80,
  });
  return { financeOnly, awaiting };
}

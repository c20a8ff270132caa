import type { Channel } from "../../../src/domain/channel.js";
import type { ApprovalAnswer } from "../../../src/graph/index.js";
import { DEMO_NOW } from "../../../src/graph/testing/demo-db.js";

/**
 * The run the graph crash harness kills: five scopes of the seeded demo market (with its
 * shoppers) under a policy that sends each down a different path, so the kill points cover every
 * node of the graph.
 */

/** The scenario's "today" (the restart adds a few minutes, to get past the outbox lease). */
export const SCENARIO_NOW = DEMO_NOW;

/**
 * Spend over 300 needs finance AND the category manager (two votes, two approving processes);
 * a blackout on snacks blocks the first proposal, so the promotion agent revises.
 */
export const SCENARIO_POLICY = `
autonomy:
  maxSpendPerCampaign: 300
approvals:
  routing:
    autonomy.spend_per_campaign: { allOf: [finance, category_manager] }
annualPlan:
  blackouts:
    - { name: "crash-test freeze", from: 2026-11-23, to: 2026-12-06, categories: [snacks] }
`;

export interface ScenarioScope {
  /** Fixed, so a restarted process continues the same thread rather than starting another. */
  decisionId: string;
  category: string;
  market: string;
  /** Answers given, in order, while the decision awaits approval. */
  votes: ApprovalAnswer[];
  /** The path it is meant to take (checked on the reference run). */
  path: string;
  /** Channel sets the promotion agent may plan (default: the grid's, which targets nobody). */
  channelSets?: Channel[][];
}

const vote = (role: string, decision: "approve" | "reject"): ApprovalAnswer => ({
  role,
  approver: `${role}@crash-test`,
  decision,
  comment: `${role} ${decision}s`,
});

export const SCENARIO_SCOPES: ScenarioScope[] = [
  {
    decisionId: "crash-cereal-DE",
    category: "cereal",
    market: "DE",
    votes: [],
    path: "allow → execute",
  },
  {
    decisionId: "crash-frozen-US-EAST",
    category: "frozen",
    market: "US-EAST",
    votes: [vote("finance", "approve"), vote("category_manager", "approve")],
    path: "escalate → two approvals → execute",
  },
  {
    decisionId: "crash-snacks-DE",
    category: "snacks",
    market: "DE",
    votes: [],
    path: "block → revise → plan again",
  },
  {
    decisionId: "crash-personal_care-US-EAST",
    category: "personal_care",
    market: "US-EAST",
    votes: [vote("category_manager", "reject")],
    path: "escalate → rejected",
  },
  // An e-mail campaign: the only path through target_audience (the others skip it).
  {
    decisionId: "crash-frozen-UK-email",
    category: "frozen",
    market: "UK",
    channelSets: [["store", "email"]],
    votes: [vote("finance", "approve"), vote("category_manager", "approve")],
    path: "audience → escalate → two approvals → execute",
  },
];

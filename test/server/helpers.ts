import { enqueueLaunch, deliverPending } from "../../src/channels/index.js";
import { channelPolicy, makeCampaign, scriptedAdapter } from "../../src/channels/testing.js";
import { createApprovalRequest, evaluateProposal } from "../../src/policies/index.js";
import { type Clock } from "../../src/domain/index.js";
import { makeContext, makePolicy, makeProposal } from "../../src/policies/testing.js";
import { escalate, type PolicyRule } from "../../src/policies/types.js";
import {
  createApp,
  createEventBus,
  createToken,
  TOKEN_ROLES,
  type AutopromoApp,
  type EventBus,
  type ServerDeps,
  type TokenRole,
} from "../../src/server/index.js";
import { openDb, type Db } from "../../src/store/index.js";

/** Test fixtures for the HTTP API: an in-memory database, one token per role, a campaign and an approval. */

export const NOW = "2025-02-20T10:00:00Z";

/** A clock tests can move. */
export function steppingClock(iso = NOW): Clock & { advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export type Tokens = Record<TokenRole, string>;

export interface TestApp {
  db: Db;
  clock: ReturnType<typeof steppingClock>;
  events: EventBus;
  tokens: Tokens;
  app: AutopromoApp;
}

/** An app on a fresh in-memory database with a token for every role. */
export function testApp(over: Partial<ServerDeps> = {}): TestApp {
  const db: Db = openDb(":memory:");
  const clock = steppingClock();
  const events = createEventBus(clock);
  const tokens = Object.fromEntries(
    TOKEN_ROLES.map((r) => [r, createToken(db, { role: r, name: `${r}-user` }, clock).secret]),
  ) as Tokens;
  const app = createApp({
    db,
    clock,
    events,
    policy: makePolicy({ channels: channelPolicy().channels }),
    ...over,
  });
  return { db, clock, events, tokens, app };
}

/** A request helper: JSON bodies, an optional bearer token. */
export function call(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(`http://localhost${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && typeof body !== "string"
        ? { "Content-Type": "application/json" }
        : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
}

/** A campaign launched on sandbox adapters until it is live. */
export async function liveCampaign(db: Db, clock: Clock, id = "c-1"): Promise<string> {
  enqueueLaunch(db, makeCampaign({ id, decisionId: `d-${id}` }), {
    policy: channelPolicy(),
    clock,
    by: "finance-user",
    reason: "approved",
  });
  await deliverPending(
    db,
    { store: scriptedAdapter("store"), ecommerce: scriptedAdapter("ecommerce") },
    clock,
  );
  return id;
}

/** A pending approval request asking finance (all of) and marketing or legal (any of), or finance only. */
export function pendingApproval(
  db: Db,
  clock: Clock,
  proposalId = "p-1",
  opts: { financeOnly?: boolean } = {},
): string {
  const policy = makePolicy({
    approvals: {
      deadlineHours: 48,
      routing: { autonomy: { allOf: ["finance"] }, brand: { anyOf: ["marketing", "legal"] } },
    },
  });
  const rules: PolicyRule[] = [
    {
      id: "autonomy.max_skus",
      builtin: false,
      summary: "",
      check: () => escalate("more SKUs than autonomy allows"),
    },
    {
      id: "brand.min_gap",
      builtin: false,
      summary: "",
      check: () => escalate("too soon after the last promotion"),
    },
  ];
  if (opts.financeOnly) rules.pop();
  const proposal = makeProposal({ id: proposalId });
  return createApprovalRequest(
    db,
    { proposal, verdict: evaluateProposal(proposal, makeContext(policy), clock, rules), policy },
    clock,
  ).id;
}

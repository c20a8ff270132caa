import { channelPolicy } from "../../../src/channels/testing.js";
import {
  createApp,
  createEventBus,
  createToken,
  langGraphPort,
  TOKEN_ROLES,
  type ServerDeps,
  type ServerEvent,
  type TokenRole,
} from "../../../src/server/index.js";
import { makePolicy } from "../../../src/policies/testing.js";
import { openDb, type Db } from "../../../src/store/index.js";
import { liveTestCampaign } from "../../../src/monitoring/testing.js";
import { pendingApproval, steppingClock } from "../../server/helpers.js";
import { seedCatalog } from "./catalog.js";

/** The API under fuzz: the shared reliability catalog, a live campaign, a pending approval, a thread, the real graph. */
export interface FuzzApp {
  db: Db;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof steppingClock>;
  tokens: Record<TokenRole, string>;
  /** Ids that exist, per path parameter, so some requests reach the routes' deeper code. */
  ids: { campaign: string; approval: string; thread: string };
  events: ServerEvent[];
}

export async function fuzzApp(over: Partial<ServerDeps> = {}): Promise<FuzzApp> {
  const db = openDb(":memory:");
  await seedCatalog(db);
  const clock = steppingClock("2024-06-01T00:00:00Z");
  const bus = createEventBus(clock);
  const events: ServerEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const tokens = Object.fromEntries(
    TOKEN_ROLES.map((r) => [r, createToken(db, { role: r, name: `${r}-fuzz` }, clock).secret]),
  ) as Record<TokenRole, string>;
  const policy = makePolicy({ channels: channelPolicy().channels });
  // Executed from a decision with a forecast, so edits (policy re-check) and performance reach their code.
  const campaign = await liveTestCampaign(db, "c-fuzz", clock);
  const approval = pendingApproval(db, clock, "p-fuzz");
  const graph = langGraphPort({ db, clock, policy });
  const app = createApp({ db, clock, events: bus, policy, graph, ...over });
  const res = await app.request("http://localhost/threads", {
    method: "POST",
    headers: { Authorization: `Bearer ${tokens.admin}`, "Content-Type": "application/json" },
    body: JSON.stringify({ scope: { category: "CEREAL", market: "DE" } }),
  });
  const thread = ((await res.json()) as { thread_id: string }).thread_id;
  return { db, app, clock, tokens, ids: { campaign, approval, thread }, events };
}

/** A valid body per documented route, the starting point of the mutations. Unknown routes start from {}. */
export function templateBody(path: string): Record<string, unknown> {
  if (path === "/campaigns/{id}/edit")
    return { changes: { discountPct: 28 }, reason: "match the rival's cut" };
  if (path.startsWith("/campaigns/{id}/")) return { reason: "stock-out at the DC" };
  if (path === "/autonomy/kill-switch") return { on: true, reason: "bad feed" };
  if (path === "/approvals/{id}") return { decision: "reject", comment: "not now" };
  if (path === "/threads")
    return { scope: { category: "CEREAL", market: "DE" }, metadata: { by: "fuzz" } };
  if (path.startsWith("/threads/{id}/runs")) return { input: { category: "CEREAL", market: "DE" } };
  return {};
}

/** The token of a role the route allows (the first voter for approvals). */
export function tokenFor(t: FuzzApp, roles: readonly TokenRole[] | "public"): string | undefined {
  if (roles === "public") return undefined;
  const pick = roles.find((r) => r !== "admin") ?? roles[0]!;
  return t.tokens[pick];
}

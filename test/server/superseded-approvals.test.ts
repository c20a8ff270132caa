import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, demoDb } from "../../src/graph/testing/demo-db.js";
import { fixedClock } from "../../src/domain/index.js";
import { createToken, startService, type ServerEvent } from "../../src/server/index.js";
import { openDb } from "../../src/store/index.js";

// Issue #26, item 5 over HTTP and the service loop: one pending request per scope and plan.
const scope = { category: "frozen", market: "UK" };
// Two weeks to answer: a request of a week ago is still open (an expired one is closed first).
const TWO_ROLES =
  "autonomy:\n  maxSpendPerCampaign: 100\napprovals:\n  deadlineHours: 336\n  routing:\n    autonomy: { allOf: [finance, legal] }\n";
const WEEK_LATER = new Date(Date.parse(DEMO_NOW) + 7 * 86_400_000).toISOString();
let dir: string;
let path: string;
let policyPath: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const demo = await demoDb();
  ({ dir, path } = demo);
  policyPath = join(dir, "two-roles.yaml");
  writeFileSync(policyPath, TWO_ROLES);
  for (const role of ["finance", "legal", "viewer"] as const)
    tokens[role] = createToken(
      demo.db,
      { role, name: `${role}-user` },
      fixedClock(DEMO_NOW),
    ).secret;
  demo.db.close();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (now: string) => ({
  dbPath: path,
  policyPath,
  port: 0,
  cycleEveryMs: 0,
  deliverEveryMs: 0,
  signalRuns: false,
  clock: fixedClock(now),
  feedEveryMs: 20,
});
const api = (url: string, role: string, route: string, body?: unknown) =>
  fetch(`${url}${route}`, {
    method: body ? "POST" : "GET",
    headers: {
      Authorization: `Bearer ${tokens[role]!}`,
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
const pendingOfScope = (list: { approvals: { request: { id: string; scope: unknown } }[] }) =>
  list.approvals
    .filter((a) => JSON.stringify(a.request.scope) === JSON.stringify(scope))
    .map((a) => a.request.id);
const requestOf = (decisionId: string) => {
  const db = openDb(path);
  try {
    return (
      db.prepare("SELECT approval_request_id AS r FROM decisions WHERE id = ?").get(decisionId) as {
        r: string;
      }
    ).r;
  } finally {
    db.close();
  }
};

describe("approvals across re-plans, over HTTP", () => {
  it("a re-plan with the same plan joins (votes kept); a later, different plan supersedes it, the feed says so and a vote on it answers 409 SUPERSEDED", async () => {
    const first = await startService(options(DEMO_NOW));
    let requestA: string;
    let decisionA: string;
    try {
      const a = await first.runScopeNow(scope, "signal: test");
      expect(a.status).toBe("awaiting_approval");
      decisionA = a.decisionId;
      requestA = requestOf(decisionA);
      const voted = await api(first.url, "finance", `/approvals/${requestA}`, {
        decision: "approve",
        comment: "within budget",
      });
      expect(voted.status).toBe(200);
      expect(await voted.json()).toMatchObject({
        request: { status: "pending" },
        missing: { allOf: ["legal"] },
      });
      // The scheduled cycle plans the scope again: the same plan joins the open request.
      const cycle = await first.runCycle();
      expect(cycle.results.find((r) => r.decisionId === decisionA)?.joinedBy).toBeDefined();
      const listed = (await (await api(first.url, "viewer", "/approvals")).json()) as {
        approvals: { request: { id: string; scope: unknown }; votes: unknown[] }[];
      };
      expect(pendingOfScope(listed)).toEqual([requestA]);
      expect(listed.approvals.find((x) => x.request.id === requestA)?.votes).toHaveLength(1);
    } finally {
      await first.close();
    }

    // A week later (a restart on a later clock) the plan starts a week later: a different plan.
    const later = await startService(options(WEEK_LATER));
    const seen: ServerEvent[] = [];
    later.events.subscribe((e) => void seen.push(e));
    try {
      const b = await later.runScopeNow(scope, "signal: a week later");
      expect(b.status).toBe("awaiting_approval");
      expect(b.decisionId).not.toBe(decisionA);
      const requestB = requestOf(b.decisionId);
      expect(seen.map((e) => e.data)).toContainEqual(
        expect.objectContaining({
          requestId: requestA,
          status: "superseded",
          supersededBy: requestB,
        }),
      );

      const refused = await api(later.url, "legal", `/approvals/${requestA}`, {
        decision: "approve",
        comment: "ok",
      });
      expect(refused.status).toBe(409);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("SUPERSEDED");
      expect(body.error.message).toContain(requestB);

      const old = (await (await api(later.url, "viewer", `/approvals/${requestA}`)).json()) as {
        request: { status: string; supersededBy: string };
        votes: unknown[];
      };
      expect(old.request).toMatchObject({ status: "superseded", supersededBy: requestB });
      expect(old.votes).toHaveLength(1);
      const listed = (await (await api(later.url, "viewer", "/approvals")).json()) as {
        approvals: { request: { id: string; scope: unknown } }[];
      };
      expect(pendingOfScope(listed)).toEqual([requestB]);
      const decision = (await (
        await api(later.url, "viewer", `/decisions/${decisionA}`)
      ).json()) as { status: string; outcome: { reason: string } };
      expect(decision.status).toBe("rejected");
      expect(decision.outcome.reason).toContain(`approval superseded by ${requestB}`);
    } finally {
      await later.close();
    }
  }, 180_000);
});
